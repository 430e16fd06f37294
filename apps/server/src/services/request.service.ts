import {
  AppError,
  ApprovalRouteInputSchema,
  type ApprovalStep,
  BulkApproveSchema,
  DEFAULT_APPROVAL_ROUTE,
  DecisionCommentSchema,
  decide,
  LeaveBalanceQuerySchema,
  type PunchType,
  payPeriodOfMonth,
  planAllows,
  type RequestAction,
  type RequestInput,
  RequestInputSchema,
  type RequestKind,
  RequestListQuerySchema,
  type RequestSettings,
  RequestSettingsSchema,
  type RequestStatus,
  RequiredCommentSchema,
  requestStatusLabels,
  shiftDate,
} from '@timecard/domain';
import { type Tx, withTenant } from '../db/database.ts';
import { type MailRequest, requestDecisionMail } from '../mail/request-mails.ts';
import { type Actor, hasRight, officesWithRight, requireAdmin } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { enqueueMail } from '../repositories/mail-outbox.repository.ts';
import { findOffice } from '../repositories/office.repository.ts';
import {
  findApprovalRoute,
  findConfirmation,
  findRequest,
  insertRequest,
  insertRequestEvent,
  listApprovalRoutes,
  listRequestEvents,
  listRequests,
  lockRequest,
  mergeContractSettings,
  type RequestRow,
  readContractSettings,
  saveApprovalRoute,
  scheduleDigest,
  updateRequest,
} from '../repositories/request.repository.ts';
import { findStaff, listOfficeRoles } from '../repositories/staff.repository.ts';
import { listLocks } from '../repositories/timecard.repository.ts';
import { readStaffWorkRules } from '../repositories/work-rules.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { balanceAfter, listLeaveTypesIn, recordLeave, scheduledWorkDates } from './leave.service.ts';
import {
  applyRequestedDay,
  checkRequestedDay,
  currentDayPunches,
  loadLaborContext,
  settingsFor,
} from './timecard.service.ts';
import { parseOrThrow } from './validation.ts';
import { emitEvent } from './webhook-events.ts';

// ワークフロー (issue 18): 申請 (打刻修正申請, 休暇申請, 残業申請, 勤怠確定), decided along a 承認経路;
// an approval applies the change through the existing paths, in the same transaction, once.

const nowOf = (ctx: AuthContext) => (ctx.now ? ctx.now() : new Date());

/** Where a request's mail links go: the approver's detail page, or the applicant's own. */
export function requestLink(ctx: AuthContext, id: number, forApprover: boolean) {
  return `${ctx.publicUrl}/admin/${forApprover ? 'workflow/requests' : 'requests'}/${id}`;
}

// ───────────────────────────── who decides ─────────────────────────────

function stepsOf(row: Pick<RequestRow, 'route'>): ApprovalStep[] {
  return (row.route as ApprovalStep[]).length > 0 ? (row.route as ApprovalStep[]) : DEFAULT_APPROVAL_ROUTE;
}

/**
 * Whether the actor may decide the request's current step: the step's person or right, and
 * administrators always (the default route's "then any administrator"). Nobody decides their own
 * request, except an administrator (who could correct the timecard directly anyway).
 */
export function canDecide(
  actor: Actor,
  row: Pick<RequestRow, 'route' | 'step' | 'officeId' | 'staffId' | 'status'>,
) {
  if (row.status !== 'pending') return false;
  if (actor.isAdmin) return true;
  if (row.staffId === actor.staffId) return false;
  const step = stepsOf(row)[row.step];
  if (!step) return false;
  if (step.type === 'person') return step.staffId === actor.staffId;
  if (step.type === 'admin') return false;
  return row.officeId !== null && hasRight(actor, step.right, step.level, row.officeId);
}

/** Whether the actor may see the request at all (else it does not exist for them). */
function canSee(actor: Actor, row: Pick<RequestRow, 'route' | 'officeId' | 'staffId'>) {
  if (actor.isAdmin || row.staffId === actor.staffId) return true;
  if (row.officeId !== null && hasRight(actor, 'attendance', 'view', row.officeId)) return true;
  return stepsOf(row).some(
    (s) =>
      (s.type === 'person' && s.staffId === actor.staffId) ||
      (s.type === 'right' && row.officeId !== null && hasRight(actor, s.right, s.level, row.officeId)),
  );
}

