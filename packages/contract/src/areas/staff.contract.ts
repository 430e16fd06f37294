import {
  EMPLOYMENT_TYPES,
  QueryIdSchema,
  RIGHTS,
  StaffCreateSchema,
  StaffListQuerySchema,
  StaffUpdateSchema,
} from '@timecard/domain';
import { z } from 'zod';
import { IdParamsSchema, MessageSchema } from '../common.ts';
import { defineRoute } from '../route.ts';

// 従業員 / スタッフ管理 (product.md §4): staff are never deleted; 退職 sets `retiredOn` and `usage: 'inactive'`.

const Right = z.enum(RIGHTS);
const Day = z.string().meta({ example: '2026-04-01', description: 'YYYY-MM-DD' });

export const OfficeRightsSchema = z
  .object({
    officeId: z.number().int(),
    shiftPlan: Right.meta({ description: 'シフト管理' }),
    attendance: Right.meta({ description: '実績' }),
    officeManage: Right.meta({ description: '事業所管理' }),
    staffManage: Right.meta({ description: '従業員管理' }),
  })
  .meta({ id: 'OfficeRights', description: 'A person’s belonging to an office and their rights there.' });

export const StaffSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kana: z.string().meta({ description: 'フリガナ (full-width katakana)' }),
    code: z.string().nullable().meta({ description: 'スタッフコード' }),
    email: z.string().nullable(),
    employmentType: z.enum(EMPLOYMENT_TYPES),
    hiredOn: Day.nullable(),
    retiredOn: Day.nullable(),
    usage: z.enum(['active', 'inactive']).meta({ description: '利用設定: 利用する / 利用しない' }),
    workStyle: z.enum(['fixed', 'shift']).meta({ description: '勤務形態: 固定 / シフト制' }),
    weeklyDays: z.number().int().meta({ description: '週所定労働日数 (1–7), for 比例付与 of paid leave' }),
    weeklyHours: z.number().meta({ description: '週所定労働時間 in hours (29.5 = 29時間30分)' }),
    leaveGrantMode: z
      .enum(['statutory', 'manual'])
      .meta({ description: '有給の付与方式: 法定どおり (from 入社日) / 手動' }),
    loginStatus: z.enum(['allowed', 'stopped']).meta({ description: 'ログイン可 / ログイン停止' }),
    isAdmin: z.boolean().meta({ description: '権限: システム管理者' }),
    verification: z
      .enum(['none', 'pending', 'verified'])
      .meta({ description: 'The e-mail’s 認証 (none: no e-mail)' }),
    hasPasscode: z.boolean().meta({ description: 'A パスコード is set (never the code itself)' }),
    offices: z.array(OfficeRightsSchema),
  })
  .meta({ id: 'Staff', description: 'A staff member (never their passcode).' });

const STAFF_EXAMPLE = {
  id: 7,
  name: '山田 花子',
  kana: 'ヤマダ ハナコ',
  code: 'A-007',
  email: 'hanako@example.com',
  employmentType: 'part_time',
  hiredOn: '2026-04-01',
  retiredOn: null,
  usage: 'active',
  workStyle: 'fixed',
  weeklyDays: 5,
  weeklyHours: 40,
  leaveGrantMode: 'statutory',
  loginStatus: 'allowed',
  isAdmin: false,
  verification: 'pending',
  hasPasscode: true,
  offices: [
    { officeId: 1, shiftPlan: 'none', attendance: 'view', officeManage: 'none', staffManage: 'none' },
  ],
};

const WRITE_ERRORS = [
  'staff_code_taken',
  'staff_email_taken',
  'office_not_found',
  'retired_before_hired',
  'api_token_scope_missing',
] as const;

export const PasscodeWarningSchema = z
  .object({
    officeId: z.number().int(),
    officeName: z.string(),
    staff: z.array(z.object({ id: z.number().int(), name: z.string() })),
  })
  .meta({
    id: 'PasscodeWarning',
    description: 'Staff in use without a パスコード in an office that requires one.',
  });

