import {
  AppError,
  type AttendanceCsvQuery,
  AttendanceCsvQuerySchema,
  type ExportColumnKey,
  type ExportLayoutInput,
  ExportLayoutInputSchema,
  MAX_LAYOUTS_PER_CONTRACT,
} from '@timecard/domain';
import { type Tx, withTenant } from '../db/database.ts';
import { type Actor, officesWithRight, requireAdmin } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  countExportLayouts,
  deleteExportLayout,
  findExportLayout,
  insertExportLayout,
  listExportLayouts,
  lockExportLayouts,
  updateExportLayout,
} from '../repositories/export-layout.repository.ts';
import { listOffices } from '../repositories/office.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { shiftJisHolds } from './csv-writer.ts';
import {
  attendanceCsv,
  attendanceSummary,
  attendanceSummaryPages,
  builtinCsvLayout,
  type CsvLayout,
  layoutCsv,
  layoutCsvHead,
  layoutCsvRows,
  layoutHeaderLine,
} from './report.service.ts';
import { parseOrThrow } from './validation.ts';

// 出力レイアウト of 集計・出力 (issue 14, ADR 023): a contract's saved layouts of the attendance CSV,
// and the download in one of them. The web page, the API and the CLI all write through here.

type LayoutRow = NonNullable<Awaited<ReturnType<typeof findExportLayout>>>;

function present(row: LayoutRow) {
  const layout = layoutOf(row);
  return {
    id: row.id,
    name: row.name,
    columns: layout.columns.map((c) => ({ key: c.key, header: c.header })),
    timeFormat: row.timeFormat,
    encoding: row.encoding,
    lineEnding: row.lineEnding,
    quoting: row.quoting,
    headerLine: layoutHeaderLine(layout),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type ExportLayoutAnswer = ReturnType<typeof present>;

function layoutOf(row: LayoutRow): CsvLayout {
  return {
    columns: row.columns as { key: ExportColumnKey; header: string }[],
    timeFormat: row.timeFormat,
    encoding: row.encoding,
    lineEnding: row.lineEnding,
    quoting: row.quoting,
  };
}

/** Who may see the layouts: whoever may download 集計・出力 (administrators, or 実績 閲覧). */
function assertMayDownload(actor: Actor) {
  const scope = officesWithRight(actor, 'attendance', 'view');
  if (scope !== 'all' && scope.length === 0) throw new AppError('forbidden');
  return scope;
}

/**
 * A layout as saved: the schema's checks (columns, headers, form), and a header Shift_JIS cannot
 * hold refused for a Shift_JIS layout — a name a person typed would otherwise turn into `?`.
 */
function validLayout(input: unknown): ExportLayoutInput {
  const layout = parseOrThrow(ExportLayoutInputSchema, input);
  if (layout.encoding === 'shift_jis') {
    const bad = layout.columns.findIndex((c) => !shiftJisHolds(c.header));
    if (bad >= 0) {
      throw new AppError(
        'export_layout_header_unencodable',
        {},
        {
          [`columns.${bad}.header`]: 'export_layout_header_unencodable',
        },
      );
    }
  }
  return layout;
}

export async function listLayouts(ctx: AuthContext, actor: Actor) {
  assertMayDownload(actor);
  return withTenant(ctx.db, actor.contractId, async (trx) => ({
    items: (await listExportLayouts(trx, actor.contractId)).map(present),
  }));
}

/** The header line an unsaved layout would write (the editor's preview), after the same checks. */
export function previewLayout(actor: Actor, input: unknown) {
  requireAdmin(actor);
  const layout = validLayout(input);
  return { headerLine: layoutHeaderLine(layout) };
}

async function assertNameFree(trx: Tx, contractId: string, name: string, exceptId?: number) {
  const same = await findExportLayout(trx, contractId, { name });
  if (same && same.id !== exceptId)
    throw new AppError('export_layout_name_taken', {}, { name: 'export_layout_name_taken' });
}

export async function createLayout(ctx: AuthContext, actor: Actor, input: unknown) {
  requireAdmin(actor);
  const layout = validLayout(input);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    await lockExportLayouts(trx, actor.contractId);
    if ((await countExportLayouts(trx, actor.contractId)) >= MAX_LAYOUTS_PER_CONTRACT) {
      throw new AppError('export_layout_limit', { limit: MAX_LAYOUTS_PER_CONTRACT });
    }
    await assertNameFree(trx, actor.contractId, layout.name);
    const row = await insertExportLayout(trx, actor.contractId, layout);
    await appendAudit(trx, actor.contractId, {
      action: 'export_layout.create',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `export_layout:${row.id}`,
      details: { ...layout },
    });
    return present(row);
  });
}