/** The 承認経路 a new request follows: the office's custom route (エンタープライズ) or the default. */
async function routeFor(trx: Tx, actor: Actor, officeId: number | null, kind: RequestKind) {
  if (officeId === null || !planAllows(actor.plan, 'approval_routes')) return DEFAULT_APPROVAL_ROUTE;
  const custom = await findApprovalRoute(trx, actor.contractId, officeId, kind);
  return custom ? (custom.steps as ApprovalStep[]) : DEFAULT_APPROVAL_ROUTE;
}

// ───────────────────────────── presenting ─────────────────────────────

function iso(value: Date | string | null) {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function presentRequest(actor: Actor, row: RequestRow) {
  const steps = stepsOf(row);
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as RequestStatus,
    step: row.step,
    steps: steps.length,
    staff: { id: row.staffId, name: row.staffName },
    office: row.officeId === null ? null : { id: row.officeId, name: row.officeName ?? '' },
    dateFrom: row.dateFrom,
    dateTo: row.dateTo,
    body: row.body as RequestInput,
    before: (row.before as { type: PunchType; at: string }[] | null) ?? null,
    reason: row.reason,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    appliedAt: iso(row.appliedAt),
    canDecide: canDecide(actor, row),
    canCancel: row.staffId === actor.staffId && (row.status === 'pending' || row.status === 'returned'),
    canResend: row.staffId === actor.staffId && row.status === 'returned',
    canReopen: actor.isAdmin && row.kind === 'attendance_confirmation' && row.status === 'approved',
  };
}

/** A request as webhooks tell of it: what presentRequest shows, less what depends on the viewer. */
function requestEventData(row: RequestRow) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as RequestStatus,
    step: row.step,
    steps: stepsOf(row).length,
    staff: { id: row.staffId, name: row.staffName },
    office: row.officeId === null ? null : { id: row.officeId, name: row.officeName ?? '' },
    dateFrom: row.dateFrom,
    dateTo: row.dateTo,
    reason: row.reason,
    body: row.body,
  };
}

// ───────────────────────────── making a request ─────────────────────────────

async function datesOf(trx: Tx, actor: Actor, input: RequestInput, officeId: number | null) {
  switch (input.kind) {
    case 'punch_correction':
    case 'overtime':
      return { from: input.date, to: input.date };
    case 'leave':
      return { from: input.from, to: input.to };
    case 'attendance_confirmation': {
      const context = await loadLaborContext(trx, actor.contractId);
      const probe = settingsFor(context, officeId ?? undefined, undefined, {
        from: '2000-01-01',
        to: '2000-01-01',
      });
      return payPeriodOfMonth(input.month, probe.monthStartDay);
    }
  }
}

/** A closed period (締め済) or a signed-off one (勤怠確定) refuses requests, with a clear message. */
async function assertOpenPeriod(
  trx: Tx,
  actor: Actor,
  staffId: number,
  kind: RequestKind,
  dates: { from: string; to: string },
) {
  for (const lock of await listLocks(trx, actor.contractId)) {
    if (lock.periodFrom <= dates.to && lock.periodTo >= dates.from) {
      throw new AppError('request_period_locked', { from: lock.periodFrom, to: lock.periodTo });
    }
  }
  const confirmed = await findConfirmation(trx, actor.contractId, staffId, dates.from, dates.to);
  if (confirmed) {
    throw new AppError('request_period_confirmed', { from: confirmed.dateFrom, to: confirmed.dateTo });
  }
  void kind;
}

/** What a request is about, checked as the path that will apply it would check it. */
async function prepare(trx: Tx, actor: Actor, staffId: number, input: RequestInput, officeId: number | null) {
  const dates = await datesOf(trx, actor, input, officeId);
  await assertOpenPeriod(trx, actor, staffId, input.kind, dates);
  let before: { type: PunchType; at: string }[] | null = null;
  if (input.kind === 'leave') {
    const balance = await leaveBalance(trx, actor, staffId, officeId, input);
    if (!balance.covered) throw new AppError('leave_balance_insufficient', { date: input.to });
  }
  if (input.kind === 'punch_correction') {
    await checkRequestedDay(trx, actor, staffId, input.date, input.punches);
    before = (await currentDayPunches(trx, actor, staffId, input.date)).map(({ type, at }) => ({ type, at }));
  }
  return { dates, before };
}

