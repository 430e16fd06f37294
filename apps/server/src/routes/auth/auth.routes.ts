import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { requestLocale } from '../../http/locale.ts';
import { mount } from '../../http/mount.ts';
import { CONSOLE_COOKIE, clearSessionCookie, optionalSession, setSessionCookie } from '../../http/session.ts';
import {
  type AuthContext,
  confirmPasswordReset,
  describeConsoleSession,
  describeToken,
  loadSession,
  loginConsole,
  logout,
  requestPasswordReset,
  selectContract,
  verifyStaff,
} from '../../services/auth.service.ts';

const RESET_ACCEPTED = {
  ja: 'ご入力いただいたメールアドレスが登録されている場合は、パスワード再発行の手続きを行なうメールをお送りしました。メールをご確認ください。',
  en: 'If the address you entered is registered, we have sent a mail with the steps to reset your password. Please check your mail.',
};
const PASSWORD_CHANGED = {
  ja: 'パスワードを変更しました。新しいパスワードでログインしてください。',
  en: 'Your password has been changed. Please log in with the new password.',
};

/** 管理画面 login, logout, contract choice, パスワード再発行 and 認証, written once in @timecard/contract. */
export async function authRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  const routes = api.auth;
  const loadOptionalSession = optionalSession(ctx, 'console');

  mount(app, routes.login, deps, async ({ body }, request, reply) => {
    const created = await loginConsole(ctx, body, request.ip);
    setSessionCookie(request, reply, CONSOLE_COOKIE, created.token, created.expiresAt);
    return describeConsoleSession(ctx, (await loadSession(ctx, created.token))!);
  });

  // Logging out twice, or with an expired session, is not an error.
  mount(app, routes.logout, deps, async (_input, request, reply) => {
    await loadOptionalSession.call(app, request, reply, () => {});
    if (request.session) await logout(ctx, request.session);
    clearSessionCookie(reply, CONSOLE_COOKIE);
  });

  mount(app, routes.me, deps, (_input, r) => describeConsoleSession(ctx, r.session!));

  mount(app, routes.selectContract, deps, async ({ body }, r) => {
    await selectContract(ctx, r.session!, body.contractId, r.ip);
    return describeConsoleSession(ctx, { ...r.session!, contractId: body.contractId });
  });

  mount(app, routes.passwordReset, deps, async ({ body }, r) => {
    await requestPasswordReset(ctx, body, r.ip);
    return { message: RESET_ACCEPTED[requestLocale(r)] };
  });

  mount(app, routes.token, deps, ({ params }) => describeToken(ctx, params.token));

  mount(app, routes.passwordResetConfirm, deps, async ({ body }, r) => {
    await confirmPasswordReset(ctx, body);
    return { message: PASSWORD_CHANGED[requestLocale(r)] };
  });

  mount(app, routes.verify, deps, async ({ body }, request, reply) => {
    const created = await verifyStaff(ctx, body);
    setSessionCookie(request, reply, CONSOLE_COOKIE, created.token, created.expiresAt);
    return describeConsoleSession(ctx, (await loadSession(ctx, created.token))!);
  });
}
