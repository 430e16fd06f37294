import {
  AppError,
  AppLoginSchema,
  LoginSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  type Plan,
  VerifySchema,
} from '@timecard/domain';
import { type Db, withTenant } from '../db/database.ts';
import { passwordResetMail } from '../mail/auth-mails.ts';
import type { Actor, OfficeRights } from '../policies/actor.ts';
import {
  findAccountByEmail,
  findAccountById,
  findAccountByLogin,
  loginIdTaken,
  updateAccount,
} from '../repositories/account.repository.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  consumeAuthToken,
  findAuthToken,
  insertAuthToken,
  voidUnusedTokens,
} from '../repositories/auth-token.repository.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { enqueueMail } from '../repositories/mail-outbox.repository.ts';
import { listMemberships, type Membership } from '../repositories/membership.repository.ts';
import { listOffices } from '../repositories/office.repository.ts';
import {
  deleteSession,
  deleteSessionsOfAccount,
  findLiveSession,
  insertSession,
  setSessionContract,
  touchSession,
} from '../repositories/session.repository.ts';
import {
  findStaff,
  findStaffByAccount,
  listOfficeRoles,
  updateStaff,
} from '../repositories/staff.repository.ts';
import { type BackgroundTasks, runAfterAnswer } from './background-tasks.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.service.ts';
import {
  forgetAttempts,
  giveBackAttempt,
  LOGIN_PER_ACCOUNT,
  LOGIN_PER_IP,
  RESET_PER_EMAIL,
  RESET_PER_IP,
  takeAttempt,
  takeAttemptOrThrow,
} from './throttle.service.ts';
import { hashToken, newToken } from './token.ts';
import { parseOrThrow } from './validation.ts';
import type { WebhookAllowList } from './webhook-target.ts';

export interface AuthContext {
  db: Db;
  publicUrl: string;
  now?: () => Date;
  /** Work done after the answer (the app's runner); without it, the work is done at once. */
  background?: BackgroundTasks;
  /** Hosts and ranges webhooks may reach although private (WEBHOOK_ALLOW_HOSTS, ADR 021). */
  webhookAllowList?: WebhookAllowList;
}

export type SessionKind = 'console' | 'app';

const SESSION_HOURS: Record<SessionKind, number> = { console: 12, app: 24 * 30 };
const RESET_TOKEN_MINUTES = 60;
export const VERIFY_TOKEN_HOURS = 72;

/** The session a request carries, as loaded from its cookie. */
export type LiveSession = NonNullable<Awaited<ReturnType<typeof findLiveSession>>>;

export interface NewSessionResult {
  token: string;
  sessionId: number;
  expiresAt: Date;
}

const clock = (ctx: AuthContext) => (ctx.now ? ctx.now() : new Date());

// ───────────────────────────── login ─────────────────────────────

interface Credentials {
  login: string;
  password: string;
  ip: string;
}

/**
 * Checks a login identifier (e-mail or アカウントID) and password with throttling per account and
 * per IP. An unknown identifier costs the same argon2 work as a wrong password and gets the same
 * answer, so the answer never tells whether an e-mail is registered.
 */
async function authenticate(
  ctx: AuthContext,
  credentials: Credentials,
  failure: 'login_failed' | 'app_login_failed',
) {
  const now = clock(ctx);
  const accountKey = `login:account:${credentials.login.trim().toLowerCase()}`;
  const ipKey = { key: `login:ip:${credentials.ip}`, policy: LOGIN_PER_IP };
  // The guess is counted before it is evaluated (ADR 007): concurrency cannot exceed the budget.
  await takeAttemptOrThrow(ctx.db, [{ key: accountKey, policy: LOGIN_PER_ACCOUNT }, ipKey], now);
  const account = await findAccountByLogin(ctx.db, credentials.login);
  // An account without a password (never verified) still costs one argon2 verification.
  const hash = account?.passwordHash ?? (await dummyPasswordHash());
  const ok = (await verifyPassword(hash, credentials.password)) && Boolean(account?.passwordHash);
  const memberships = ok && account ? await listMemberships(ctx.db, account.id) : [];
  if (!ok || !account || memberships.length === 0) {
    // Audited after the answer: a registered e-mail must not answer later than an unknown one.
    if (account) {
      await runAfterAnswer(ctx.background, 'audit failed login', async () => {
        for (const m of await listMemberships(ctx.db, account.id)) {
          await withTenant(ctx.db, m.contractId, (trx) =>
            appendAudit(trx, m.contractId, {
              action: 'auth.login_failed',
              actorAccountId: account.id,
              actorStaffId: m.staffId,
              ip: credentials.ip,
            }),
          );
        }
      });
    }
    throw new AppError(failure);
  }
  // A success proves the account's failures were its owner's, and does not count against the IP.
  await forgetAttempts(ctx.db, accountKey);
  await giveBackAttempt(ctx.db, ipKey);
  return { account, memberships };
}

