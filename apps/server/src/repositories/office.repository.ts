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
