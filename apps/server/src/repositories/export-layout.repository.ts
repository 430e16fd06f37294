import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';

/** A saved 出力レイアウト as written (columns as [{ key, header }], in file order). */
export interface NewExportLayout {
  name: string;
  columns: { key: string; header: string }[];
  timeFormat: 'hmm' | 'decimal' | 'minutes';
  encoding: 'shift_jis' | 'utf-8';
  lineEnding: 'crlf' | 'lf';
  quoting: 'minimal' | 'all';
}

const COLUMNS = [
  'id',
  'name',
  'columns',
  'timeFormat',
  'encoding',
  'lineEnding',
  'quoting',
  'updatedAt',
] as const;

export async function listExportLayouts(trx: Tx, contractId: string) {
  return trx
    .selectFrom('exportLayouts')
    .select(COLUMNS)
    .where('contractId', '=', contractId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findExportLayout(trx: Tx, contractId: string, ref: { id: number } | { name: string }) {
  let query = trx.selectFrom('exportLayouts').select(COLUMNS).where('contractId', '=', contractId);
  query = 'id' in ref ? query.where('id', '=', ref.id) : query.where('name', '=', ref.name);
  return query.executeTakeFirst();
}

/**
 * Serialises the saves of one contract's layouts (count, name check and write): two saves at once
 * can then neither pass the limit together nor take one name twice.
 */
export async function lockExportLayouts(trx: Tx, contractId: string) {
  await sql`select pg_advisory_xact_lock(hashtext(${`export_layouts:${contractId}`}))`.execute(trx);
}

export async function countExportLayouts(trx: Tx, contractId: string) {
  const { count } = await trx
    .selectFrom('exportLayouts')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('contractId', '=', contractId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

export async function insertExportLayout(trx: Tx, contractId: string, layout: NewExportLayout) {
  return trx
    .insertInto('exportLayouts')
    .values({ contractId, ...layout, columns: JSON.stringify(layout.columns) })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function updateExportLayout(trx: Tx, contractId: string, id: number, layout: NewExportLayout) {
  return trx
    .updateTable('exportLayouts')
    .set({ ...layout, columns: JSON.stringify(layout.columns), updatedAt: new Date() })
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirst();
}

export async function deleteExportLayout(trx: Tx, contractId: string, id: number) {
  return trx
    .deleteFrom('exportLayouts')
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .returning(['id', 'name'])
    .executeTakeFirst();
}
