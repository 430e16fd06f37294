import {
  AppError,
  BASE_CAPABILITIES,
  FEATURE_MIN_PLAN,
  FEATURES,
  featuresAddedBy,
  featureTexts,
  PLANS,
  type Plan,
  planAllows,
  planLabels,
} from '@timecard/domain';
import type { Db } from '../db/database.ts';
import { withTenant } from '../db/database.ts';
import type { Actor } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { contractExists, findContract, updateContractPlan } from '../repositories/contract.repository.ts';
import type { AuthContext } from './auth.service.ts';

/** The プラン page's data: the four plans from the one matrix in packages/domain, and the current one. */
export function describePlans(current: Plan, canChange: boolean) {
  return {
    current,
    canChange,
    base: BASE_CAPABILITIES,
    plans: PLANS.map((id) => ({ id, label: planLabels[id], adds: featuresAddedBy(id) })),
    features: FEATURES.map((id) => ({
      id,
      minPlan: FEATURE_MIN_PLAN[id],
      name: featureTexts[id].name,
      description: featureTexts[id].description,
      available: planAllows(current, id),
    })),
  };
}

export function listPlans(actor: Actor) {
  return describePlans(actor.plan, actor.isAdmin);
}

/**
 * Changes the contract's plan in place (self-hosted: no billing), up or down, recorded in the
 * 操作ログ. A downgrade deletes nothing: the plan guard only stops what the lower plan lacks.
 */
export async function changePlan(ctx: AuthContext, actor: Actor, plan: Plan) {
  if (!actor.isAdmin) throw new AppError('forbidden');
  await setContractPlan(ctx.db, actor.contractId, plan, {
    actorAccountId: actor.accountId,
    actorStaffId: actor.staffId,
  });
  return describePlans(plan, true);
}

/** `timecard contract plan --id <契約ID> --plan <plan>` and the プラン page share this. */
export async function setContractPlan(
  db: Db,
  contractId: string,
  plan: Plan,
  actor: { actorAccountId?: number; actorStaffId?: number } = {},
): Promise<{ from: Plan; to: Plan }> {
  if (!(PLANS as readonly string[]).includes(plan)) throw new AppError('plan_invalid');
  if (!(await contractExists(db, contractId))) throw new AppError('contract_not_found', { contractId });
  return withTenant(db, contractId, async (trx) => {
    const contract = await findContract(trx, contractId);
    const from = contract!.plan as Plan;
    if (from !== plan) {
      await updateContractPlan(trx, contractId, plan);
      await appendAudit(trx, contractId, {
        action: 'contract.plan_changed',
        ...actor,
        target: `contract:${contractId}`,
        details: { plan: { from, to: plan } },
      });
    }
    return { from, to: plan };
  });
}
