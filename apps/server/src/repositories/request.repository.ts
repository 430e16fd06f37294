import type { RequestKind, RequestStatus } from '@timecard/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import { nextId } from './id-counter.repository.ts';

// ワークフロー (issue 18): 申請, their events, 承認経路 and the approver digest queue.

export interface NewRequest {
  staffId: number;
  officeId: number | null;
  kind: RequestKind;
  route: unknown[];
  dateFrom: string;
  dateTo: string;
  body: Record<string, unknown>;
  before: unknown[] | null;
  reason: string;
}

export async function insertRequest(trx: Tx, contractId: string, request: NewRequest) {
  const id = await nextId(trx, contractId, 'request');
  await trx
    .insertInto('requests')
    .values({
      contractId,
      id,
      staffId: request.staffId,
      officeId: request.officeId,
      kind: request.kind,
      route: JSON.stringify(request.route),
      dateFrom: request.dateFrom,
      dateTo: request.dateTo,
      body: JSON.stringify(request.body),
      before: request.before === null ? null : JSON.stringify(request.before),
      reason: request.reason,
    })
    .execute();
  return id;
}

const REQUEST_COLUMNS = [
  'r.id',
  'r.staffId',
  'r.officeId',
  'r.kind',
  'r.status',
  'r.route',
  'r.step',
  sql<string>`r.date_from::text`.as('dateFrom'),
  sql<string>`r.date_to::text`.as('dateTo'),
  'r.body',
  'r.before',
  'r.reason',
  'r.appliedAt',
  'r.createdAt',
  'r.updatedAt',
  's.name as staffName',
  'o.name as officeName',
] as const;

function requestsQuery(trx: Tx | Db, contractId: string) {
  return trx
    .selectFrom('requests as r')
    .innerJoin('staff as s', (join) =>
      join.onRef('s.contractId', '=', 'r.contractId').onRef('s.id', '=', 'r.staffId'),
    )
    .leftJoin('offices as o', (join) =>
      join.onRef('o.contractId', '=', 'r.contractId').onRef('o.id', '=', 'r.officeId'),
    )
    .select(REQUEST_COLUMNS)
    .where('r.contractId', '=', contractId);
}

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export async function findRequest(trx: Tx, contractId: string, id: number) {
  return requestsQuery(trx, contractId).where('r.id', '=', id).executeTakeFirst();
}

/**
 * Takes the request's row lock for the rest of the transaction: two approvers clicking at once are
 * served one after the other, and the second sees the first one's decision.
 */
export async function lockRequest(trx: Tx, contractId: string, id: number): Promise<boolean> {
  const row = await trx
    .selectFrom('requests')
    .select('id')
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateRequest(
  trx: Tx,
  contractId: string,
  id: number,
  changes: {
    status?: RequestStatus;
    step?: number;
    appliedAt?: Date;
    notifiedAt?: Date | null;
    body?: Record<string, unknown>;
    before?: unknown[] | null;
    reason?: string;
    dateFrom?: string;
    dateTo?: string;
  },
) {
  const { body, before, ...rest } = changes;
  await trx
    .updateTable('requests')
    .set({
      ...rest,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(before !== undefined ? { before: before === null ? null : JSON.stringify(before) } : {}),
      updatedAt: new Date(),
    })
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .execute();
}

export interface RequestFilter {
  status?: RequestStatus | undefined;
  kind?: RequestKind | undefined;
  officeId?: number | undefined;
  staffId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Only these offices' requests (an approver's reach), or all. */
  officeIds: number[] | 'all';
  /** Besides the offices: requests naming this person in a step of their route (custom routes). */
  alsoStaffId?: number | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/** Requests newest first, by the filters of 申請一覧. */
export async function listRequests(trx: Tx, contractId: string, filter: RequestFilter) {
  let query = requestsQuery(trx, contractId);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.kind) query = query.where('r.kind', '=', filter.kind);
  if (filter.officeId) query = query.where('r.officeId', '=', filter.officeId);
  if (filter.staffId) query = query.where('r.staffId', '=', filter.staffId);
  if (filter.from) query = query.where('r.dateTo', '>=', filter.from);
  if (filter.to) query = query.where('r.dateFrom', '<=', filter.to);
  if (filter.beforeId) query = query.where('r.id', '<', filter.beforeId);
  if (filter.officeIds !== 'all') {
    const offices = filter.officeIds;
    const person = filter.alsoStaffId;
    query = query.where((eb) =>
      eb.or([
        ...(offices.length > 0 ? [eb('r.officeId', 'in', offices)] : []),
        ...(person !== undefined
          ? [sql<boolean>`r.route @> ${JSON.stringify([{ type: 'person', staffId: person }])}::jsonb`]
          : []),
        eb.val(false),
      ]),
    );
  }
  return query.orderBy('r.id', 'desc').limit(filter.limit).execute();
}