async function startSession(
  ctx: AuthContext,
  accountId: number,
  kind: SessionKind,
  contractId: string | null,
  loginEmail: string,
): Promise<NewSessionResult> {
  const { token, hash } = newToken();
  const csrf = newToken().token;
  const expiresAt = new Date(clock(ctx).getTime() + SESSION_HOURS[kind] * 3600_000);
  const session = await insertSession(ctx.db, {
    tokenHash: hash,
    accountId,
    contractId,
    kind,
    loginEmail,
    csrfToken: csrf,
    expiresAt,
  });
  return { token, sessionId: session.id, expiresAt };
}

async function auditLogin(
  ctx: AuthContext,
  membership: Membership,
  accountId: number,
  ip: string,
  kind: SessionKind,
) {
  await withTenant(ctx.db, membership.contractId, (trx) =>
    appendAudit(trx, membership.contractId, {
      action: kind === 'app' ? 'auth.app_login' : 'auth.login',
      actorAccountId: accountId,
      actorStaffId: membership.staffId,
      ip,
    }),
  );
}

/**
 * 管理画面 login. One allowed contract: the session enters it. Several: the person chooses next.
 * None allowed because every membership has ログイン停止: 「<契約ID>へのアクセスを制限されています。」.
 */
export async function loginConsole(ctx: AuthContext, input: unknown, ip: string): Promise<NewSessionResult> {
  const data = parseOrThrow(LoginSchema, input);
  const { account, memberships } = await authenticate(ctx, { ...data, ip }, 'login_failed');
  const allowed = memberships.filter((m) => m.loginStatus === 'allowed');
  if (allowed.length === 0) {
    const stopped = memberships[0]!;
    await withTenant(ctx.db, stopped.contractId, (trx) =>
      appendAudit(trx, stopped.contractId, {
        action: 'auth.login_refused_stopped',
        actorAccountId: account.id,
        actorStaffId: stopped.staffId,
        ip,
      }),
    );
    throw new AppError('login_stopped', { contractId: stopped.contractId });
  }
  const contractId = memberships.length === 1 ? allowed[0]!.contractId : null;
  if (contractId) await auditLogin(ctx, allowed[0]!, account.id, ip, 'console');
  return startSession(ctx, account.id, 'console', contractId, account.email);
}

/** タイムカード・アプリ login: the same check with the app's own texts (product.md §3). */
export async function loginApp(ctx: AuthContext, input: unknown, ip: string): Promise<NewSessionResult> {
  const data = parseOrThrow(AppLoginSchema, input);
  const { account, memberships } = await authenticate(
    ctx,
    { login: data.userId, password: data.password, ip },
    'app_login_failed',
  );
  const allowed = memberships.filter((m) => m.loginStatus === 'allowed');
  if (allowed.length === 0) throw new AppError('app_user_unavailable');
  for (const m of allowed) await auditLogin(ctx, m, account.id, ip, 'app');
  return startSession(ctx, account.id, 'app', null, account.email);
}

export async function loadSession(ctx: AuthContext, token: string): Promise<LiveSession | undefined> {
  const now = clock(ctx);
  const session = await findLiveSession(ctx.db, hashToken(token), now);
  if (!session) return undefined;
  // Sliding expiry, written at most every five minutes.
  if (now.getTime() - session.lastSeenAt.getTime() > 5 * 60_000) {
    await touchSession(
      ctx.db,
      session.id,
      now,
      new Date(now.getTime() + SESSION_HOURS[session.kind] * 3600_000),
    );
  }
  return session;
}

export async function logout(ctx: AuthContext, session: LiveSession): Promise<void> {
  await deleteSession(ctx.db, session.id);
}

/**
 * The actor of a console session in its contract. A membership that has since been stopped or
 * retired ends the session on the spot: ログイン停止 takes effect at the next request.
 */
export async function loadActor(ctx: AuthContext, session: LiveSession): Promise<Actor> {
  const contractId = session.contractId;
  if (!contractId) throw new AppError('contract_not_selected');
  const result = await withTenant(ctx.db, contractId, async (trx) => {
    const staff = await findStaffByAccount(trx, contractId, session.accountId);
    if (!staff?.verifiedAt || staff.usage !== 'active') return { error: 'session_expired' as const };
    if (staff.loginStatus !== 'allowed') return { error: 'login_stopped' as const };
    const contract = await findContract(trx, contractId);
    const roles = await listOfficeRoles(trx, contractId, [staff.id]);
    return {
      actor: {
        accountId: session.accountId,
        contractId,
        staffId: staff.id,
        isAdmin: staff.isAdmin,
        plan: contract!.plan as Plan,
        roles: new Map<number, OfficeRights>(
          roles.map((r) => [
            r.officeId,
            {
              shiftPlan: r.shiftPlan,
              attendance: r.attendance,
              officeManage: r.officeManage,
              staffManage: r.staffManage,
            },
          ]),
        ),
      } satisfies Actor,
    };
  });
  if ('error' in result) {
    await deleteSession(ctx.db, session.id);
    throw new AppError(result.error ?? 'session_expired', { contractId });
  }
  return result.actor;
}

