import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';

/** 勤務ルール live under `settings.workRules` of the contract, an office, or a staff member. */
export async function readWorkRules(
  trx: Tx,
  contractId: string,
): Promise<{ contract: Record<string, unknown> | undefined; offices: Map<number, Record<string, unknown>> }> {
  const contract = await trx
    .selectFrom('contracts')
    .select(sql<string | null>`settings->>'workRules'`.as('rules'))
    .where('id', '=', contractId)
    .executeTakeFirst();
  const offices = await trx
    .selectFrom('offices')
    .select(['id', sql<string | null>`settings->>'workRules'`.as('rules')])
    .where('contractId', '=', contractId)
    .execute();
  return {
    contract: contract?.rules ? JSON.parse(contract.rules) : undefined,
    offices: new Map(offices.filter((o) => o.rules).map((o) => [o.id, JSON.parse(o.rules!)])),
  };
}

export async function writeContractWorkRules(trx: Tx, contractId: string, rules: object) {
  await trx
    .updateTable('contracts')
    .set({
      settings: sql`settings || jsonb_build_object('workRules', ${JSON.stringify(rules)}::jsonb)` as never,
    })
    .where('id', '=', contractId)
    .execute();
}

export async function writeOfficeWorkRules(trx: Tx, contractId: string, officeId: number, rules: object) {
  await trx
    .updateTable('offices')
    .set({
      settings: sql`settings || jsonb_build_object('workRules', ${JSON.stringify(rules)}::jsonb)` as never,
    })
    .where('contractId', '=', contractId)
    .where('id', '=', officeId)
    .execute();
}

export async function writeStaffWorkRules(trx: Tx, contractId: string, staffId: number, rules: object) {
  await trx
    .updateTable('staff')
    .set({
      settings: sql`settings || jsonb_build_object('workRules', ${JSON.stringify(rules)}::jsonb)` as never,
    })
    .where('contractId', '=', contractId)
    .where('id', '=', staffId)
    .execute();
}

export async function readStaffWorkRules(trx: Tx, contractId: string, staffId: number) {
  const row = await trx
    .selectFrom('staff')
    .select(sql<string | null>`settings->>'workRules'`.as('rules'))
    .where('contractId', '=', contractId)
    .where('id', '=', staffId)
    .executeTakeFirst();
  return row?.rules ? (JSON.parse(row.rules) as Record<string, unknown>) : undefined;
}
