import {
  ApprovalRouteInputSchema,
  ApprovalStepSchema,
  BulkApproveSchema,
  DateSchema,
  DecisionCommentSchema,
  LeaveBalanceQuerySchema,
  PUNCH_TYPES,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  RequestInputSchema,
  RequestListQuerySchema,
  RequestSettingsSchema,
  RequiredCommentSchema,
} from '@timecard/domain';
import { z } from 'zod';
import { IdParamsSchema } from '../common.ts';
import { defineRoute } from '../route.ts';

// ワークフロー (issue 18, プレミアムプラス): 申請 and their decisions; custom 承認経路 on エンタープライズ.

const Day = z.string().meta({ example: '2026-11-05', description: 'YYYY-MM-DD' });
const Instant = z.string().meta({ description: 'ISO 8601 instant' });
const DayPunch = z.object({
  type: z.enum(PUNCH_TYPES),
  at: z.string().meta({ example: '2026-11-05T09:00', description: 'YYYY-MM-DDTHH:mm' }),
});

export const RequestSchema = z
  .object({
    id: z.number().int().meta({ description: '申請No., per contract' }),
    kind: z.enum(REQUEST_KINDS),
    status: z.enum(REQUEST_STATUSES).meta({
      description:
        'pending 申請中, approved 承認, rejected 却下, returned 差戻し, cancelled 取消, reopened 確定解除',
    }),
    step: z.number().int().meta({ description: 'The step of the 承認経路 waiting for a decision (0-based)' }),
    steps: z.number().int().meta({ description: 'How many steps the 承認経路 has (1–3)' }),
    staff: z.object({ id: z.number().int(), name: z.string() }),
    office: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    dateFrom: Day,
    dateTo: Day,
    body: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The request as sent (the body of POST /requests).' }),
    before: z
      .array(DayPunch)
      .nullable()
      .meta({ description: '打刻修正申請: the day as it was when the request was made.' }),
    reason: z.string(),
    createdAt: Instant,
    updatedAt: Instant,
    appliedAt: Instant.nullable(),
    canDecide: z.boolean().meta({ description: 'The caller may 承認 / 却下 / 差戻し it now.' }),
    canCancel: z.boolean(),
    canResend: z.boolean(),
    canReopen: z.boolean(),
  })
  .meta({ id: 'Request', description: 'A 申請 (ワークフロー).' });

export const RequestDetailSchema = RequestSchema.extend({
  route: z.array(
    z.object({
      type: z.enum(['person', 'right', 'admin']),
      staffId: z.number().int().optional(),
      right: z.string().optional(),
      level: z.string().optional(),
      name: z.string().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      action: z.enum(['create', 'resend', 'approve', 'reject', 'return', 'cancel', 'reopen']),
      step: z.number().int(),
      by: z.string().nullable(),
      comment: z.string(),
      at: Instant,
    }),
  ),
}).meta({
  id: 'RequestDetail',
  description: 'A 申請 with every step (who, when, comment) and its 承認経路.',
});

const DECISION_ERRORS = [
  'request_not_found',
  'request_not_pending',
  'request_not_decider',
  'forbidden',
  'plan_required',
  'period_locked',
  'leave_balance_insufficient',
  'leave_day_taken',
] as const;

const exampleRequest = {
  id: 12,
  kind: 'punch_correction',
  status: 'pending',
  step: 0,
  steps: 1,
  staff: { id: 3, name: '山田 花子' },
  office: { id: 1, name: '本店' },
  dateFrom: '2026-11-05',
  dateTo: '2026-11-05',
  body: {
    kind: 'punch_correction',
    date: '2026-11-05',
    punches: [
      { type: 'clock_in', at: '2026-11-05T09:00' },
      { type: 'clock_out', at: '2026-11-05T18:00' },
    ],
    reason: '退勤の打刻忘れ',
  },
  before: [{ type: 'clock_in', at: '2026-11-05T09:00' }],
  reason: '退勤の打刻忘れ',
  createdAt: '2026-11-06T00:10:00.000Z',
  updatedAt: '2026-11-06T00:10:00.000Z',
  appliedAt: null,
  canDecide: false,
  canCancel: true,
  canResend: false,
  canReopen: false,
};

