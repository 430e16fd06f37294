import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { NewPunch } from './punch.repository.ts';

/** A held punch as the punch path answers with it. */
export interface HeldPunchAnswer {
  id: number;
  staffId: number;
  type: NewPunch['type'];
  punchedAt: Date;
  workDate: string;
  deviceAt: Date | null;
  idempotencyKey: string;
}

/**
 * What a batch of live punches needs to keep closed periods closed, in one statement: the
 * contract's closed periods, and the punches of these keys already held (a retry answers the same).
 * Run on the punch path's own connection, like punch_batch_context, scoped by contract_id.
 */
export async function loadHoldContext(
  db: Db,
  contractId: string,
  keys: string[],
): Promise<{ locks: { from: string; to: string }[]; held: HeldPunchAnswer[]; punchWebhooks: boolean }> {
  const { rows } = await sql<{
    punchWebhooks: boolean;
    locks: { from: string; to: string }[];
    held: (Omit<HeldPunchAnswer, 'punchedAt' | 'deviceAt'> & {
      punchedAt: string;
      deviceAt: string | null;
    })[];
  }>`
    select
      (select coalesce(json_agg(json_build_object('from', period_from::text, 'to', period_to::text)), '[]'::json)
         from period_locks where contract_id = ${contractId}) as locks,
      (select coalesce(json_agg(json_build_object(
          'id', id, 'staffId', staff_id, 'type', type, 'punchedAt', punched_at, 'workDate', work_date::text,
          'deviceAt', device_at, 'idempotencyKey', idempotency_key)), '[]'::json)
         from held_punches where contract_id = ${contractId} and idempotency_key = any(${keys}::text[])) as held,
      -- Read here to spare the punch path a round trip: whether any endpoint wants punch.created.
      exists (select 1 from webhook_endpoints where contract_id = ${contractId} and state = 'active'
                 and deleted_at is null and 'punch.created' = any(events)) as punch_webhooks`.execute(db);
  const row = rows[0]!;
  return {
    punchWebhooks: row.punchWebhooks,
    locks: row.locks,
    held: row.held.map((h) => ({
      ...h,
      id: Number(h.id),
      punchedAt: new Date(h.punchedAt),
      deviceAt: h.deviceAt ? new Date(h.deviceAt) : null,
    })),
  };
}

/** Holds punches (a key held before is kept as it was); answers every row of these keys. */
export async function insertHeldPunches(db: Db, contractId: string, punches: NewPunch[]) {
  await db
    .insertInto('heldPunches')
    .values(
      punches.map((p) => ({
        contractId,
        staffId: p.staffId,
        officeId: p.officeId,
        type: p.type,
        punchedAt: p.punchedAt,
        deviceAt: p.deviceAt,
        workDate: p.workDate,
        source: p.source,
        idempotencyKey: p.idempotencyKey,
        terminalId: p.terminalId,
        actorAccountId: p.actorAccountId,
        flags: JSON.stringify(p.flags),
      })),
    )
    .onConflict((oc) => oc.columns(['contractId', 'idempotencyKey']).doNothing())
    .execute();
  return db
    .selectFrom('heldPunches')
    .select(['id', 'staffId', 'type', 'punchedAt', 'workDate', 'deviceAt', 'idempotencyKey'])
    .where('contractId', '=', contractId)
    .where(
      'idempotencyKey',
      'in',
      punches.map((p) => p.idempotencyKey),
    )
    .execute();
}

/** The punches waiting for an administrator, oldest first, with the person's name. */
export async function listOpenHeldPunches(trx: Tx, contractId: string) {
  return trx
    .selectFrom('heldPunches as h')
    .innerJoin('staff as s', (join) =>
      join.onRef('s.contractId', '=', 'h.contractId').onRef('s.id', '=', 'h.staffId'),
    )
    .select([
      'h.id',
      'h.staffId',
      's.name as staffName',
      's.code as staffCode',
      'h.type',
      'h.punchedAt',
      'h.workDate',
      'h.source',
      'h.createdAt',
    ])
    .where('h.contractId', '=', contractId)
    .where('h.resolution', 'is', null)
    .orderBy('h.punchedAt')
    .orderBy('h.id')
    .execute();
}

export async function findOpenHeldPunch(trx: Tx, contractId: string, id: number) {
  return trx
    .selectFrom('heldPunches')
    .selectAll()
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .where('resolution', 'is', null)
    .executeTakeFirst();
}

export async function resolveHeldPunch(
  trx: Tx,
  contractId: string,
  id: number,
  resolution: 'accepted' | 'discarded',
  accountId: number,
) {
  await trx
    .updateTable('heldPunches')
    .set({ resolution, resolvedAt: new Date(), resolvedByAccountId: accountId })
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .execute();
}
