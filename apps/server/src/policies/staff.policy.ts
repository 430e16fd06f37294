import { AppError, type StaffUpdate } from '@timecard/domain';
import { type Actor, hasRight, officesWithRight } from './actor.ts';

/** Whose staff records the actor may list: everyone, or the staff of some offices. */
export function staffListScope(actor: Actor): number[] | undefined {
  const offices = officesWithRight(actor, 'staffManage', 'view');
  if (offices === 'all') return undefined;
  if (offices.length === 0) throw new AppError('forbidden');
  return offices;
}

/** A staff member is visible when the actor is them, an administrator, or manages one of their offices. */
export function canViewStaff(actor: Actor, staffId: number, staffOfficeIds: number[]): boolean {
  if (actor.isAdmin || actor.staffId === staffId) return true;
  return staffOfficeIds.some((officeId) => hasRight(actor, 'staffManage', 'view', officeId));
}

/** Editing needs 従業員管理 編集 on one of the person's offices; 権限, スタッフの状態 and rights are admin-only. */
export function assertCanEditStaff(
  actor: Actor,
  staffOfficeIds: number[],
  changes: StaffUpdate | 'create',
): void {
  if (actor.isAdmin) return;
  const manages =
    staffOfficeIds.length > 0 && staffOfficeIds.every((id) => hasRight(actor, 'staffManage', 'edit', id));
  if (!manages) throw new AppError('forbidden');
  if (changes === 'create') return;
  if (changes.isAdmin !== undefined || changes.loginStatus !== undefined || changes.offices !== undefined) {
    throw new AppError('forbidden');
  }
}

/** A manager who adds staff must manage every office the new person joins (and give no rights). */
export function assertCanCreateStaff(
  actor: Actor,
  offices: {
    officeId: number;
    shiftPlan: string;
    attendance: string;
    officeManage: string;
    staffManage: string;
  }[],
  isAdmin: boolean,
): void {
  if (actor.isAdmin) return;
  if (isAdmin || offices.length === 0) throw new AppError('forbidden');
  for (const office of offices) {
    if (!hasRight(actor, 'staffManage', 'edit', office.officeId)) throw new AppError('forbidden');
    const grants = [office.shiftPlan, office.attendance, office.officeManage, office.staffManage];
    if (grants.some((right) => right !== 'none')) throw new AppError('forbidden');
  }
}

/** 従業員 > CSV取込: administrators, or 従業員管理 編集 on some office (each row is checked again). */
export function assertCanImportStaff(actor: Actor): void {
  const editable = officesWithRight(actor, 'staffManage', 'edit');
  if (editable !== 'all' && editable.length === 0) throw new AppError('forbidden');
}
