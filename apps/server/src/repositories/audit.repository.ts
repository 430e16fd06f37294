import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { actingContext } from '../db/acting-context.ts';
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
  // A write made with an API token names the token (its maker is the actor).
  const apiToken = actingContext()?.apiToken;
  const details = apiToken ? { ...entry.details, apiToken } : (entry.details ?? {});
  const prevHash = previous?.hash ?? null;
  const hash = auditHash({
    chainVersion: AUDIT_CHAIN_VERSION,
    contractId,
    at,
    action: entry.action,
    target: entry.target ?? null,
    details,
    prevHash,
    actorAccountId: entry.actorAccountId ?? null,
    actorStaffId: entry.actorStaffId ?? null,
    ip: entry.ip ?? null,
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
      chainVersion: AUDIT_CHAIN_VERSION,
    })
    .execute();
}

/** Rows written now: the hash covers who did it (actor ids, address) as well as what was done. */
const AUDIT_CHAIN_VERSION = 2;

interface HashedAuditRow {
  chainVersion: number;
  contractId: string;
  at: Date;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  prevHash: string | null;
  actorAccountId: number | null;
  actorStaffId: number | null;
  ip: string | null;
}

function auditHash(row: HashedAuditRow): string {
  const covered: unknown[] = [
    row.prevHash,
    row.contractId,
    row.at.toISOString(),
    row.action,
    row.target,
    row.details,
  ];
  if (row.chainVersion >= 2) covered.push(row.actorAccountId, row.actorStaffId, row.ip);
  return createHash('sha256').update(canonicalJson(covered)).digest('hex');
}

/** Recomputes a contract's chain; returns the id of the first broken row, or null when intact. */
export async function verifyAuditChain(trx: Tx, contractId: string): Promise<number | null> {
  return (await verifyAuditRows(trx, contractId)).brokenId;
}

