import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';

export interface AuditEntry {
  action: string;
  actorAccountId?: number | null;
  actorStaffId?: number | null;
  target?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/**
 * Appends to the 操作ログ. Each row's hash covers the previous row's hash of the same contract, so
 * a deleted or altered row is detectable (verifyAuditChain). A transaction-scoped advisory lock per
 * contract serialises concurrent appends (the app role may not lock rows of an append-only table).
 */
export async function appendAudit(trx: Tx, contractId: string, entry: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`audit:${contractId}`}))`.execute(trx);
  const previous = await trx
    .selectFrom('auditLog')
    .select('hash')
    .where('contractId', '=', contractId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const at = new Date();
  const details = entry.details ?? {};
  const prevHash = previous?.hash ?? null;
  const hash = auditHash({
    contractId,
    at,
    action: entry.action,
    target: entry.target ?? null,
    details,
    prevHash,
  });
  await trx
    .insertInto('auditLog')
    .values({
      contractId,
      at,
      action: entry.action,
      actorAccountId: entry.actorAccountId ?? null,
      actorStaffId: entry.actorStaffId ?? null,
      target: entry.target ?? null,
      details: JSON.stringify(details),
      ip: entry.ip ?? null,
      prevHash,
      hash,
    })
    .execute();
}

function auditHash(row: {
  contractId: string;
  at: Date;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  prevHash: string | null;
}): string {
  return createHash('sha256')
    .update(
      canonicalJson([
        row.prevHash,
        row.contractId,
        row.at.toISOString(),
        row.action,
        row.target,
        row.details,
      ]),
    )
    .digest('hex');
}

/** Recomputes a contract's chain; returns the id of the first broken row, or null when intact. */
export async function verifyAuditChain(trx: Tx, contractId: string): Promise<number | null> {
  const rows = await trx
    .selectFrom('auditLog')
    .select(['id', 'at', 'action', 'target', 'details', 'prevHash', 'hash'])
    .where('contractId', '=', contractId)
    .orderBy('id')
    .execute();
  let prevHash: string | null = null;
  for (const row of rows) {
    const expected = auditHash({
      contractId,
      at: row.at,
      action: row.action,
      target: row.target,
      details: row.details,
      prevHash,
    });
    if (row.prevHash !== prevHash || row.hash !== expected) return row.id;
    prevHash = row.hash;
  }
  return null;
}

/** JSON with object keys sorted, so that jsonb's own key order never changes a hash. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
