import {
  AppError,
  type AuditKind,
  auditActionPrefixes,
  auditKindLabels,
  auditKindOf,
  describeAuditAction,
  instantOfWall,
  type Locale,
  shiftDate,
  wallClock,
} from '@timecard/domain';
import { type Db, withTenant } from '../db/database.ts';
import { type Actor, requireAdmin } from '../policies/actor.ts';
import {
  auditTargetLabels,
  listAuditRows,
  verifyAuditRows,
  verifyPunchChain,
} from '../repositories/audit.repository.ts';
import { findContract } from '../repositories/contract.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { type CsvCell, encodeCsv } from './csv-writer.ts';

/** What the page shows unless asked for more; the log itself is kept (never deleted) for ≥ 3 years. */
export const AUDIT_DEFAULT_DAYS = 90;

export interface AuditLogQuery {
  from?: string | undefined;
  to?: string | undefined;
  staffId?: number | undefined;
  kind?: AuditKind | undefined;
  cursor?: number | undefined;
  limit: number;
}

/** 設定 > 操作ログ: newest first, in words, with before → after of changed fields. */
export async function listAuditLog(ctx: AuthContext, actor: Actor, query: AuditLogQuery, locale: Locale) {
  requireAdmin(actor);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const contract = (await findContract(trx, actor.contractId))!;
    const range = auditRange(query, contract.timeZone, ctx.now?.() ?? new Date());
    const rows = await listAuditRows(trx, {
      contractId: actor.contractId,
      since: instantOfWall(`${range.from}T00:00`, contract.timeZone),
      until: instantOfWall(`${shiftDate(range.to, 1)}T00:00`, contract.timeZone),
      staffId: query.staffId,
      actionPrefixes: query.kind ? auditActionPrefixes(query.kind) : undefined,
      beforeId: query.cursor,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const labels = await auditTargetLabels(
      trx,
      actor.contractId,
      page.map((r) => r.target).filter((t): t is string => t !== null),
    );
    if (page.some((r) => r.target === `contract:${actor.contractId}`)) {
      labels.set(`contract:${actor.contractId}`, contract.name);
    }
    return {
      items: page.map((row) => presentAuditRow(row, labels, locale)),
      nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
      range,
    };
  });
}

/** The period asked for, in the contract's dates: the last 90 days by default. */
function auditRange(query: AuditLogQuery, timeZone: string, now: Date) {
  const today = wallClock(now, timeZone).date;
  const to = query.to ?? today;
  const from = query.from ?? shiftDate(to, -(AUDIT_DEFAULT_DAYS - 1));
  if (from > to) throw new AppError('date_invalid', {}, { from: 'date_invalid' });
  return { from, to };
}

type AuditRow = Awaited<ReturnType<typeof listAuditRows>>[number];

function presentAuditRow(row: AuditRow, labels: Map<string, string>, locale: Locale) {
  const label = row.target ? (labels.get(row.target) ?? null) : null;
  const { apiToken, ...details } = row.details as Record<string, unknown> & { apiToken?: { name?: string } };
  return {
    id: Number(row.id),
    at: row.at.toISOString(),
    action: row.action,
    kind: auditKindOf(row.action),
    text: describeAuditAction(row.action, label ?? row.target, locale),
    actor: row.actorStaffId
      ? { kind: 'staff' as const, staffId: row.actorStaffId, name: row.actorName, email: row.actorEmail }
      : row.action.startsWith('terminal.')
        ? { kind: 'terminal' as const, staffId: null, name: label, email: null }
        : { kind: 'system' as const, staffId: null, name: null, email: row.actorEmail },
    /** The API token the change came through (its maker is the actor). */
    apiToken: apiToken?.name ?? null,
    target: { ref: row.target, label },
    changes: changesOf(details),
    ip: row.ip,
  };
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && 'from' in value && 'to' in value;
}

/**
 * Before → after of each field, from whichever shape the action recorded: `{ before, after }` (a
 * punch), `{ field: { from, to } }` (a staff member, a plan), or plain values (what was set).
 */
export function changesOf(details: Record<string, unknown>) {
  const changes: { field: string; before: string | null; after: string | null }[] = [];
  if ('before' in details || 'after' in details) {
    const before = (details.before ?? {}) as Record<string, unknown>;
    const after = (details.after ?? {}) as Record<string, unknown>;
    for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
      changes.push({ field, before: text(before[field]), after: text(after[field]) });
    }
    for (const [field, value] of Object.entries(details)) {
      if (field !== 'before' && field !== 'after') changes.push({ field, before: null, after: text(value) });
    }
    return changes;
  }
  for (const [field, value] of Object.entries(details)) {
    if (isChange(value)) changes.push({ field, before: text(value.from), after: text(value.to) });
    else changes.push({ field, before: null, after: text(value) });
  }
  return changes;
}

/** `2026-12-04 09:05` in the contract's zone. */
function wallTimeText(instant: Date, timeZone: string): string {
  const { date, minutes } = wallClock(instant, timeZone);
  return `${date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const CSV_HEADER: Record<Locale, string[]> = {
  ja: ['日時', '操作者', 'メールアドレス', '種類', '内容', '対象', '変更前', '変更後', 'IPアドレス'],
  en: ['At', 'By', 'E-mail', 'Kind', 'What', 'Target', 'Before', 'After', 'IP address'],
};

/** The 操作ログ as CSV, all pages of the filter; every cell a person typed is made formula-safe. */
export async function auditLogCsv(
  ctx: AuthContext,
  actor: Actor,
  query: Omit<AuditLogQuery, 'cursor' | 'limit'> & { encoding: 'utf-8' | 'shift_jis' },
  locale: Locale,
): Promise<Buffer> {
  requireAdmin(actor);
  const contract = (await withTenant(ctx.db, actor.contractId, (trx) =>
    findContract(trx, actor.contractId),
  ))!;
  const records: CsvCell[][] = [CSV_HEADER[locale]];
  let cursor: number | undefined;
  do {
    const page = await listAuditLog(ctx, actor, { ...query, cursor, limit: 200 }, locale);
    for (const item of page.items) {
      const changed = item.changes.filter((c) => c.before !== null || c.after !== null);
      records.push([
        wallTimeText(new Date(item.at), contract.timeZone),
        (item.actor.name ?? (item.actor.kind === 'system' ? 'CLI' : '')) +
          (item.apiToken ? ` (API: ${item.apiToken})` : ''),
        item.actor.email,
        item.kind ? auditKindLabels[item.kind][locale] : item.action,
        item.text,
        item.target.label ?? item.target.ref,
        changed.map((c) => `${c.field}: ${c.before ?? ''}`).join(' / '),
        changed.map((c) => `${c.field}: ${c.after ?? ''}`).join(' / '),
        item.ip,
      ]);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return encodeCsv(records, query.encoding);
}

/** Both chains of a contract: the 操作ログ and the punches (each person's). */
export async function verifyContractChains(db: Db, contractId: string, now = new Date()) {
  return withTenant(db, contractId, async (trx) => {
    const audit = await verifyAuditRows(trx, contractId);
    const punches = await verifyPunchChain(trx, contractId);
    return {
      intact: audit.brokenId === null && punches.brokenId === null,
      checkedAt: now.toISOString(),
      audit,
      punches,
    };
  });
}

export async function verifyAuditLog(ctx: AuthContext, actor: Actor) {
  requireAdmin(actor);
  return verifyContractChains(ctx.db, actor.contractId, ctx.now?.() ?? new Date());
}