async function applicantOf(trx: Tx, actor: Actor) {
  const staff = await findStaff(trx, actor.contractId, actor.staffId);
  if (!staff) throw new AppError('forbidden');
  const offices = await listOfficeRoles(trx, actor.contractId, [staff.id]);
  return { staff, officeId: offices[0]?.officeId ?? null };
}

/** 申請: the caller asks for a change to their own attendance; the approvers get a digest. */
export async function createRequest(ctx: AuthContext, actor: Actor, body: unknown) {
  const input = parseOrThrow(RequestInputSchema, body);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const { staff, officeId } = await applicantOf(trx, actor);
    const { dates, before } = await prepare(trx, actor, staff.id, input, officeId);
    const duplicate = await listRequests(trx, actor.contractId, {
      staffId: staff.id,
      kind: input.kind,
      status: 'pending',
      from: dates.from,
      to: dates.to,
      officeIds: 'all',
      limit: 1,
    });
    if (duplicate.length > 0 && duplicate[0]!.dateFrom === dates.from && duplicate[0]!.dateTo === dates.to) {
      throw new AppError('request_duplicate');
    }
    const route = await routeFor(trx, actor, officeId, input.kind);
    const id = await insertRequest(trx, actor.contractId, {
      staffId: staff.id,
      officeId,
      kind: input.kind,
      route,
      dateFrom: dates.from,
      dateTo: dates.to,
      body: input as unknown as Record<string, unknown>,
      before,
      reason: input.reason,
    });
    await insertRequestEvent(trx, actor.contractId, {
      requestId: id,
      action: 'create',
      step: 0,
      actorStaffId: actor.staffId,
      actorAccountId: actor.accountId,
      comment: input.reason,
    });
    await audit(trx, actor, 'request.create', staff.id, { requestId: id, kind: input.kind, ...dates });
    await scheduleDigest(trx, actor.contractId, nowOf(ctx));
    const created = (await findRequest(trx, actor.contractId, id))!;
    await emitEvent(trx, actor.contractId, 'request.created', { request: requestEventData(created) });
    return presentRequest(actor, created);
  });
}

/** 再申請: the applicant edits a 差戻し request and sends it again, back to the first step. */
export async function resendRequest(ctx: AuthContext, actor: Actor, id: number, body: unknown) {
  const input = parseOrThrow(RequestInputSchema, body);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const row = await lockedRequest(trx, actor, id);
    if (row.staffId !== actor.staffId) throw new AppError('forbidden');
    if (input.kind !== row.kind) throw new AppError('bad_request', {}, { kind: 'bad_request' });
    const decision = decide(row.kind, position(row), 'resend');
    if (!decision.ok) throw new AppError(decision.code, { status: statusText(row.status) });
    const { dates, before } = await prepare(trx, actor, row.staffId, input, row.officeId);
    await updateRequest(trx, actor.contractId, id, {
      status: decision.next.status,
      step: decision.next.step,
      body: input as unknown as Record<string, unknown>,
      before,
      reason: input.reason,
      dateFrom: dates.from,
      dateTo: dates.to,
      notifiedAt: null,
    });
    await insertRequestEvent(trx, actor.contractId, {
      requestId: id,
      action: 'resend',
      step: 0,
      actorStaffId: actor.staffId,
      actorAccountId: actor.accountId,
      comment: input.reason,
    });
    await audit(trx, actor, 'request.resend', row.staffId, { requestId: id, kind: row.kind });
    await scheduleDigest(trx, actor.contractId, nowOf(ctx));
    return presentRequest(actor, (await findRequest(trx, actor.contractId, id))!);
  });
}

// ───────────────────────────── deciding ─────────────────────────────

const position = (row: RequestRow) => ({
  status: row.status as RequestStatus,
  step: row.step,
  steps: stepsOf(row).length,
});
const statusText = (status: RequestStatus) => requestStatusLabels[status].ja;