export async function insertRequestEvent(
  trx: Tx,
  contractId: string,
  event: {
    requestId: number;
    action: 'create' | 'resend' | 'approve' | 'reject' | 'return' | 'cancel' | 'reopen';
    step: number;
    actorStaffId: number | null;
    actorAccountId: number | null;
    comment: string;
  },
) {
  await trx
    .insertInto('requestEvents')
    .values({ contractId, ...event })
    .execute();
}

export async function listRequestEvents(trx: Tx, contractId: string, requestId: number) {
  return trx
    .selectFrom('requestEvents as e')
    .leftJoin('staff as s', (join) =>
      join.onRef('s.contractId', '=', 'e.contractId').onRef('s.id', '=', 'e.actorStaffId'),
    )
    .select([
      'e.id',
      'e.action',
      'e.step',
      'e.actorStaffId',
      'e.comment',
      'e.createdAt',
      's.name as actorName',
    ])
    .where('e.contractId', '=', contractId)
    .where('e.requestId', '=', requestId)
    .orderBy('e.id')
    .execute();
}

/** 承認済みの勤怠確定 covering a date: the person signed that period off. */
export async function findConfirmation(
  trx: Tx,
  contractId: string,
  staffId: number,
  from: string,
  to: string,
) {
  return trx
    .selectFrom('requests')
    .select(['id', sql<string>`date_from::text`.as('dateFrom'), sql<string>`date_to::text`.as('dateTo')])
    .where('contractId', '=', contractId)
    .where('staffId', '=', staffId)
    .where('kind', '=', 'attendance_confirmation')
    .where('status', '=', 'approved')
    .where('dateFrom', '<=', to)
    .where('dateTo', '>=', from)
    .executeTakeFirst();
}

/** Approved 残業申請 of some people between two work dates (the engine's input, issue 18). */
export async function listApprovedOvertime(
  trx: Tx | Db,
  contractId: string,
  staffIds: number[],
  from: string,
  to: string,
) {
  if (staffIds.length === 0) return [];
  return trx
    .selectFrom('requests')
    .select(['staffId', sql<string>`date_from::text`.as('date'), 'body'])
    .where('contractId', '=', contractId)
    .where('staffId', 'in', staffIds)
    .where('kind', '=', 'overtime')
    .where('status', '=', 'approved')
    .where('dateFrom', '>=', from)
    .where('dateFrom', '<=', to)
    .execute();
}

// ───────────────────────────── 承認経路 ─────────────────────────────

