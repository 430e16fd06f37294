import { AppError, type Plan, type Right } from '@timecard/domain';

export type RightName = 'shiftPlan' | 'attendance' | 'officeManage' | 'staffManage';
export type OfficeRights = Record<RightName, Right>;

/**
 * The person acting in a contract: who they are, whether they are システム管理者, and their rights
 * per office. Every policy check starts from an actor of the same contract (style.md §3).
 */
export interface Actor {
  accountId: number;
  contractId: string;
  staffId: number;
  isAdmin: boolean;
  plan: Plan;
  roles: Map<number, OfficeRights>;
}

const LEVEL: Record<Right, number> = { none: 0, view: 1, edit: 2 };

/** Whether the actor holds `right` at `level` or above on an office (administrators: everywhere). */
export function hasRight(actor: Actor, right: RightName, level: 'view' | 'edit', officeId: number): boolean {
  if (actor.isAdmin) return true;
  const rights = actor.roles.get(officeId);
  return rights !== undefined && LEVEL[rights[right]] >= LEVEL[level];
}

/** The offices where the actor holds a right, or 'all' for an administrator. */
export function officesWithRight(actor: Actor, right: RightName, level: 'view' | 'edit'): number[] | 'all' {
  if (actor.isAdmin) return 'all';
  return [...actor.roles.entries()].filter(([, r]) => LEVEL[r[right]] >= LEVEL[level]).map(([id]) => id);
}

export function requireAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw new AppError('forbidden');
}
