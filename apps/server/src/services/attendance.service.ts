import type { PersonalPunchBody, PunchHeaders } from '@timecard/contract';
import { AppError, isoInZone, punchStatus, workDateOf } from '@timecard/domain';
import { type Tx, withTenant } from '../db/database.ts';
import { type Actor, officesWithRight } from '../policies/actor.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { findOffice, listOffices } from '../repositories/office.repository.ts';
import { findLastPunch, findLastPunches } from '../repositories/punch.repository.ts';
import { punchIdsWithPhotos } from '../repositories/punch-photo.repository.ts';
import { listOfficeRoles, listOfficeStaff } from '../repositories/staff.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { dayBoundaryOf, recordPunch } from './punch.service.ts';
import { evidenceOfPunch, personalEvidenceOf } from './punch-evidence.service.ts';

async function contractClock(ctx: AuthContext, contractId: string) {
  const contract = await findContract(ctx.db, contractId);
  if (!contract) throw new AppError('contract_not_found', { contractId });
  const now = ctx.now ? ctx.now() : new Date();
  return {
    now,
    timeZone: contract.timeZone,
    today: workDateOf(now, contract.timeZone, dayBoundaryOf(contract.settings)),
  };
}

/**
 * 今日の出勤状況: per office the people and counts by state (未出勤 / 勤務中 / 休憩中 / 退勤済), for
 * administrators and anyone with 実績 閲覧 on the office.
 */
export async function todayStatus(ctx: AuthContext, actor: Actor) {
  const scope = officesWithRight(actor, 'attendance', 'view');
  if (scope !== 'all' && scope.length === 0) throw new AppError('forbidden');
  const clock = await contractClock(ctx, actor.contractId);
  const offices = await withTenant(ctx.db, actor.contractId, async (trx) => {
    const all = (await listOffices(trx, actor.contractId)).filter(
      (o) => scope === 'all' || scope.includes(o.id),
    );
    const result = [];
    for (const office of all) {
      const people = await listOfficeStaff(trx, actor.contractId, office.id);
      const last = new Map(
        (
          await findLastPunches(
            trx,
            actor.contractId,
            people.map((p) => p.id),
          )
        ).map((row) => [row.staffId, row]),
      );
      // 打刻の写真 (issue 20): a thumbnail of each person's last punch, when one was taken.
      const photos = await punchIdsWithPhotos(
        trx,
        actor.contractId,
        [...last.values()].map((row) => Number(row.id)),
      );
      const staff = people.map((person) => {
        const punch = last.get(person.id);
        const status = punchStatus(
          punch ? { type: punch.type, workDate: punch.workDate } : undefined,
          clock.today,
        );
        return {
          id: person.id,
          name: person.name,
          state: status.state,
          missingClockOut: status.missingClockOut,
          lastPunchAt: punch ? isoInZone(punch.punchedAt, clock.timeZone) : null,
          ...(punch && photos.has(Number(punch.id)) ? { photoPunchId: Number(punch.id) } : {}),
        };
      });
      const counts = { off: 0, working: 0, on_break: 0, done: 0 };
      for (const person of staff) counts[person.state] += 1;
      result.push({ id: office.id, name: office.name, counts, staff });
    }
    return result;
  });
  return { serverTime: isoInZone(clock.now, clock.timeZone), workDate: clock.today, offices };
}

/** The office a personal punch counts for: the one chosen, else the person's first office. */
async function personalOffice(trx: Tx, actor: Actor, officeId: number | undefined) {
  const id = officeId ?? (await listOfficeRoles(trx, actor.contractId, [actor.staffId]))[0]?.officeId;
  return id === undefined ? null : ((await findOffice(trx, actor.contractId, id)) ?? null);
}

/** 個別Web出退勤画面: the logged-in person's own state, and what the clock asks (photo, position). */
export async function ownPunchStatus(ctx: AuthContext, actor: Actor) {
  const clock = await contractClock(ctx, actor.contractId);
  const { last, office } = await withTenant(ctx.db, actor.contractId, async (trx) => ({
    last: await findLastPunch(trx, actor.contractId, actor.staffId),
    office: await personalOffice(trx, actor, undefined),
  }));
  return {
    serverTime: isoInZone(clock.now, clock.timeZone),
    workDate: clock.today,
    lastPunchAt: last ? isoInZone(last.punchedAt, clock.timeZone) : null,
    ...punchStatus(last ? { type: last.type, workDate: last.workDate } : undefined, clock.today),
    evidence: personalEvidenceOf(office?.settings, actor.plan),
  };
}

/** A punch for oneself from one's own phone (個別Web出退勤画面). */
export async function punchForSelf(
  ctx: AuthContext,
  actor: Actor,
  data: PersonalPunchBody,
  headers: PunchHeaders,
) {
  const office = await withTenant(ctx.db, actor.contractId, (trx) =>
    personalOffice(trx, actor, data.officeId),
  );
  const officeId = office?.id ?? data.officeId ?? null;
  const evidence = evidenceOfPunch({
    officeSettings: office?.settings,
    plan: actor.plan,
    channel: 'personal',
    type: data.type,
    photo: data.photo,
    location: data.location,
  });
  return recordPunch(ctx, actor.contractId, {
    staffId: actor.staffId,
    type: data.type,
    source: 'personal',
    officeId,
    terminalId: null,
    actorAccountId: actor.accountId,
    idempotencyKey: headers['idempotency-key'],
    deviceTime: data.deviceTime,
    sentAt: headers['x-device-sent-at'],
    evidence,
  });
}
