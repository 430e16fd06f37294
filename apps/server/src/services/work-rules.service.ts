import {
  AppError,
  aggregateAttendance,
  DEFAULT_WORK_RULES,
  effectiveLaborSettings,
  LaborInputError,
  type LaborSettings,
  LaborSettingsSchema,
  WorkRulesSchema,
} from '@timecard/domain';
import { type Tx, withTenant } from '../db/database.ts';
import { type Actor, requireAdmin } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { markTotalsStale, queueContract } from '../repositories/labor-alert.repository.ts';
import { findOffice } from '../repositories/office.repository.ts';
import { findStaff } from '../repositories/staff.repository.ts';
import { firstOffices } from '../repositories/timecard.repository.ts';
import {
  readStaffWorkRules,
  readWorkRules,
  writeContractWorkRules,
  writeOfficeWorkRules,
  writeStaffWorkRules,
} from '../repositories/work-rules.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { parseOrThrow } from './validation.ts';

export type RulesLevel =
  | { kind: 'contract' }
  | { kind: 'office'; officeId: number }
  | { kind: 'staff'; staffId: number };

/**
 * 設定 > 勤務ルール: the contract's defaults and the overrides of an office or a person. The answer
 * holds the level's own overrides and the effective rules there (defaults ← contract ← office ← staff).
 */
export async function getWorkRules(ctx: AuthContext, actor: Actor, level: RulesLevel) {
  requireAdmin(actor);
  return withTenant(ctx.db, actor.contractId, (trx) => describe(trx, actor.contractId, level));
}

async function describe(trx: Tx, contractId: string, level: RulesLevel) {
  const contract = await findContract(trx, contractId);
  const rules = await readWorkRules(trx, contractId);
  await assertTarget(trx, contractId, level);
  const officeRules = await officeLayer(trx, contractId, level, rules.offices);
  const staffRules =
    level.kind === 'staff' ? await readStaffWorkRules(trx, contractId, level.staffId) : undefined;
  const own = level.kind === 'contract' ? rules.contract : level.kind === 'office' ? officeRules : staffRules;
  const {
    nationalHolidays: _n,
    timezone: _t,
    ...effective
  } = effectiveLaborSettings(
    [rules.contract as never, officeRules as never, staffRules as never],
    contract!.timeZone,
    { from: '2000-01-01', to: '2000-01-01' },
  );
  return { level: level.kind, overrides: own ?? {}, effective, defaults: DEFAULT_WORK_RULES };
}

/** The office layer that applies at a level: the office's own, or a person's (first) office's. */
async function officeLayer(
  trx: Tx,
  contractId: string,
  level: RulesLevel,
  offices: Map<number, Record<string, unknown>>,
): Promise<Record<string, unknown> | undefined> {
  if (level.kind === 'office') return offices.get(level.officeId);
  if (level.kind === 'staff') {
    const officeId = (await firstOffices(trx, contractId, [level.staffId])).get(level.staffId);
    return officeId === undefined ? undefined : offices.get(officeId);
  }
  return undefined;
}

async function assertTarget(trx: Tx, contractId: string, level: RulesLevel) {
  if (level.kind === 'office' && !(await findOffice(trx, contractId, level.officeId))) {
    throw new AppError('office_not_found');
  }
  if (level.kind === 'staff' && !(await findStaff(trx, contractId, level.staffId))) {
    throw new AppError('staff_not_found');
  }
}

/** Replaces a level's overrides; the merged result must be valid for the engine. */
export async function putWorkRules(ctx: AuthContext, actor: Actor, level: RulesLevel, input: unknown) {
  requireAdmin(actor);
  const overrides = parseOrThrow(WorkRulesSchema, input);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    await assertTarget(trx, actor.contractId, level);
    const contract = await findContract(trx, actor.contractId);
    const rules = await readWorkRules(trx, actor.contractId);
    const layers = [
      level.kind === 'contract' ? overrides : rules.contract,
      level.kind === 'office' ? overrides : await officeLayer(trx, actor.contractId, level, rules.offices),
      level.kind === 'staff' ? overrides : undefined,
    ];
    const {
      dayBoundary: _d,
      shiftRounding: _s,
      ...merged
    } = effectiveLaborSettings(layers as never, contract!.timeZone, {
      from: '2000-01-01',
      to: '2000-01-01',
    });
    assertEngineAccepts(merged);
    if (level.kind === 'contract') await writeContractWorkRules(trx, actor.contractId, overrides);
    if (level.kind === 'office') await writeOfficeWorkRules(trx, actor.contractId, level.officeId, overrides);
    if (level.kind === 'staff') await writeStaffWorkRules(trx, actor.contractId, level.staffId, overrides);
    // 労務アラート's stored totals were computed under the old rules (ADR 018).
    await markTotalsStale(trx, actor.contractId, level.kind === 'staff' ? [level.staffId] : undefined);
    await queueContract(trx, actor.contractId);
    await appendAudit(trx, actor.contractId, {
      action: 'settings.work_rules_changed',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target:
        level.kind === 'contract'
          ? 'contract'
          : level.kind === 'office'
            ? `office:${level.officeId}`
            : `staff:${level.staffId}`,
      details: overrides,
    });
    return describe(trx, actor.contractId, level);
  });
}

/**
 * The merged rules must be valid for the engine itself (schema and the semantic checks: a break
 * inside its span, end ≠ start…), so that a saved rule can never break a timecard later.
 */
function assertEngineAccepts(settings: Record<string, unknown>) {
  const check = LaborSettingsSchema.safeParse(settings);
  const field = check.success ? undefined : (check.error.issues[0]?.path.join('.') ?? '');
  if (field !== undefined)
    throw new AppError('work_rules_invalid', { field }, { [field]: 'work_rules_invalid' });
  try {
    aggregateAttendance({
      settings: check.data as LaborSettings,
      period: { from: '2026-01-05', to: '2026-01-05' },
      events: [],
      leaves: [],
    });
  } catch (error) {
    if (error instanceof LaborInputError) {
      throw new AppError(
        'work_rules_invalid',
        { field: error.field },
        { [error.field]: 'work_rules_invalid' },
      );
    }
    throw error;
  }
}
