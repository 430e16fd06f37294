import type { RouteOutput, api as routes } from '@timecard/contract';
import { REQUEST_KIND_OPTIONS, type RequestKind } from './requestModel.ts';

export type ApprovalRoutes = RouteOutput<typeof routes.approvalRoutes.list>;
export type ApprovalStep = ApprovalRoutes['defaultRoute'][number];
export type StepRight = Extract<ApprovalStep, { type: 'right' }>['right'];
export type StepLevel = Extract<ApprovalStep, { type: 'right' }>['level'];

/** The most steps a 承認経路 may have (エンタープライズ, issue 18). */
export const MAX_STEPS = 3;
export const STEP_RIGHTS: StepRight[] = ['attendance', 'staffManage', 'officeManage', 'shiftPlan'];
export const STEP_LEVELS: StepLevel[] = ['edit', 'view'];

/** One row of the page: an office and 申請の種類, its own route or the default one. */
export interface RouteRow {
  officeId: number;
  kind: RequestKind;
  steps: ApprovalStep[];
  /** No route of its own: requests follow the default (the office's managers, then administrators). */
  isDefault: boolean;
}

/** Every office × 申請の種類, in the offices' order and the kinds' order, custom or default. */
export function routeRowsOf(data: ApprovalRoutes, offices: readonly { id: number }[]): RouteRow[] {
  return offices.flatMap((office) =>
    REQUEST_KIND_OPTIONS.map((kind) => {
      const own = data.items.find((item) => item.officeId === office.id && item.kind === kind);
      return own && own.steps.length > 0
        ? { officeId: office.id, kind, steps: own.steps, isDefault: false }
        : { officeId: office.id, kind, steps: data.defaultRoute, isDefault: true };
    }),
  );
}

/** A step as the form edits it: every field kept, so switching the type back loses nothing. */
export interface StepDraft {
  type: ApprovalStep['type'];
  staffId: string;
  right: StepRight;
  level: StepLevel;
}

export function draftOf(step: ApprovalStep): StepDraft {
  return {
    type: step.type,
    staffId: step.type === 'person' ? String(step.staffId) : '',
    right: step.type === 'right' ? step.right : 'attendance',
    level: step.type === 'right' ? step.level : 'edit',
  };
}

export const NEW_STEP: StepDraft = { type: 'right', staffId: '', right: 'attendance', level: 'edit' };

/**
 * The steps to send, or the index of the first step that names no person (the form marks it). More
 * than {@link MAX_STEPS} steps is the server's `approval_route_too_long`; the form never offers it.
 */
export function stepsOf(drafts: readonly StepDraft[]): { steps: ApprovalStep[] } | { missingPerson: number } {
  const steps: ApprovalStep[] = [];
  for (const [i, d] of drafts.entries()) {
    if (d.type === 'person') {
      const staffId = Number(d.staffId);
      if (!d.staffId || !Number.isInteger(staffId) || staffId <= 0) return { missingPerson: i };
      steps.push({ type: 'person', staffId });
    } else if (d.type === 'right') {
      steps.push({ type: 'right', right: d.right, level: d.level });
    } else {
      steps.push({ type: 'admin' });
    }
  }
  return { steps };
}
