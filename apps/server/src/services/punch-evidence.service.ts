import {
  AppError,
  DEFAULT_PUNCH_EVIDENCE,
  type EvidenceChannel,
  isJpeg,
  judgePunchEvidence,
  PHOTO_MAX_BYTES,
  type Plan,
  type PunchLocation,
  type PunchType,
  photoBase64,
  planAllows,
  punchEvidenceOf,
} from '@timecard/domain';
import type { Db } from '../db/database.ts';
import { withTenant } from '../db/database.ts';
import { type Actor, hasRight, requireAdmin } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findContract, updateContractSetting } from '../repositories/contract.repository.ts';
import {
  deleteExpiredPhotos,
  findPhotoOfPunch,
  listContractSettings,
} from '../repositories/punch-photo.repository.ts';
import type { AuthContext } from './auth.service.ts';

/** How long a punch photo is kept unless the contract says otherwise (issue 20). */
export const DEFAULT_PHOTO_RETENTION_DAYS = 90;
/** A photo whose punch never came (refused, or the request died) is removed after this. */
const ORPHAN_AFTER_MS = 24 * 3600 * 1000;
/** Photos deleted per statement: short transactions, a killed process loses at most one batch. */
const PURGE_BATCH = 500;

export function photoRetentionDaysOf(settings: unknown): number {
  const value =
    settings && typeof settings === 'object'
      ? (settings as Record<string, unknown>).photoRetentionDays
      : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 3650
    ? value
    : DEFAULT_PHOTO_RETENTION_DAYS;
}

/** What a channel of an office asks of each punch kind (all off below the plan). */
export function photoModesOf(officeSettings: unknown, plan: Plan, channel: EvidenceChannel) {
  if (!planAllows(plan, 'punch_photo_gps')) return DEFAULT_PUNCH_EVIDENCE.photo[channel];
  return punchEvidenceOf(officeSettings).photo[channel];
}

/** What the personal clock asks: a photo per punch kind, the position, and whether a fence applies. */
export function personalEvidenceOf(officeSettings: unknown, plan: Plan) {
  const allowed = planAllows(plan, 'punch_photo_gps');
  const evidence = allowed ? punchEvidenceOf(officeSettings) : DEFAULT_PUNCH_EVIDENCE;
  return {
    photo: evidence.photo.personal,
    location: evidence.location,
    geofence: evidence.geofence !== null && evidence.location !== 'off',
  };
}

/**
 * The office's evidence settings applied to one punch, and its photo decoded and checked: a JPEG
 * (by its markers, not only its data URL's word) of at most 200 KB.
 */
export function evidenceOfPunch(input: {
  officeSettings: unknown;
  plan: Plan;
  channel: EvidenceChannel;
  type: PunchType;
  photo: string | undefined;
  location: PunchLocation | undefined;
}) {
  let photo: Buffer | null = null;
  if (input.photo) {
    photo = Buffer.from(photoBase64(input.photo), 'base64');
    if (!isJpeg(photo)) throw new AppError('photo_invalid');
    if (photo.length > PHOTO_MAX_BYTES) throw new AppError('photo_too_large');
  }
  const verdict = judgePunchEvidence({
    evidence: punchEvidenceOf(input.officeSettings),
    planAllows: planAllows(input.plan, 'punch_photo_gps'),
    channel: input.channel,
    type: input.type,
    hasPhoto: photo !== null,
    location: input.location,
  });
  return { verdict, photo };
}

/**
 * The photo of a punch, for the person it shows and for those with 実績 閲覧 on its office; every
 * viewing is written to the 操作ログ (who saw whose photo).
 */
export async function punchPhotoForActor(ctx: AuthContext, actor: Actor, punchId: number): Promise<Buffer> {
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const row = await findPhotoOfPunch(trx, actor.contractId, punchId);
    const allowed =
      row &&
      (row.staffId === actor.staffId ||
        actor.isAdmin ||
        (row.officeId !== null && hasRight(actor, 'attendance', 'view', row.officeId)));
    // Another person's photo one may not see is "not found", like another contract's.
    if (!row || !allowed) throw new AppError('not_found');
    await appendAudit(trx, actor.contractId, {
      action: 'punch.photo_viewed',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `punch:${punchId}`,
    });
    return row.jpeg;
  });
}

/** 打刻写真の保存期間 (administrators). */
export async function photoRetentionForActor(ctx: AuthContext, actor: Actor) {
  requireAdmin(actor);
  const contract = await findContract(ctx.db, actor.contractId);
  if (!contract) throw new AppError('contract_not_found', { contractId: actor.contractId });
  return { days: photoRetentionDaysOf(contract.settings) };
}

export async function setPhotoRetentionForActor(ctx: AuthContext, actor: Actor, days: number) {
  requireAdmin(actor);
  await withTenant(ctx.db, actor.contractId, async (trx) => {
    await updateContractSetting(trx, actor.contractId, 'photoRetentionDays', days);
    await appendAudit(trx, actor.contractId, {
      action: 'settings.photo_retention_changed',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      details: { days },
    });
  });
  return { days };
}

/**
 * Deletes the photos past each contract's retention, and orphans, in batches. Safe to run in
 * several processes at once: each photo is deleted, and counted in the 操作ログ, by exactly one.
 */
export async function purgePunchPhotos(
  db: Db,
  now: Date,
  /** Only these contracts (tests share one database). */
  only?: string[],
): Promise<{ deleted: number }> {
  let deleted = 0;
  for (const contract of await listContractSettings(db)) {
    if (only && !only.includes(contract.id)) continue;
    const days = photoRetentionDaysOf(contract.settings);
    const cut = {
      before: new Date(now.getTime() - days * 24 * 3600 * 1000),
      orphansBefore: new Date(now.getTime() - ORPHAN_AFTER_MS),
      limit: PURGE_BATCH,
    };
    for (;;) {
      const count = await withTenant(db, contract.id, async (trx) => {
        const n = await deleteExpiredPhotos(trx, contract.id, cut);
        if (n > 0) {
          await appendAudit(trx, contract.id, {
            action: 'punch.photos_purged',
            details: { count: n, retentionDays: days },
          });
        }
        return n;
      });
      deleted += count;
      if (count < PURGE_BATCH) break;
    }
  }
  return { deleted };
}