/** Chooses (or switches) the contract of a console session. */
export async function selectContract(ctx: AuthContext, session: LiveSession, contractId: string, ip: string) {
  const memberships = await listMemberships(ctx.db, session.accountId);
  const membership = memberships.find((m) => m.contractId === contractId);
  if (!membership) throw new AppError('contract_not_found', { contractId });
  if (membership.loginStatus !== 'allowed') throw new AppError('login_stopped', { contractId });
  await setSessionContract(ctx.db, session.id, contractId);
  await auditLogin(ctx, membership, session.accountId, ip, 'console');
}

/** What the 管理画面 shows about the logged-in person (docs/api.md `Me`). */
export async function describeConsoleSession(ctx: AuthContext, session: LiveSession) {
  const memberships = await listMemberships(ctx.db, session.accountId);
  let contract: { id: string; name: string; plan: Plan } | null = null;
  let staff: {
    id: number;
    name: string;
    isAdmin: boolean;
    offices: ({ officeId: number } & OfficeRights)[];
  } | null = null;
  if (session.contractId) {
    const actor = await loadActor(ctx, session);
    const membership = memberships.find((m) => m.contractId === session.contractId)!;
    contract = { id: membership.contractId, name: membership.contractName, plan: membership.plan as Plan };
    const row = await withTenant(ctx.db, actor.contractId, (trx) =>
      findStaff(trx, actor.contractId, actor.staffId),
    );
    staff = {
      id: actor.staffId,
      name: row!.name,
      isAdmin: actor.isAdmin,
      offices: [...actor.roles.entries()].map(([officeId, rights]) => ({ officeId, ...rights })),
    };
  }
  return {
    account: {
      id: session.accountId,
      email: session.email,
      loginId: session.loginId,
      name: session.accountName,
    },
    loginEmail: session.loginEmail,
    contract,
    contracts: memberships.map((m) => ({
      id: m.contractId,
      name: m.contractName,
      loginStatus: m.loginStatus,
    })),
    staff,
    csrfToken: session.csrfToken,
  };
}

// ───────────────────────────── the app's office choice ─────────────────────────────

/**
 * The タイムカード・アプリ's 事業所 list: every office of each contract where the account may log in,
 * marked editable where it holds 事業所管理 編集 (administrators: all). The others are shown under
 * 『事業所編集権限のない事業所』 and cannot be chosen.
 */
export async function describeAppSession(ctx: AuthContext, session: LiveSession) {
  const memberships = (await listMemberships(ctx.db, session.accountId)).filter(
    (m) => m.loginStatus === 'allowed',
  );
  if (memberships.length === 0) {
    await deleteSession(ctx.db, session.id);
    throw new AppError('app_user_unavailable');
  }
  const contracts = [];
  for (const m of memberships) {
    const offices = await withTenant(ctx.db, m.contractId, async (trx) => {
      const all = await listOffices(trx, m.contractId);
      const roles = await listOfficeRoles(trx, m.contractId, [m.staffId]);
      const editable = new Set(roles.filter((r) => r.officeManage === 'edit').map((r) => r.officeId));
      return all.map((o) => ({ id: o.id, name: o.name, editable: m.isAdmin || editable.has(o.id) }));
    });
    contracts.push({ id: m.contractId, name: m.contractName, offices });
  }
  return { loginEmail: session.loginEmail, csrfToken: session.csrfToken, contracts };
}

export async function selectAppOffice(
  ctx: AuthContext,
  session: LiveSession,
  contractId: string,
  officeId: number,
) {
  const app = await describeAppSession(ctx, session);
  const contract = app.contracts.find((c) => c.id === contractId);
  const office = contract?.offices.find((o) => o.id === officeId);
  if (!contract || !office) throw new AppError('office_not_found');
  if (!office.editable) throw new AppError('office_not_editable');
  await setSessionContract(ctx.db, session.id, contractId);
  return { contract: { id: contract.id, name: contract.name }, office: { id: office.id, name: office.name } };
}

// ───────────────────────────── password reset ─────────────────────────────

/**
 * パスワード再発行. Always answers the same, and in the same time: after the limits (at most three
 * mails an hour to an address, silently), the account is looked up and the single-use link (valid
 * one hour) queued after the answer, so that a registered address does not answer later.
 */
