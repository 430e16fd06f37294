import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';

/**
 * Keeps the photo of a punch under its idempotency key. A retry with the same key keeps the first
 * photo, as the punch keeps its first answer (ADR 019).
 */
export async function insertPunchPhoto(
  trx: Tx,
  contractId: string,
  photo: { idempotencyKey: string; staffId: number; receivedAt: Date; jpeg: Buffer },
): Promise<void> {
  await trx
    .insertInto('punchPhotos')
    .values({ contractId, ...photo })
    .onConflict((oc) => oc.columns(['contractId', 'idempotencyKey']).doNothing())
    .execute();
}

/** The photo of a punch (by the punch's id, through its idempotency key), with whose punch it is. */
export async function findPhotoOfPunch(trx: Tx, contractId: string, punchId: number) {
  return trx
    .selectFrom('punches as p')
    .innerJoin('punchPhotos as ph', (join) =>
      join.onRef('ph.contractId', '=', 'p.contractId').onRef('ph.idempotencyKey', '=', 'p.idempotencyKey'),
    )
    .select(['p.id', 'p.staffId', 'p.officeId', 'ph.jpeg'])
    .where('p.contractId', '=', contractId)
    .where('p.id', '=', punchId)
    .executeTakeFirst();
}

/** Which of these punches have a photo. */
export async function punchIdsWithPhotos(
  trx: Tx,
  contractId: string,
  punchIds: number[],
): Promise<Set<number>> {
  if (punchIds.length === 0) return new Set();
  const rows = await trx
    .selectFrom('punches as p')
    .innerJoin('punchPhotos as ph', (join) =>
      join.onRef('ph.contractId', '=', 'p.contractId').onRef('ph.idempotencyKey', '=', 'p.idempotencyKey'),
    )
    .select('p.id')
    .where('p.contractId', '=', contractId)
    .where('p.id', 'in', punchIds)
    .execute();
  return new Set(rows.map((row) => Number(row.id)));
}

/** Every contract with its settings (the retention), for the purge job (contracts is global). */
export async function listContractSettings(db: Db): Promise<{ id: string; settings: unknown }[]> {
  return db.selectFrom('contracts').select(['id', 'settings']).orderBy('id').execute();
}

/**
 * Deletes up to `limit` photos of one contract received before `before`, and orphans (no punch,
 * held or written, carries their key) received before `orphansBefore`. Rows another process is
 * deleting are skipped (FOR UPDATE SKIP LOCKED), so each photo is deleted, and counted, once.
 */
export async function deleteExpiredPhotos(
  trx: Tx,
  contractId: string,
  cut: { before: Date; orphansBefore: Date; limit: number },
): Promise<number> {
  const { rows } = await sql<{ idempotencyKey: string }>`
    delete from punch_photos where contract_id = ${contractId} and idempotency_key in (
      select ph.idempotency_key from punch_photos ph
      where ph.contract_id = ${contractId}
        and (ph.received_at < ${cut.before}
          or (ph.received_at < ${cut.orphansBefore}
            and not exists (select 1 from punches p
              where p.contract_id = ${contractId} and p.idempotency_key = ph.idempotency_key)
            and not exists (select 1 from held_punches h
              where h.contract_id = ${contractId} and h.idempotency_key = ph.idempotency_key)))
      order by ph.received_at
      limit ${cut.limit}
      for update skip locked)
    returning idempotency_key`.execute(trx);
  return rows.length;
}
