import { AppError } from '@timecard/domain';
import { type Actor, hasRight } from './actor.ts';

/** 事業所管理 編集 on the office (administrators everywhere). */
export function assertCanEditOffice(actor: Actor, officeId: number): void {
  if (!hasRight(actor, 'officeManage', 'edit', officeId)) throw new AppError('forbidden');
}

export function assertCanCreateOffice(actor: Actor): void {
  if (!actor.isAdmin) throw new AppError('forbidden');
}