export async function requestPasswordReset(ctx: AuthContext, input: unknown, ip: string): Promise<void> {
  const { email } = parseOrThrow(PasswordResetRequestSchema, input);
  const now = clock(ctx);
  const { refused } = await takeAttempt(
    ctx.db,
    [
      { key: `reset:${email}`, policy: RESET_PER_EMAIL },
      { key: `reset:ip:${ip}`, policy: RESET_PER_IP },
    ],
    now,
  );
  if (refused) return;
  await runAfterAnswer(ctx.background, 'password reset mail', async () => {
    const account = await findAccountByEmail(ctx.db, email);
    if (!account) return;
    const { token, hash } = newToken();
    await ctx.db.transaction().execute(async (trx) => {
      await voidUnusedTokens(trx, account.id, 'reset', now);
      await insertAuthToken(trx, {
        tokenHash: hash,
        kind: 'reset',
        accountId: account.id,
        contractId: null,
        staffId: null,
        expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000),
      });
      const mail = passwordResetMail({ link: `${ctx.publicUrl}/admin/password-reset/${token}` });
      await enqueueMail(trx, { contractId: null, to: account.email, ...mail });
    });
  });
}

/** What a link is, for the page that opens it (docs/api.md `GET /auth/tokens/:token`). */
export async function describeToken(ctx: AuthContext, token: string) {
  const row = await findAuthToken(ctx.db, hashToken(token));
  if (!row) throw new AppError('token_invalid');
  const status = row.usedAt ? 'used' : row.expiresAt <= clock(ctx) ? 'expired' : 'valid';
  return { kind: row.kind, status, email: row.email, needsPassword: !row.passwordHash };
}

async function takeToken(ctx: AuthContext, token: string, kind: 'verify' | 'reset') {
  const row = await findAuthToken(ctx.db, hashToken(token));
  if (!row || row.kind !== kind) throw new AppError('token_invalid');
  if (row.usedAt) throw new AppError('token_used');
  if (row.expiresAt <= clock(ctx)) throw new AppError('token_expired');
  return row;
}

/** Sets a new password from a reset link and ends every session of the account. */
export async function confirmPasswordReset(ctx: AuthContext, input: unknown): Promise<void> {
  const data = parseOrThrow(PasswordResetConfirmSchema, input);
  const row = await takeToken(ctx, data.token, 'reset');
  const passwordHash = await hashPassword(data.password);
  const memberships = await listMemberships(ctx.db, row.accountId);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await consumeAuthToken(trx, row.id, clock(ctx)))) throw new AppError('token_used');
    await updateAccount(trx, row.accountId, { passwordHash, emailVerified: true });
    await deleteSessionsOfAccount(trx, row.accountId);
  });
  for (const m of memberships) {
    await withTenant(ctx.db, m.contractId, (trx) =>
      appendAudit(trx, m.contractId, {
        action: 'auth.password_reset',
        actorAccountId: row.accountId,
        actorStaffId: m.staffId,
      }),
    );
  }
}

// ───────────────────────────── verification ─────────────────────────────

/**
 * Follows a 認証メール link: sets the password (required when the account has none) and optionally
 * an アカウントID, marks the staff member 認証済, and starts a 管理画面 session in that contract.
 */
export async function verifyStaff(ctx: AuthContext, input: unknown): Promise<NewSessionResult> {
  const data = parseOrThrow(VerifySchema, input);
  const row = await takeToken(ctx, data.token, 'verify');
  if (!row.passwordHash && !data.password) {
    throw new AppError('password_required', {}, { password: 'password_required' });
  }
  if (data.loginId && (await loginIdTaken(ctx.db, data.loginId, row.accountId))) {
    throw new AppError('login_id_taken', {}, { loginId: 'login_id_taken' });
  }
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;
  const contractId = row.contractId!;
  const staffId = row.staffId!;
  const now = clock(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await consumeAuthToken(trx, row.id, now))) throw new AppError('token_used');
    await updateAccount(trx, row.accountId, {
      emailVerified: true,
      ...(passwordHash ? { passwordHash } : {}),
      ...(data.loginId ? { loginId: data.loginId } : {}),
    });
  });
  await withTenant(ctx.db, contractId, async (trx) => {
    await updateStaff(trx, contractId, staffId, { verifiedAt: now });
    await appendAudit(trx, contractId, {
      action: 'staff.verified',
      actorAccountId: row.accountId,
      actorStaffId: staffId,
    });
  });
  const account = await findAccountById(ctx.db, row.accountId);
  const memberships = await listMemberships(ctx.db, row.accountId);
  const membership = memberships.find((m) => m.contractId === contractId);
  return startSession(
    ctx,
    row.accountId,
    'console',
    membership?.loginStatus === 'allowed' ? contractId : null,
    account!.email,
  );
}