/** The request under its row lock: a concurrent decision waits, then sees this one's outcome. */
async function lockedRequest(trx: Tx, actor: Actor, id: number) {
  if (!(await lockRequest(trx, actor.contractId, id))) throw new AppError('request_not_found');
  const row = (await findRequest(trx, actor.contractId, id))!;
  if (!canSee(actor, row)) throw new AppError('request_not_found');
  return row;
}

type Decided = Exclude<RequestAction, 'resend'>;

/**
 * 【承認】【却下】【差戻し】 (approvers), 取消 (the applicant), 確定解除 (administrators). The row is
 * locked first, so of two approvers clicking at once the second is told it was already decided
 * (409 request_not_pending) and nothing is applied twice. The approval of the last step applies
 * the change in the same transaction: if applying fails (a period closed meanwhile), nothing is
 * decided.
 */
export async function decideRequest(
  ctx: AuthContext,
  actor: Actor,
  id: number,
  action: Decided,
  body: unknown,
) {
  const { comment } = parseOrThrow(
    action === 'reject' || action === 'return' ? RequiredCommentSchema : DecisionCommentSchema,
    body ?? {},
  );
  return withTenant(ctx.db, actor.contractId, async (trx) => decideIn(ctx, trx, actor, id, action, comment));
}

async function decideIn(
  ctx: AuthContext,
  trx: Tx,
  actor: Actor,
  id: number,
  action: Decided,
  comment: string,
) {
  const row = await lockedRequest(trx, actor, id);
  if (action === 'cancel') {
    if (row.staffId !== actor.staffId) throw new AppError('forbidden');
  } else if (action === 'reopen') {
    requireAdmin(actor);
  } else if (row.status === 'pending' && !canDecide(actor, row)) {
    throw new AppError('request_not_decider');
  }
  const decision = decide(row.kind, position(row), action);
  if (!decision.ok) throw new AppError(decision.code, { status: statusText(row.status) });
  const now = nowOf(ctx);
  if (decision.apply) await applyRequest(trx, actor, row);
  const advanced = decision.next.status === 'pending';
  await updateRequest(trx, actor.contractId, id, {
    status: decision.next.status,
    step: decision.next.step,
    ...(decision.apply ? { appliedAt: now } : {}),
    // The next step's approvers get their own digest.
    ...(advanced ? { notifiedAt: null } : {}),
  });
  if (advanced) await scheduleDigest(trx, actor.contractId, now);
  await insertRequestEvent(trx, actor.contractId, {
    requestId: id,
    action,
    step: row.step,
    actorStaffId: actor.staffId,
    actorAccountId: actor.accountId,
    comment,
  });
  await audit(trx, actor, advanced ? 'request.approve_step' : `request.${action}`, row.staffId, {
    requestId: id,
    kind: row.kind,
    step: row.step + 1,
    ...(comment ? { comment } : {}),
  });
  if (['approved', 'rejected', 'returned', 'reopened'].includes(decision.next.status)) {
    await mailApplicant(ctx, trx, actor, row, decision.next.status, comment);
  }
  const after = (await findRequest(trx, actor.contractId, id))!;
  if (!advanced) {
    await emitEvent(trx, actor.contractId, 'request.decided', {
      request: requestEventData(after),
      action,
      comment,
    });
  }
  return presentRequest(actor, after);
}

/** The change an approved request makes, through the path that makes it anywhere else. */
async function applyRequest(trx: Tx, actor: Actor, row: RequestRow) {
  const body = row.body as RequestInput;
  switch (body.kind) {
    case 'punch_correction':
      await applyRequestedDay(trx, actor, row.staffId, body.date, body.punches, body.reason, row.id);
      return;
    case 'overtime':
      // The approval itself is what counts: the engine reads approved 残業申請 (overtimeNeedsApproval).
      return;
    case 'attendance_confirmation':
      // The approved sign-off closes the period to the person's own requests until reopened.
      return;
    case 'leave':
      // 休暇管理's own path, in this transaction: one record per date, each naming the request, so
      // the balance is consumed once (a refused balance refuses the approval: nothing is decided).
      // A range of full days takes the person's scheduled work days only (a 所定休日 takes no leave).
      for (const date of await leaveDatesOf(trx, actor.contractId, row.staffId, row.officeId, body)) {
        await recordLeave(
          trx,
          actor.contractId,
          {
            staffId: row.staffId,
            date,
            leaveTypeId: body.leaveTypeId,
            unit: body.unit,
            ...(body.hours !== undefined ? { hours: body.hours } : {}),
            reason: body.reason,
            source: { requestId: row.id },
          },
          { accountId: actor.accountId, staffId: actor.staffId },
        );
      }
      return;
  }
}