export async function findApprovalRoute(trx: Tx, contractId: string, officeId: number, kind: RequestKind) {
  return trx
    .selectFrom('approvalRoutes')
    .select(['officeId', 'kind', 'steps'])
    .where('contractId', '=', contractId)
    .where('officeId', '=', officeId)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

export async function listApprovalRoutes(trx: Tx, contractId: string) {
  return trx
    .selectFrom('approvalRoutes')
    .select(['officeId', 'kind', 'steps'])
    .where('contractId', '=', contractId)
    .orderBy('officeId')
    .orderBy('kind')
    .execute();
}

export async function saveApprovalRoute(
  trx: Tx,
  contractId: string,
  officeId: number,
  kind: RequestKind,
  steps: unknown[],
) {
  if (steps.length === 0) {
    await trx
      .deleteFrom('approvalRoutes')
      .where('contractId', '=', contractId)
      .where('officeId', '=', officeId)
      .where('kind', '=', kind)
      .execute();
    return;
  }
  await trx
    .insertInto('approvalRoutes')
    .values({ contractId, officeId, kind, steps: JSON.stringify(steps) })
    .onConflict((oc) =>
      oc
        .columns(['contractId', 'officeId', 'kind'])
        .doUpdateSet({ steps: JSON.stringify(steps), updatedAt: new Date() }),
    )
    .execute();
}

// ───────────────────────────── settings ─────────────────────────────

export async function readContractSettings(trx: Tx, contractId: string): Promise<Record<string, unknown>> {
  const row = await trx
    .selectFrom('contracts')
    .select('settings')
    .where('id', '=', contractId)
    .executeTakeFirst();
  return row?.settings ?? {};
}

export async function mergeContractSettings(trx: Tx, contractId: string, patch: Record<string, unknown>) {
  await trx
    .updateTable('contracts')
    .set({ settings: sql`settings || ${JSON.stringify(patch)}::jsonb` as never, updatedAt: new Date() })
    .where('id', '=', contractId)
    .execute();
}

// ───────────────────────────── approver digests ─────────────────────────────

/** Asks for a digest of the contract's new requests at `dueAt` (an earlier one already asked stays). */
export async function scheduleDigest(trx: Tx, contractId: string, dueAt: Date) {
  await trx
    .insertInto('requestDigests')
    .values({ contractId, dueAt })
    .onConflict((oc) => oc.column('contractId').doNothing())
    .execute();
}

/**
 * Claims one contract whose digest is due, for the rest of the transaction: another process's
 * job skips it (SKIP LOCKED), and a process killed mid-digest rolls the claim back.
 */
export async function claimDueDigest(trx: Tx, now: Date): Promise<string | undefined> {
  const row = await trx
    .selectFrom('requestDigests')
    .select('contractId')
    .where('dueAt', '<=', now)
    .orderBy('dueAt')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  return row?.contractId;
}

export async function deleteDigest(trx: Tx, contractId: string) {
  await trx.deleteFrom('requestDigests').where('contractId', '=', contractId).execute();
}

/** 申請中 requests whose current step's approvers have not had their digest yet. */
export async function listUnnotified(trx: Tx, contractId: string) {
  return requestsQuery(trx, contractId)
    .where('r.status', '=', 'pending')
    .where('r.notifiedAt', 'is', null)
    .orderBy('r.id')
    .forUpdate('r')
    .execute();
}

export async function markNotified(trx: Tx, contractId: string, ids: number[], at: Date) {
  if (ids.length === 0) return;
  await trx
    .updateTable('requests')
    .set({ notifiedAt: at })
    .where('contractId', '=', contractId)
    .where('id', 'in', ids)
    .execute();
}

/** People who may decide at an office: active staff with a right there (for mails and routes). */
export async function listOfficeDeciders(
  trx: Tx,
  contractId: string,
  officeId: number,
  right: 'attendance' | 'staffManage' | 'officeManage' | 'shiftPlan',
  level: 'view' | 'edit',
) {
  const levels = level === 'edit' ? ['edit'] : ['view', 'edit'];
  return trx
    .selectFrom('staffOffices as so')
    .innerJoin('staff as s', (join) =>
      join.onRef('s.contractId', '=', 'so.contractId').onRef('s.id', '=', 'so.staffId'),
    )
    .select(['s.id', 's.name', 's.email', 's.isAdmin'])
    .where('so.contractId', '=', contractId)
    .where('so.officeId', '=', officeId)
    .where(`so.${right}` as 'so.attendance', 'in', levels as ('view' | 'edit')[])
    .where('s.usage', '=', 'active')
    .execute();
}

export async function listActiveAdmins(trx: Tx, contractId: string) {
  return trx
    .selectFrom('staff')
    .select(['id', 'name', 'email', 'isAdmin'])
    .where('contractId', '=', contractId)
    .where('isAdmin', '=', true)
    .where('usage', '=', 'active')
    .orderBy('id')
    .execute();
}