export async function updateLayout(ctx: AuthContext, actor: Actor, id: number, input: unknown) {
  requireAdmin(actor);
  const layout = validLayout(input);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    await lockExportLayouts(trx, actor.contractId);
    await assertNameFree(trx, actor.contractId, layout.name, id);
    const row = await updateExportLayout(trx, actor.contractId, id, layout);
    if (!row) throw new AppError('export_layout_not_found');
    await appendAudit(trx, actor.contractId, {
      action: 'export_layout.update',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `export_layout:${id}`,
      details: { ...layout },
    });
    return present(row);
  });
}

export async function deleteLayout(ctx: AuthContext, actor: Actor, id: number) {
  requireAdmin(actor);
  await withTenant(ctx.db, actor.contractId, async (trx) => {
    const row = await deleteExportLayout(trx, actor.contractId, id);
    if (!row) throw new AppError('export_layout_not_found');
    await appendAudit(trx, actor.contractId, {
      action: 'export_layout.delete',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `export_layout:${id}`,
      details: { name: row.name },
    });
  });
}

/** `?layout=` / `--layout`: digits are an id, anything else a name (names are never digits alone). */
async function resolveLayout(ctx: AuthContext, contractId: string, ref: string) {
  return withTenant(ctx.db, contractId, async (trx) => {
    const row = await findExportLayout(
      trx,
      contractId,
      /^\d{1,9}$/.test(ref) ? { id: Number(ref) } : { name: ref },
    );
    if (!row) throw new AppError('export_layout_not_found', {}, { layout: 'export_layout_not_found' });
    const offices = await listOffices(trx, contractId);
    return { layout: layoutOf(row), officeNames: new Map(offices.map((o) => [o.id, o.name])) };
  });
}

/**
 * The attendance CSV of a range: the built-in layout (the download's `encoding` and `hours`), or
 * a saved one (its own form). The 管理画面, the API and `report attendance` all answer this.
 */
export async function attendanceCsvFile(
  ctx: AuthContext,
  contractId: string,
  query: AttendanceCsvQuery,
  scope?: number[] | 'all',
) {
  const q = parseOrThrow(AttendanceCsvQuerySchema, query);
  // The layout first: an unknown one answers before the summary is worked out.
  const saved = q.layout !== undefined ? await resolveLayout(ctx, contractId, q.layout) : null;
  const summary = await attendanceSummary(ctx, contractId, q, scope);
  const body = saved
    ? layoutCsv(summary.rows, saved.layout, {
        from: summary.from,
        to: summary.to,
        officeNames: saved.officeNames,
      })
    : attendanceCsv(summary.rows, { encoding: q.encoding, hours: q.hours });
  return {
    body,
    encoding: saved ? saved.layout.encoding : q.encoding,
    from: summary.from,
    to: summary.to,
  };
}

/**
 * The same file as attendanceCsvFile, streamed (issue 21, ADR 027): the head and the first page of
 * people are worked out before anything is sent, so that a mistake (an unknown layout, invalid work
 * rules of someone early) answers as an error; then a page of people at a time (each page its own
 * transaction), so that a contract of 10,000 people starts at once and memory follows a page. A
 * failure on a later page ends the download unfinished (logged), as a proxy cut would.
 */
export async function attendanceCsvStream(
  ctx: AuthContext,
  contractId: string,
  query: AttendanceCsvQuery,
  scope?: number[] | 'all',
  pageSizes?: { first: number; rest: number },
) {
  const q = parseOrThrow(AttendanceCsvQuerySchema, query);
  const saved = q.layout !== undefined ? await resolveLayout(ctx, contractId, q.layout) : null;
  const layout = saved ? saved.layout : builtinCsvLayout({ encoding: q.encoding, hours: q.hours });
  const { from, to, pages } = attendanceSummaryPages(ctx, contractId, q, scope, pageSizes);
  // The built-in columns need no range or office.
  const context = saved ? { from, to, officeNames: saved.officeNames } : { from: '', to: '' };
  const first = await pages.next();
  async function* body() {
    yield Buffer.concat([
      layoutCsvHead(layout),
      first.done ? Buffer.alloc(0) : layoutCsvRows(first.value, layout, context),
    ]);
    for await (const rows of pages) yield layoutCsvRows(rows, layout, context);
  }
  return { body: body(), encoding: layout.encoding, from, to };
}

/** The download in the 管理画面 or by API token: administrators, or 実績 閲覧 on the offices shown. */
export async function attendanceCsvForActor(ctx: AuthContext, actor: Actor, query: AttendanceCsvQuery) {
  const scope = assertMayDownload(actor);
  if (scope !== 'all' && query.officeId !== undefined && !scope.includes(Number(query.officeId))) {
    throw new AppError('forbidden');
  }
  return attendanceCsvStream(ctx, actor.contractId, query, scope);
}
