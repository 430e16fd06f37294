import { SelectContractSchema } from '@timecard/domain';
import type { FastifyInstance } from 'fastify';
import { requestLocale } from '../../http/locale.ts';
import {
  CONSOLE_COOKIE,
  clearSessionCookie,
  optionalSession,
  requireSession,
  setSessionCookie,
} from '../../http/session.ts';
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
import { parseOrThrow } from '../../services/validation.ts';

const RESET_ACCEPTED = {
  ja: 'ご入力いただいたメールアドレスが登録されている場合は、パスワード再発行の手続きを行なうメールをお送りしました。メールをご確認ください。',
  en: 'If the address you entered is registered, we have sent a mail with the steps to reset your password. Please check your mail.',
};
const PASSWORD_CHANGED = {
  ja: 'パスワードを変更しました。新しいパスワードでログインしてください。',
  en: 'Your password has been changed. Please log in with the new password.',
};

/** 管理画面 login, logout, contract choice, パスワード再発行 and 認証 (docs/api.md "Auth"). */
export async function authRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const session = requireSession(ctx, 'console');

  app.post('/auth/login', async (request, reply) => {
    const created = await loginConsole(ctx, request.body, request.ip);
    setSessionCookie(request, reply, CONSOLE_COOKIE, created.token, created.expiresAt);
    return describeConsoleSession(ctx, (await loadSession(ctx, created.token))!);
  });

  // Logging out twice, or with an expired session, is not an error.
  app.post('/auth/logout', { preHandler: optionalSession(ctx, 'console') }, async (request, reply) => {
    if (request.session) await logout(ctx, request.session);
    clearSessionCookie(reply, CONSOLE_COOKIE);
    return reply.status(204).send();
  });

  app.get('/me', { preHandler: session }, async (request) => describeConsoleSession(ctx, request.session!));

  app.post('/auth/select-contract', { preHandler: session }, async (request) => {
    const { contractId } = parseOrThrow(SelectContractSchema, request.body);
    await selectContract(ctx, request.session!, contractId, request.ip);
    return describeConsoleSession(ctx, { ...request.session!, contractId });
  });

  app.post('/auth/password-reset', async (request) => {
    await requestPasswordReset(ctx, request.body, request.ip);
    return { message: RESET_ACCEPTED[requestLocale(request)] };
  });

  app.get<{ Params: { token: string } }>('/auth/tokens/:token', async (request) =>
    describeToken(ctx, request.params.token),
  );

  app.post('/auth/password-reset/confirm', async (request) => {
    await confirmPasswordReset(ctx, request.body);
    return { message: PASSWORD_CHANGED[requestLocale(request)] };
  });

  app.post('/auth/verify', async (request, reply) => {
    const created = await verifyStaff(ctx, request.body);
    setSessionCookie(request, reply, CONSOLE_COOKIE, created.token, created.expiresAt);
    return describeConsoleSession(ctx, (await loadSession(ctx, created.token))!);
  });
}