async function mailApplicant(
  ctx: AuthContext,
  trx: Tx,
  actor: Actor,
  row: RequestRow,
  status: RequestStatus,
  comment: string,
) {
  const applicant = await findStaff(trx, actor.contractId, row.staffId);
  if (!applicant?.email || applicant.usage !== 'active') return;
  const contract = await findContract(trx, actor.contractId);
  const me = await findStaff(trx, actor.contractId, actor.staffId);
  const mail = requestDecisionMail({
    name: applicant.name,
    contractName: contract?.name ?? actor.contractId,
    request: mailRequest(ctx, row, false),
    status,
    by: me?.name ?? '管理者',
    comment,
  });
  await enqueueMail(trx, { contractId: actor.contractId, to: applicant.email, ...mail });
}

export function mailRequest(ctx: AuthContext, row: RequestRow, forApprover: boolean): MailRequest {
  return {
    id: row.id,
    kind: row.kind,
    staffName: row.staffName,
    dateFrom: row.dateFrom,
    dateTo: row.dateTo,
    reason: row.reason,
    link: requestLink(ctx, row.id, forApprover),
  };
}

/** bulk 承認: each selected request in its own transaction; one refused does not stop the others. */
export async function bulkApprove(ctx: AuthContext, actor: Actor, body: unknown) {
  const { ids, comment } = parseOrThrow(BulkApproveSchema, body);
  const approved: number[] = [];
  const failed: { id: number; code: string }[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      await withTenant(ctx.db, actor.contractId, (trx) => decideIn(ctx, trx, actor, id, 'approve', comment));
      approved.push(id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed.push({ id, code: error.code });
    }
  }
  return { approved, failed };
}

// ───────────────────────────── reading ─────────────────────────────

/** 申請一覧 (approvers), 申請 (own list): filtered, newest first, by cursor. */
export async function listRequestsFor(ctx: AuthContext, actor: Actor, query: unknown) {
  const q = parseOrThrow(RequestListQuerySchema, query);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const reach = q.view === 'mine' ? 'all' : officesWithRight(actor, 'attendance', 'view');
    const items = [];
    let beforeId = q.cursor ? Number(q.cursor) : undefined;
    // `decide` keeps only the rows the caller may decide now: read on until the page is full.
    for (let round = 0; round < 20; round += 1) {
      const rows = await listRequests(trx, actor.contractId, {
        status: q.view === 'decide' ? 'pending' : q.status,
        kind: q.kind,
        officeId: q.officeId,
        staffId: q.view === 'mine' ? actor.staffId : q.staffId,
        from: q.from,
        to: q.to,
        officeIds: reach,
        alsoStaffId: actor.staffId,
        beforeId,
        limit: q.limit + 1,
      });
      for (const row of rows.slice(0, q.limit)) {
        if (q.view === 'decide' && !canDecide(actor, row)) continue;
        if (!canSee(actor, row)) continue;
        items.push(presentRequest(actor, row));
        if (items.length === q.limit) break;
      }
      const last = rows.slice(0, q.limit).at(-1);
      if (items.length === q.limit) {
        return { items, nextCursor: String(items.at(-1)!.id) };
      }
      if (rows.length <= q.limit || !last) return { items, nextCursor: null };
      beforeId = last.id;
    }
    return { items, nextCursor: items.length > 0 ? String(items.at(-1)!.id) : null };
  });
}

/** The menu's count badge: requests waiting for the caller's decision (at most 200 counted). */
export async function pendingCount(ctx: AuthContext, actor: Actor) {
  const page = await listRequestsFor(ctx, actor, { view: 'decide', limit: 200 });
  return { count: page.items.length };
}