/** The 操作ログ chain checked in pages of rows, so that a long log is never held in memory at once. */
export async function verifyAuditRows(
  trx: Tx,
  contractId: string,
): Promise<{ rows: number; brokenId: number | null }> {
  let prevHash: string | null = null;
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = await trx
      .selectFrom('auditLog')
      .select([
        'id',
        'at',
        'action',
        'target',
        'details',
        'prevHash',
        'hash',
        'chainVersion',
        'actorAccountId',
        'actorStaffId',
        'ip',
      ])
      .where('contractId', '=', contractId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(2000)
      .execute();
    for (const row of rows) {
      count += 1;
      const expected = auditHash({
        chainVersion: row.chainVersion,
        contractId,
        at: row.at,
        action: row.action,
        target: row.target,
        details: row.details as Record<string, unknown>,
        prevHash,
        actorAccountId: row.actorAccountId === null ? null : Number(row.actorAccountId),
        actorStaffId: row.actorStaffId,
        ip: row.ip,
      });
      if (row.prevHash !== prevHash || row.hash !== expected) return { rows: count, brokenId: row.id };
      prevHash = row.hash;
    }
    if (rows.length < 2000) return { rows: count, brokenId: null };
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * The punches' chains (one per person, kept by the database): the first punch whose stored hash
 * is not the hash of its content, or whose link does not name the previous punch of that person.
 */
export async function verifyPunchChain(
  trx: Tx,
  contractId: string,
): Promise<{ rows: number; brokenId: number | null }> {
  const { rows } = await sql<{ rows: string; brokenId: string | null }>`
    with chain as (
      select x.id, x.row_hash, x.prev_hash, punch_row_hash(x) as expected,
        lag(x.row_hash) over (partition by x.staff_id order by x.chain_seq) as previous,
        x.chain_seq - lag(x.chain_seq, 1, 0) over (partition by x.staff_id order by x.chain_seq) as step
      from punches x where x.contract_id = ${contractId}
    )
    select count(*)::text as "rows",
      (select id::text from chain
        where row_hash is distinct from expected or prev_hash is distinct from previous or step <> 1
        order by id limit 1) as "brokenId"
    from chain`.execute(trx);
  const row = rows[0]!;
  return { rows: Number(row.rows), brokenId: row.brokenId === null ? null : Number(row.brokenId) };
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

export interface AuditQueryFilter {
  contractId: string;
  since: Date;
  until: Date;
  /** Done by this person, or to them (their record, their punches). */
  staffId?: number | undefined;
  actionPrefixes?: string[] | undefined;
  /** Rows older than this id (the cursor of the previous page). */
  beforeId?: number | undefined;
  limit: number;
}

/** The 操作ログ newest first, with who did it. */
export async function listAuditRows(trx: Tx, filter: AuditQueryFilter) {
  let query = trx
    .selectFrom('auditLog as a')
    .leftJoin('staff as s', (join) =>
      join.onRef('s.contractId', '=', 'a.contractId').onRef('s.id', '=', 'a.actorStaffId'),
    )
    .leftJoin('accounts as ac', 'ac.id', 'a.actorAccountId')
    .select([
      'a.id',
      'a.at',
      'a.action',
      'a.target',
      'a.details',
      'a.ip',
      'a.actorStaffId',
      's.name as actorName',
      sql<string | null>`coalesce(s.email, ac.email)`.as('actorEmail'),
    ])
    .where('a.contractId', '=', filter.contractId)
    .where('a.at', '>=', filter.since)
    .where('a.at', '<', filter.until);
  if (filter.beforeId !== undefined) query = query.where('a.id', '<', filter.beforeId);
  if (filter.actionPrefixes?.length) {
    const prefixes = filter.actionPrefixes;
    query = query.where((eb) => eb.or(prefixes.map((p) => eb('a.action', 'like', `${p}%`))));
  }
  if (filter.staffId !== undefined) {
    const staffId = filter.staffId;
    query = query.where((eb) =>
      eb.or([
        eb('a.actorStaffId', '=', staffId),
        eb('a.target', '=', `staff:${staffId}`),
        eb(
          'a.target',
          'in',
          eb
            .selectFrom('punches as p')
            .select(sql<string>`'punch:' || p.id`.as('ref'))
            .where('p.contractId', '=', filter.contractId)
            .where('p.staffId', '=', staffId),
        ),
      ]),
    );
  }
  return query.orderBy('a.id', 'desc').limit(filter.limit).execute();
}

/** Names for the targets of audit rows (`staff:3` → 山田 花子, `punch:9` → the punch's person …). */
export async function auditTargetLabels(
  trx: Tx,
  contractId: string,
  refs: string[],
): Promise<Map<string, string>> {
  const ids = (kind: string) =>
    refs
      .filter((r) => r.startsWith(`${kind}:`))
      .map((r) => Number(r.slice(kind.length + 1)))
      .filter((n) => Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 * 1000);
  const labels = new Map<string, string>();
  const staffIds = ids('staff');
  if (staffIds.length > 0) {
    const rows = await trx
      .selectFrom('staff')
      .select(['id', 'name'])
      .where('contractId', '=', contractId)
      .where('id', 'in', staffIds)
      .execute();
    for (const r of rows) labels.set(`staff:${r.id}`, r.name);
  }
  const punchIds = ids('punch');
  if (punchIds.length > 0) {
    const rows = await trx
      .selectFrom('punches as p')
      .innerJoin('staff as s', (join) =>
        join.onRef('s.contractId', '=', 'p.contractId').onRef('s.id', '=', 'p.staffId'),
      )
      .select(['p.id', 's.name'])
      .where('p.contractId', '=', contractId)
      .where('p.id', 'in', punchIds)
      .execute();
    for (const r of rows) labels.set(`punch:${r.id}`, r.name);
  }
  const officeIds = ids('office');
  if (officeIds.length > 0) {
    const rows = await trx
      .selectFrom('offices')
      .select(['id', 'name'])
      .where('contractId', '=', contractId)
      .where('id', 'in', officeIds)
      .execute();
    for (const r of rows) labels.set(`office:${r.id}`, r.name);
  }
  const terminalIds = ids('terminal');
  if (terminalIds.length > 0) {
    const rows = await trx
      .selectFrom('terminals as t')
      .innerJoin('offices as o', (join) =>
        join.onRef('o.contractId', '=', 't.contractId').onRef('o.id', '=', 't.officeId'),
      )
      .select(['t.id', 'o.name'])
      .where('t.contractId', '=', contractId)
      .where('t.id', 'in', terminalIds)
      .execute();
    for (const r of rows) labels.set(`terminal:${r.id}`, r.name);
  }
  return labels;
}
