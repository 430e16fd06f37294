import { SelectOfficeSchema } from '@timecard/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  APP_COOKIE,
  clearSessionCookie,
  optionalSession,
  requireSession,
  setSessionCookie,
} from '../../http/session.ts';
import { setTerminalCookie, TERMINAL_COOKIE } from '../../http/terminal-cookie.ts';
import {
  type AuthContext,
  describeAppSession,
  loadSession,
  loginApp,
  logout,
  selectAppOffice,
} from '../../services/auth.service.ts';
import { closeTerminal, loadTerminal, openAppTerminal } from '../../services/terminal.service.ts';
import { parseOrThrow } from '../../services/validation.ts';

/** タイムカード・アプリ login and its 事業所 choice (docs/api.md). */
export async function appRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const session = requireSession(ctx, 'app');

  app.post('/app/login', async (request, reply) => {
    const created = await loginApp(ctx, request.body, request.ip);
    setSessionCookie(request, reply, APP_COOKIE, created.token, created.expiresAt);
    const live = (await loadSession(ctx, created.token))!;
    return { ...(await describeAppSession(ctx, live)), selected: null };
  });

  app.get('/app/me', { preHandler: session }, async (request, reply) => {
    try {
      const described = await describeAppSession(ctx, request.session!);
      return { ...described, selected: await appSelection(ctx, request, described.contracts) };
    } catch (error) {
      clearSessionCookie(reply, APP_COOKIE);
      throw error;
    }
  });

  // Choosing an office makes this tablet that office's punch terminal (a device token cookie).
  app.post('/app/select-office', { preHandler: session }, async (request, reply) => {
    const { contractId, officeId } = parseOrThrow(SelectOfficeSchema, request.body);
    const selected = await selectAppOffice(ctx, request.session!, contractId, officeId);
    const token = await openAppTerminal(
      ctx,
      contractId,
      officeId,
      request.session!.accountId,
      request.headers['user-agent'] ?? null,
    );
    setTerminalCookie(request, reply, token);
    return selected;
  });

  // Logging the app out also ends this tablet's terminal: it must not punch for anyone afterwards.
  app.post('/app/logout', { preHandler: optionalSession(ctx, 'app') }, async (request, reply) => {
    if (request.session) await logout(ctx, request.session);
    const terminalToken = request.cookies[TERMINAL_COOKIE];
    if (terminalToken) {
      const terminal = await loadTerminal(ctx, terminalToken).catch(() => undefined);
      if (terminal?.kind === 'app') await closeTerminal(ctx, terminal);
      reply.clearCookie(TERMINAL_COOKIE, { path: '/' });
    }
    clearSessionCookie(reply, APP_COOKIE);
    return reply.status(204).send();
  });
}

/** The office this tablet is the terminal of, when its device token is an app terminal the account may use. */
async function appSelection(
  ctx: AuthContext,
  request: FastifyRequest,
  contracts: { id: string; offices: { id: number; editable: boolean }[] }[],
): Promise<{ contractId: string; officeId: number } | null> {
  const token = request.cookies[TERMINAL_COOKIE];
  if (!token) return null;
  try {
    const terminal = await loadTerminal(ctx, token);
    const office = contracts
      .find((c) => c.id === terminal.contractId)
      ?.offices.find((o) => o.id === terminal.officeId);
    return terminal.kind === 'app' && office?.editable
      ? { contractId: terminal.contractId, officeId: terminal.officeId }
      : null;
  } catch {
    return null;
  }
}