/** A request with its steps (who, when, comment) and the day before / after. */
export async function getRequest(ctx: AuthContext, actor: Actor, id: number) {
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const row = await findRequest(trx, actor.contractId, id);
    if (!row || !canSee(actor, row)) throw new AppError('request_not_found');
    const events = await listRequestEvents(trx, actor.contractId, id);
    const route = await describeRoute(trx, actor, stepsOf(row));
    return {
      ...presentRequest(actor, row),
      route,
      events: events.map((e) => ({
        action: e.action,
        step: e.step,
        by: e.actorName,
        comment: e.comment,
        at: iso(e.createdAt)!,
      })),
    };
  });
}

async function describeRoute(trx: Tx, actor: Actor, steps: ApprovalStep[]) {
  const out = [];
  for (const step of steps) {
    if (step.type === 'person') {
      const person = await findStaff(trx, actor.contractId, step.staffId);
      out.push({ ...step, name: person?.name ?? null });
    } else out.push({ ...step, name: null });
  }
  return out;
}

/** The form of a 打刻修正申請: the day as it is now, and whether it can still be asked for. */
export async function dayForRequest(ctx: AuthContext, actor: Actor, date: string) {
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const { staff } = await applicantOf(trx, actor);
    let refusal: { code: string; from: string; to: string } | null = null;
    try {
      await assertOpenPeriod(trx, actor, staff.id, 'punch_correction', { from: date, to: date });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusal = { code: error.code, from: String(error.params.from), to: String(error.params.to) };
    }
    const punches = (await currentDayPunches(trx, actor, staff.id, date)).map(({ type, at }) => ({
      type,
      at,
    }));
    return { date, punches, refusal };
  });
}

// ───────────────────────────── 休暇申請 ─────────────────────────────

function datesBetween(from: string, to: string): string[] {
  const dates = [];
  for (let date = from; date <= to; date = shiftDate(date, 1)) dates.push(date);
  return dates;
}

/**
 * The dates a 休暇申請 takes: a single date as asked; a range of full days, only the person's
 * scheduled work days in it (leave on a 所定休日 consumes nothing, labor-rules.md §6). 固定: the work
 * rules' schedule (contract › office › person); シフト制: a published 休み is a day off, a date whose
 * shift is not published yet is kept (it cannot be known yet). A range without any work day is
 * taken as asked, like a single date.
 */
/**
 * The dates a 休暇申請 takes: its days with scheduled work (a range over a weekend takes the work
 * days only). A request whose every day is a day off is refused, never silently moved or charged.
 */
async function leaveDatesOf(
  trx: Tx,
  contractId: string,
  staffId: number,
  officeId: number | null,
  ask: Pick<LeaveAsk, 'from' | 'to' | 'unit'>,
): Promise<string[]> {
  const staff = await findStaff(trx, contractId, staffId);
  if (!staff) throw new AppError('staff_not_found');
  const working = await scheduledWorkDates(
    trx,
    contractId,
    {
      id: staffId,
      workStyle: staff.workStyle,
      workRules: await readStaffWorkRules(trx, contractId, staffId),
    },
    datesBetween(ask.from, ask.to),
    officeId,
  );
  if (working.length === 0) throw new AppError('leave_on_day_off', {}, { from: 'leave_on_day_off' });
  return working;
}

type LeaveAsk = {
  leaveTypeId: number;
  from: string;
  to: string;
  unit: 'full' | 'am' | 'pm' | 'hours';
  hours?: number | undefined;
};

/**
 * The balance after a 休暇申請 (休暇管理's balanceAfter for one day; a range of full days takes one
 * day per scheduled work day in it, leaveDatesOf). Only 有給 (annual) has a balance; other 区分 are
 * always covered.
 */
async function leaveBalance(trx: Tx, actor: Actor, staffId: number, officeId: number | null, ask: LeaveAsk) {
  const types = await listLeaveTypesIn(trx, actor.contractId);
  const type = types.find((t) => t.id === ask.leaveTypeId && !t.archived);
  if (!type) throw new AppError('leave_type_not_found', {}, { leaveTypeId: 'leave_type_not_found' });
  const first = await balanceAfter(trx, actor.contractId, {
    staffId,
    date: ask.from,
    leaveTypeId: ask.leaveTypeId,
    unit: ask.unit,
    ...(ask.hours !== undefined ? { hours: ask.hours } : {}),
  });
  const days = (await leaveDatesOf(trx, actor.contractId, staffId, officeId, ask)).length;
  const after = first.annual ? first.after - (days - 1) : first.after;
  return { annual: first.annual, before: first.before, after, covered: first.covered && after >= 0 };
}

