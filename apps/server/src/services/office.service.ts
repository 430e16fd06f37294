import {
  AppError,
  FEATURE_MIN_PLAN,
  OfficeCreateSchema,
  OfficeUpdateSchema,
  planAllows,
  punchEvidenceOf,
  usesEvidence,
} from '@timecard/domain';
import { withTenant } from '../db/database.ts';
import type { Actor } from '../policies/actor.ts';
import { assertCanCreateOffice, assertCanEditOffice } from '../policies/office.policy.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  findOffice,
  insertOffice,
  listOffices,
  updateOffice,
  updateOfficeEvidence,
} from '../repositories/office.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { parseOrThrow } from './validation.ts';

type OfficeRow = Awaited<ReturnType<typeof listOffices>>[number];

export function presentOffice(row: OfficeRow) {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    kana: row.kana,
    address: row.address,
    passcodeRequired: row.passcodeRequired,
    // 打刻の写真・位置情報 (issue 20); everything off until set.
    punchEvidence: punchEvidenceOf(row.settings),
  };
}

/** Every member of a contract may see its offices (names appear on timecards and terminals). */
export async function listOfficesForActor(ctx: AuthContext, actor: Actor) {
  const rows = await withTenant(ctx.db, actor.contractId, (trx) => listOffices(trx, actor.contractId));
  return { items: rows.map(presentOffice) };
}

export async function getOfficeForActor(ctx: AuthContext, actor: Actor, officeId: number) {
  const row = await withTenant(ctx.db, actor.contractId, (trx) =>
    findOffice(trx, actor.contractId, officeId),
  );
  if (!row) throw new AppError('office_not_found');
  return presentOffice(row);
}

export async function createOfficeForActor(ctx: AuthContext, actor: Actor, input: unknown) {
  assertCanCreateOffice(actor);
  const data = parseOrThrow(OfficeCreateSchema, input);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const row = await insertOffice(trx, actor.contractId, data);
    await appendAudit(trx, actor.contractId, {
      action: 'office.create',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `office:${row.id}`,
      details: { name: row.name },
    });
    return presentOffice(row);
  });
}

export async function updateOfficeForActor(ctx: AuthContext, actor: Actor, officeId: number, input: unknown) {
  const { punchEvidence, ...data } = parseOrThrow(OfficeUpdateSchema, input);
  // Asking for photos or positions is a プレミアム capability; turning it all off is always allowed.
  if (punchEvidence && usesEvidence(punchEvidence) && !planAllows(actor.plan, 'punch_photo_gps')) {
    throw new AppError('plan_required', {
      plan: FEATURE_MIN_PLAN.punch_photo_gps,
      feature: 'punch_photo_gps',
    });
  }
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    if (!(await findOffice(trx, actor.contractId, officeId))) throw new AppError('office_not_found');
    assertCanEditOffice(actor, officeId);
    if (punchEvidence) await updateOfficeEvidence(trx, actor.contractId, officeId, punchEvidence);
    const row = await updateOffice(trx, actor.contractId, officeId, data);
    await appendAudit(trx, actor.contractId, {
      action: 'office.update',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `office:${officeId}`,
      details: punchEvidence ? { ...data, punchEvidence } : data,
    });
    return presentOffice(row!);
  });
}
