import {
  AppLoginSchema,
  LoginSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  PLANS,
  RIGHTS,
  SelectContractSchema,
  SelectOfficeSchema,
  SignupSchema,
  VerifySchema,
} from '@timecard/domain';
import { z } from 'zod';
import { MessageSchema } from '../common.ts';
import { defineRoute } from '../route.ts';

// 管理画面 login and sessions, パスワード再発行 and 認証, the タイムカード・アプリ's login and 事業所 choice,
// and 新規登録 (docs/api.md, "Auth").

const Right = z.enum(RIGHTS);

export const MeSchema = z
  .object({
    account: z.object({
      id: z.number().int(),
      email: z.string(),
      loginId: z.string().nullable().meta({ description: 'アカウントID, if set' }),
      name: z.string(),
    }),
    loginEmail: z.string(),
    contract: z
      .object({ id: z.string(), name: z.string(), plan: z.enum(PLANS) })
      .nullable()
      .meta({ description: 'The chosen contract; null until one is chosen (several contracts)' }),
    contracts: z.array(
      z.object({ id: z.string(), name: z.string(), loginStatus: z.enum(['allowed', 'stopped']) }),
    ),
    staff: z
      .object({
        id: z.number().int(),
        name: z.string(),
        isAdmin: z.boolean(),
        offices: z.array(
          z.object({
            officeId: z.number().int(),
            shiftPlan: Right,
            attendance: Right,
            officeManage: Right,
            staffManage: Right,
          }),
        ),
      })
      .nullable(),
    csrfToken: z.string().meta({ description: 'Send it as `X-CSRF-Token` on every write' }),
  })
  .meta({ id: 'Me', description: 'The 管理画面 session: the account, its contracts and its rights.' });

export const AppMeSchema = z
  .object({
    loginEmail: z.string(),
    csrfToken: z.string(),
    contracts: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        offices: z.array(
          z.object({
            id: z.number().int(),
            name: z.string(),
            editable: z.boolean().meta({ description: '事業所管理 編集 (or システム管理者): may be chosen' }),
          }),
        ),
      }),
    ),
    selected: z
      .object({ contractId: z.string(), officeId: z.number().int() })
      .nullable()
      .meta({ description: 'The office this tablet is the terminal of' }),
  })
  .meta({ id: 'AppMe', description: 'The タイムカード・アプリ session and the offices it may choose.' });

const ME_EXAMPLE = {
  account: { id: 1, email: 'owner@example.com', loginId: null, name: '山田 太郎' },
  loginEmail: 'owner@example.com',
  contract: { id: 'demo', name: 'デモ株式会社', plan: 'enterprise' },
  contracts: [{ id: 'demo', name: 'デモ株式会社', loginStatus: 'allowed' }],
  staff: { id: 1, name: '山田 太郎', isAdmin: true, offices: [] },
  csrfToken: 'q1w2e3r4t5y6u7i8o9p0',
};