const decision = (action: 'approve' | 'reject' | 'return' | 'cancel' | 'reopen', summary: string) =>
  defineRoute({
    id: `requests.${action}`,
    method: 'POST',
    path: `/requests/{id}/${action}`,
    summary,
    tag: 'requests',
    auth: ['console', 'token'],
    scope: 'requests:write',
    feature: 'requests',
    params: IdParamsSchema,
    body: action === 'reject' || action === 'return' ? RequiredCommentSchema : DecisionCommentSchema,
    status: [200],
    response: RequestSchema,
    errors: [...DECISION_ERRORS, 'comment_required'],
    exampleBody: { comment: action === 'reject' || action === 'return' ? '退勤時刻をご確認ください。' : '' },
  });

export const requestRoutes = {
  create: defineRoute({
    id: 'requests.create',
    method: 'POST',
    path: '/requests',
    summary: 'Make a 申請 for oneself: 打刻修正申請, 休暇申請, 残業申請 or 勤怠確定',
    description:
      'A 打刻修正申請 is the whole work day as it should be. A closed period (締め済) answers 422 `request_period_locked`; a signed-off one 422 `request_period_confirmed`. The approvers get a digest mail.',
    tag: 'requests',
    auth: ['console', 'token'],
    scope: 'requests:write',
    feature: 'requests',
    body: RequestInputSchema,
    status: [201],
    response: RequestSchema,
    errors: [
      'forbidden',
      'plan_required',
      'request_period_locked',
      'request_period_confirmed',
      'request_duplicate',
      'leave_type_not_found',
      'leave_balance_insufficient',
      'punch_sequence_invalid',
      'reason_required',
      'date_invalid',
    ],
    exampleBody: exampleRequest.body,
    exampleResponse: exampleRequest,
  }),
  list: defineRoute({
    id: 'requests.list',
    method: 'GET',
    path: '/requests',
    summary: '申請一覧: filter by state, kind, office, period; `view=mine` own, `view=decide` waiting for me',
    tag: 'requests',
    auth: ['console', 'token'],
    scope: 'requests:read',
    feature: 'requests',
    query: RequestListQuerySchema,
    status: [200],
    response: z.object({ items: z.array(RequestSchema), nextCursor: z.string().nullable() }),
    errors: ['plan_required'],
  }),
  pendingCount: defineRoute({
    id: 'requests.pendingCount',
    method: 'GET',
    path: '/requests/pending-count',
    summary: 'How many requests wait for the caller’s decision (the menu’s badge)',
    tag: 'requests',
    auth: ['console', 'token'],
    scope: 'requests:read',
    feature: 'requests',
    status: [200],
    response: z.object({ count: z.number().int() }),
    exampleResponse: { count: 3 },
  }),
  day: defineRoute({
    id: 'requests.day',
    method: 'GET',
    path: '/requests/day',
    summary:
      'The caller’s work day as it is, for a 打刻修正申請 (and whether its period still takes requests)',
    tag: 'requests',
    auth: ['console'],
    feature: 'requests',
    query: z.object({ date: DateSchema }).strict(),
    status: [200],
    response: z.object({
      date: Day,
      punches: z.array(DayPunch),
      refusal: z
        .object({ code: z.string(), from: Day, to: Day })
        .nullable()
        .meta({ description: 'Why no request can be made for the day (締め済, 勤怠確定).' }),
    }),
    errors: ['forbidden', 'date_invalid'],
  }),
  leave: defineRoute({
    id: 'requests.leave',
    method: 'GET',
    path: '/requests/leave-balance',
    summary: 'The 休暇区分 one may ask for and, for given days, the 有給 balance after (the 休暇申請 form)',
    tag: 'requests',
    auth: ['console'],
    feature: 'requests',
    query: LeaveBalanceQuerySchema,
    status: [200],
    response: z.object({
      types: z.array(
        z.object({
          id: z.number().int(),
          name: z.string(),
          kind: z.string(),
          allowFull: z.boolean(),
          allowHalf: z.boolean(),
          allowHours: z.boolean(),
        }),
      ),
      balance: z
        .object({ annual: z.boolean(), before: z.number(), after: z.number(), covered: z.boolean() })
        .nullable()
        .meta({ description: '有給 days valid before and after the asked days (annual leave only counts).' }),
      dayOff: z.boolean().meta({
        description:
          'Every asked day is a 所定休日 (no scheduled work): sending it is refused (leave_on_day_off).',
      }),
    }),
    errors: ['forbidden', 'leave_type_not_found', 'date_invalid'],
  }),
  get: defineRoute({
    id: 'requests.get',
    method: 'GET',
    path: '/requests/{id}',
    summary: 'A 申請 with its steps (who, when, comment), 承認経路 and before / after',
    tag: 'requests',
    auth: ['console', 'token'],
    scope: 'requests:read',
    feature: 'requests',
    params: IdParamsSchema,
    status: [200],
    response: RequestDetailSchema,
    errors: ['request_not_found'],
  }),
  resend: defineRoute({
    id: 'requests.resend',
    method: 'PUT',
    path: '/requests/{id}',
    summary: '再申請: the applicant edits a 差戻し request and sends it again (back to the first step)',
    tag: 'requests',
    auth: ['console', 'token'],
    scope: 'requests:write',
    feature: 'requests',
    params: IdParamsSchema,
    body: RequestInputSchema,
    status: [200],
    response: RequestSchema,
    errors: ['request_not_found', 'request_not_returned', 'forbidden', 'request_period_locked'],
    exampleBody: exampleRequest.body,
  }),
  approve: decision(
    'approve',
    '【承認】: the last step’s approval applies the change (once, even if two approvers click)',
  ),
  reject: decision('reject', '【却下】 with a comment'),
  return: decision('return', '【差戻し】 with a comment: back to the applicant to edit and resend'),
  cancel: decision('cancel', '取消: the applicant withdraws a request while 申請中 (or 差戻し)'),
  reopen: decision('reopen', '確定解除: an administrator reopens an approved 勤怠確定'),
  bulkApprove: defineRoute({
    id: 'requests.bulkApprove',
    method: 'POST',
    path: '/requests/bulk-approve',
    summary: 'bulk 承認 of selected requests, each on its own; the refused ones are listed with their code',
    tag: 'requests',
    auth: ['console', 'token'],
    scope: 'requests:write',
    feature: 'requests',
    body: BulkApproveSchema,
    status: [200],
    response: z.object({
      approved: z.array(z.number().int()),
      failed: z.array(z.object({ id: z.number().int(), code: z.string() })),
    }),
    exampleBody: { ids: [12, 13], comment: '' },
    exampleResponse: { approved: [12], failed: [{ id: 13, code: 'request_not_pending' }] },
  }),
  getSettings: defineRoute({
    id: 'requests.getSettings',
    method: 'GET',
    path: '/settings/requests',
    summary: 'ワークフロー settings (administrators): whether overtime counts only when approved',
    tag: 'requests',
    auth: ['console'],
    feature: 'requests',
    status: [200],
    response: RequestSettingsSchema,
    errors: ['forbidden'],
  }),
  putSettings: defineRoute({
    id: 'requests.putSettings',
    method: 'PUT',
    path: '/settings/requests',
    summary: 'Change the ワークフロー settings (administrators; 操作ログ)',
    description:
      '`overtimeNeedsApproval`: work past the end of the shift or schedule counts only up to the planned end of an approved 残業申請.',
    tag: 'requests',
    auth: ['console'],
    feature: 'requests',
    body: RequestSettingsSchema,
    status: [200],
    response: RequestSettingsSchema,
    errors: ['forbidden'],
    exampleBody: { overtimeNeedsApproval: true },
  }),
} as const;

