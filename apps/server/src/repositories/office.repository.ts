import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';
import { nextId } from './id-counter.repository.ts';

export interface NewOffice {
  name: string;
  shortName?: string;
  kana?: string;
  address?: string;
  passcodeRequired?: boolean;
}

/** Adds an office; the first office of a contract gets id 1. */
export async function insertOffice(trx: Tx, contractId: string, office: NewOffice) {
  const id = await nextId(trx, contractId, 'office');
  return trx
    .insertInto('offices')
    .values({ contractId, id, ...office })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listOffices(trx: Tx, contractId: string) {
  return trx.selectFrom('offices').selectAll().where('contractId', '=', contractId).orderBy('id').execute();
}

export async function findOffice(trx: Tx, contractId: string, id: number) {
  return trx
    .selectFrom('offices')
    .selectAll()
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateOffice(trx: Tx, contractId: string, id: number, changes: Partial<NewOffice>) {
  return trx
    .updateTable('offices')
    .set({ ...changes, updatedAt: new Date() })
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Replaces the office's punch evidence settings (kept in its settings, issue 20). */
export async function updateOfficeEvidence(trx: Tx, contractId: string, id: number, evidence: object) {
  await trx
    .updateTable('offices')
    .set({
      settings: sql`settings || jsonb_build_object('punchEvidence', ${JSON.stringify(evidence)}::jsonb)`,
      updatedAt: new Date(),
    })
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .execute();
}

export async function officeIdsExist(trx: Tx, contractId: string, ids: number[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const rows = await trx
    .selectFrom('offices')
    .select('id')
    .where('contractId', '=', contractId)
    .where('id', 'in', ids)
    .execute();
  return rows.length === new Set(ids).size;
}