export const authRoutes = {
  login: defineRoute({
    id: 'auth.login',
    method: 'POST',
    path: '/auth/login',
    summary: 'Log in to the 管理画面 with an e-mail or アカウントID (sets the tc_session cookie)',
    description:
      'A wrong password and an unknown login answer the same. Repeated failures slow down per account and per IP (429 with Retry-After).',
    tag: 'auth',
    auth: ['public'],
    body: LoginSchema,
    status: [200],
    response: MeSchema,
    errors: ['login_failed', 'login_stopped', 'rate_limited'],
    exampleBody: { login: 'owner@example.com', password: 'correct horse battery staple' },
    exampleResponse: ME_EXAMPLE,
  }),
  logout: defineRoute({
    id: 'auth.logout',
    method: 'POST',
    path: '/auth/logout',
    summary: 'Log out of the 管理画面 (twice, or without a session, is not an error)',
    tag: 'auth',
    auth: ['public'],
    status: [204],
  }),
  me: defineRoute({
    id: 'auth.me',
    method: 'GET',
    path: '/me',
    summary: 'The 管理画面 session: account, contracts, rights and the CSRF token',
    tag: 'auth',
    auth: ['session'],
    status: [200],
    response: MeSchema,
    exampleResponse: ME_EXAMPLE,
  }),
  selectContract: defineRoute({
    id: 'auth.selectContract',
    method: 'POST',
    path: '/auth/select-contract',
    summary: 'Choose the contract of this session (an account in several contracts)',
    tag: 'auth',
    auth: ['session'],
    body: SelectContractSchema,
    status: [200],
    response: MeSchema,
    errors: ['contract_not_found', 'login_stopped'],
    exampleBody: { contractId: 'demo' },
    exampleResponse: ME_EXAMPLE,
  }),
  passwordReset: defineRoute({
    id: 'auth.passwordReset',
    method: 'POST',
    path: '/auth/password-reset',
    summary: 'Ask for a パスワード再発行 mail (always the same answer)',
    tag: 'auth',
    auth: ['public'],
    body: PasswordResetRequestSchema,
    status: [200],
    response: MessageSchema,
    exampleBody: { email: 'owner@example.com' },
  }),
  token: defineRoute({
    id: 'auth.token',
    method: 'GET',
    path: '/auth/tokens/{token}',
    summary: 'What a mailed link is (認証 or パスワード再発行) and whether it is still valid',
    tag: 'auth',
    auth: ['public'],
    params: z.object({ token: z.string().max(200) }),
    status: [200],
    response: z.object({
      kind: z.enum(['verify', 'reset']),
      status: z.enum(['valid', 'used', 'expired']),
      email: z.string(),
      needsPassword: z.boolean().meta({ description: 'The account has no password yet' }),
    }),
    errors: ['token_invalid'],
    exampleResponse: { kind: 'verify', status: 'valid', email: 'hanako@example.com', needsPassword: true },
  }),
  passwordResetConfirm: defineRoute({
    id: 'auth.passwordResetConfirm',
    method: 'POST',
    path: '/auth/password-reset/confirm',
    summary: 'Set a new password with the link’s token; every session of the account ends',
    tag: 'auth',
    auth: ['public'],
    body: PasswordResetConfirmSchema,
    status: [200],
    response: MessageSchema,
    errors: ['token_invalid', 'token_used', 'token_expired', 'password_invalid', 'password_required'],
  }),
  verify: defineRoute({
    id: 'auth.verify',
    method: 'POST',
    path: '/auth/verify',
    summary: 'Verify an e-mail with the 認証メール’s token, setting the password; logs in',
    tag: 'auth',
    auth: ['public'],
    body: VerifySchema,
    status: [200],
    response: MeSchema,
    errors: ['token_invalid', 'token_used', 'token_expired', 'login_id_invalid', 'login_id_taken'],
  }),
} as const;

export const appRoutes = {
  login: defineRoute({
    id: 'app.login',
    method: 'POST',
    path: '/app/login',
    summary: 'Log in to the タイムカード・アプリ (sets the tc_app cookie)',
    tag: 'app',
    auth: ['public'],
    body: AppLoginSchema,
    status: [200],
    response: AppMeSchema,
    errors: ['app_login_failed', 'app_user_unavailable', 'rate_limited'],
    exampleBody: { userId: 'owner@example.com', password: 'correct horse battery staple' },
  }),
  me: defineRoute({
    id: 'app.me',
    method: 'GET',
    path: '/app/me',
    summary: 'The app session, the offices it may choose and the one chosen',
    tag: 'app',
    auth: ['app'],
    status: [200],
    response: AppMeSchema,
    errors: ['app_user_unavailable'],
  }),
  selectOffice: defineRoute({
    id: 'app.selectOffice',
    method: 'POST',
    path: '/app/select-office',
    summary: 'Make this tablet the punch terminal of an office (sets the tc_terminal cookie)',
    tag: 'app',
    auth: ['app'],
    body: SelectOfficeSchema,
    status: [200],
    response: z.object({
      contract: z.object({ id: z.string(), name: z.string() }),
      office: z.object({ id: z.number().int(), name: z.string() }),
    }),
    errors: ['office_not_found', 'office_not_editable', 'app_user_unavailable'],
    exampleBody: { contractId: 'demo', officeId: 1 },
  }),
  logout: defineRoute({
    id: 'app.logout',
    method: 'POST',
    path: '/app/logout',
    summary: 'Log the app out; this tablet’s app terminal ends too',
    tag: 'app',
    auth: ['public'],
    status: [204],
  }),
} as const;

export const signupRoutes = {
  signup: defineRoute({
    id: 'signup.create',
    method: 'POST',
    path: '/signup',
    summary: '新規登録: a new contract and its administrator (a 認証メール sets the password)',
    tag: 'signup',
    auth: ['public'],
    body: SignupSchema,
    status: [201],
    response: MessageSchema,
    errors: ['contract_id_taken', 'contract_id_invalid', 'rate_limited'],
    exampleBody: {
      companyName: '株式会社サンプル',
      contractId: 'sample-shop',
      adminName: '山田 太郎',
      email: 'owner@example.com',
      plan: 'standard',
    },
  }),
  contractIdAvailable: defineRoute({
    id: 'signup.contractIdAvailable',
    method: 'GET',
    path: '/signup/contract-id',
    summary: 'Whether a 契約ID is free',
    tag: 'signup',
    auth: ['public'],
    query: z.object({ id: z.string().max(100).default('') }),
    status: [200],
    response: z.object({ available: z.boolean() }),
    errors: ['contract_id_invalid'],
    exampleResponse: { available: true },
  }),
} as const;
