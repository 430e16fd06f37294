import type { Plan } from '@timecard/domain';
import { sql } from 'kysely';
import { crossTenant } from '../db/cross-tenant.ts';
import type { Db, Tx } from '../db/database.ts';

export interface NewContract {
  id: string;
  name: string;
  plan: Plan;
  timeZone: string;
}

export async function insertContract(trx: Tx, contract: NewContract) {
  return trx.insertInto('contracts').values(contract).returningAll().executeTakeFirstOrThrow();
}

export async function findContract(db: Db | Tx, contractId: string) {
  return db.selectFrom('contracts').selectAll().where('id', '=', contractId).executeTakeFirst();
}

export async function contractExists(db: Db | Tx, contractId: string): Promise<boolean> {
  const row = await db.selectFrom('contracts').select('id').where('id', '=', contractId).executeTakeFirst();
  return row !== undefined;
}

/** Every contract with its counts, for the operator CLI (`contract list`): across contracts on purpose. */
export async function listContractsWithCounts(db: Db) {
  return db
    .selectFrom('contracts as c')
    .select((eb) => [
      'c.id',
      'c.name',
      'c.plan',
      'c.timeZone',
      'c.createdAt',
      eb
        .selectFrom('offices as o')
        .whereRef('o.contractId', '=', 'c.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('offices'),
      eb
        .selectFrom('staff as s')
        .whereRef('s.contractId', '=', 'c.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('staff'),
    ])
    .orderBy('c.id')
    .modifyEnd(crossTenant('operator'))
    .execute();
}

export async function updateClockPin(trx: Tx, contractId: string, clockPin: string) {
  await trx
    .updateTable('contracts')
    .set({ clockPin, updatedAt: new Date() })
    .where('id', '=', contractId)
    .execute();
}

/** One key of the contract's settings (jsonb), the others kept. */
export async function updateContractSetting(trx: Tx, contractId: string, key: string, value: unknown) {
  await trx
    .updateTable('contracts')
    .set({
      settings: sql`settings || jsonb_build_object(${key}::text, ${JSON.stringify(value)}::jsonb)` as never,
      updatedAt: new Date(),
    })
    .where('id', '=', contractId)
    .execute();
}

export async function updateContractPlan(trx: Tx, contractId: string, plan: Plan) {
  await trx
    .updateTable('contracts')
    .set({ plan, updatedAt: new Date() })
    .where('id', '=', contractId)
    .execute();
}