/** The form of a 休暇申請: the 休暇区分 one may ask for, and (when given) the balance after. */
export async function leaveForRequest(ctx: AuthContext, actor: Actor, query: unknown) {
  const q = parseOrThrow(LeaveBalanceQuerySchema, query);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const { staff, officeId } = await applicantOf(trx, actor);
    const types = (await listLeaveTypesIn(trx, actor.contractId))
      .filter((t) => !t.archived)
      .map((t) => ({
        id: t.id,
        name: t.name,
        kind: t.kind,
        allowFull: t.allowFull,
        allowHalf: t.allowHalf,
        allowHours: t.allowHours,
      }));
    if (q.leaveTypeId === undefined || !q.from || !q.unit) return { types, balance: null, dayOff: false };
    try {
      const balance = await leaveBalance(trx, actor, staff.id, officeId, {
        leaveTypeId: q.leaveTypeId,
        from: q.from,
        to: q.to && q.unit === 'full' ? q.to : q.from,
        unit: q.unit,
        hours: q.hours,
      });
      return { types, balance, dayOff: false };
    } catch (error) {
      // The form keeps its 休暇区分 and says why no balance: sending would be refused.
      if (error instanceof AppError && error.code === 'leave_on_day_off') {
        return { types, balance: null, dayOff: true };
      }
      throw error;
    }
  });
}

// ───────────────────────────── 承認経路 and settings ─────────────────────────────

export async function getApprovalRoutes(ctx: AuthContext, actor: Actor) {
  requireAdmin(actor);
  return withTenant(ctx.db, actor.contractId, async (trx) => ({
    defaultRoute: DEFAULT_APPROVAL_ROUTE,
    items: (await listApprovalRoutes(trx, actor.contractId)).map((r) => ({
      officeId: r.officeId,
      kind: r.kind,
      steps: r.steps as ApprovalStep[],
    })),
  }));
}

/** 承認経路 of an office and kind (エンタープライズ): up to 3 steps; none is the default route. */
export async function putApprovalRoute(ctx: AuthContext, actor: Actor, body: unknown) {
  requireAdmin(actor);
  const input = parseOrThrow(ApprovalRouteInputSchema, body);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    if (!(await findOffice(trx, actor.contractId, input.officeId))) throw new AppError('office_not_found');
    for (const [i, step] of input.steps.entries()) {
      if (step.type === 'person' && !(await findStaff(trx, actor.contractId, step.staffId))) {
        throw new AppError('staff_not_found', {}, { [`steps.${i}.staffId`]: 'staff_not_found' });
      }
    }
    await saveApprovalRoute(trx, actor.contractId, input.officeId, input.kind, input.steps);
    await appendAudit(trx, actor.contractId, {
      action: 'request.route_changed',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `office:${input.officeId}`,
      details: { kind: input.kind, steps: input.steps },
    });
    return { officeId: input.officeId, kind: input.kind, steps: input.steps };
  });
}

export async function requestSettingsOf(trx: Tx, contractId: string): Promise<RequestSettings> {
  const settings = await readContractSettings(trx, contractId);
  return { overtimeNeedsApproval: settings.overtimeNeedsApproval === true };
}

export async function getRequestSettings(ctx: AuthContext, actor: Actor) {
  requireAdmin(actor);
  return withTenant(ctx.db, actor.contractId, (trx) => requestSettingsOf(trx, actor.contractId));
}

export async function putRequestSettings(ctx: AuthContext, actor: Actor, body: unknown) {
  requireAdmin(actor);
  const input = parseOrThrow(RequestSettingsSchema, body);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    await mergeContractSettings(trx, actor.contractId, input);
    await appendAudit(trx, actor.contractId, {
      action: 'settings.requests_changed',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      details: input,
    });
    return requestSettingsOf(trx, actor.contractId);
  });
}

async function audit(
  trx: Tx,
  actor: Actor,
  action: string,
  staffId: number,
  details: Record<string, unknown>,
) {
  await appendAudit(trx, actor.contractId, {
    action,
    actorAccountId: actor.accountId,
    actorStaffId: actor.staffId,
    target: `staff:${staffId}`,
    details,
  });
}