export const approvalRouteRoutes = {
  list: defineRoute({
    id: 'approvalRoutes.list',
    method: 'GET',
    path: '/approval-routes',
    summary: '承認経路 per office and kind (エンタープライズ; administrators)',
    tag: 'requests',
    auth: ['console'],
    feature: 'approval_routes',
    status: [200],
    response: z.object({
      defaultRoute: z.array(ApprovalStepSchema),
      items: z.array(
        z.object({
          officeId: z.number().int(),
          kind: z.enum(REQUEST_KINDS),
          steps: z.array(ApprovalStepSchema),
        }),
      ),
    }),
    errors: ['forbidden', 'plan_required'],
  }),
  put: defineRoute({
    id: 'approvalRoutes.put',
    method: 'PUT',
    path: '/approval-routes',
    summary:
      'Set the 承認経路 of an office and kind: up to 3 steps, each a person or a right; [] is the default',
    tag: 'requests',
    auth: ['console'],
    feature: 'approval_routes',
    body: ApprovalRouteInputSchema,
    status: [200],
    response: z.object({
      officeId: z.number().int(),
      kind: z.enum(REQUEST_KINDS),
      steps: z.array(ApprovalStepSchema),
    }),
    errors: ['forbidden', 'plan_required', 'office_not_found', 'staff_not_found', 'approval_route_too_long'],
    exampleBody: {
      officeId: 1,
      kind: 'punch_correction',
      steps: [{ type: 'right', right: 'attendance', level: 'edit' }, { type: 'admin' }],
    },
  }),
} as const;