export const staffRoutes = {
  list: defineRoute({
    id: 'staff.list',
    method: 'GET',
    path: '/staff',
    summary: 'Staff the caller may see, by id, paged by cursor',
    description:
      '`q` searches name, フリガナ, e-mail and code. Administrators and tokens see everyone; 従業員管理 viewers the people of their offices.',
    tag: 'staff',
    auth: ['console', 'token'],
    scope: 'staff:read',
    query: StaffListQuerySchema,
    status: [200],
    response: z.object({
      items: z.array(StaffSchema),
      nextCursor: z.string().nullable().meta({ description: 'Null on the last page' }),
    }),
    errors: ['api_token_scope_missing'],
    exampleResponse: { items: [STAFF_EXAMPLE], nextCursor: null },
  }),
  create: defineRoute({
    id: 'staff.create',
    method: 'POST',
    path: '/staff',
    summary: 'Register a staff member (sends the 認証メール when `email` is set)',
    description:
      'Administrators, or 従業員管理 編集 on every office given (without granting rights above their own). `passcode`: exactly 4 digits, full-width taken as half-width.',
    tag: 'staff',
    auth: ['console', 'token'],
    scope: 'staff:write',
    body: StaffCreateSchema,
    status: [201],
    response: StaffSchema,
    errors: [...WRITE_ERRORS],
    exampleBody: {
      name: '山田 花子',
      kana: 'ヤマダ ハナコ',
      code: 'A-007',
      email: 'hanako@example.com',
      employmentType: 'part_time',
      hiredOn: '2026-04-01',
      offices: [{ officeId: 1, attendance: 'view' }],
    },
    exampleResponse: STAFF_EXAMPLE,
  }),
  passcodeWarnings: defineRoute({
    id: 'staff.passcodeWarnings',
    method: 'GET',
    path: '/staff/passcode-warnings',
    summary: 'Staff without the パスコード their office requires, by office',
    description: 'Administrators, 従業員管理 閲覧 or 事業所管理 編集 (their offices).',
    tag: 'staff',
    auth: ['console'],
    query: z.object({ officeId: QueryIdSchema.optional() }),
    status: [200],
    response: z.object({ offices: z.array(PasscodeWarningSchema) }),
    exampleResponse: {
      offices: [{ officeId: 1, officeName: '本店', staff: [{ id: 7, name: '山田 花子' }] }],
    },
  }),
  get: defineRoute({
    id: 'staff.get',
    method: 'GET',
    path: '/staff/{id}',
    summary: 'One staff member',
    tag: 'staff',
    auth: ['console', 'token'],
    scope: 'staff:read',
    params: IdParamsSchema,
    status: [200],
    response: StaffSchema,
    errors: ['staff_not_found', 'api_token_scope_missing'],
    exampleResponse: STAFF_EXAMPLE,
  }),
  update: defineRoute({
    id: 'staff.update',
    method: 'PATCH',
    path: '/staff/{id}',
    summary: 'Change a staff member (the fields given)',
    description:
      'Administrators, or 従業員管理 編集 on the person’s offices; `isAdmin`, `loginStatus` and rights: administrators only. `loginStatus: stopped` ends that person’s sessions at once; a changed e-mail sends a new 認証メール.',
    tag: 'staff',
    auth: ['console', 'token'],
    scope: 'staff:write',
    params: IdParamsSchema,
    body: StaffUpdateSchema,
    status: [200],
    response: StaffSchema,
    errors: ['staff_not_found', 'last_admin', 'cannot_stop_self', ...WRITE_ERRORS],
    exampleBody: { retiredOn: '2026-12-31', usage: 'inactive' },
    exampleResponse: { ...STAFF_EXAMPLE, retiredOn: '2026-12-31', usage: 'inactive' },
  }),
  sendVerificationMail: defineRoute({
    id: 'staff.sendVerificationMail',
    method: 'POST',
    path: '/staff/{id}/verification-mail',
    summary: 'Send the 認証メール again',
    tag: 'staff',
    auth: ['console', 'token'],
    scope: 'staff:write',
    params: IdParamsSchema,
    status: [200],
    response: MessageSchema,
    errors: [
      'staff_not_found',
      'already_verified',
      'email_required_for_verification',
      'api_token_scope_missing',
    ],
    exampleResponse: { message: '認証メールを送信しました。' },
  }),
} as const;
