import { api } from '@timecard/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { mount } from '../../http/mount.ts';
import { APP_COOKIE, clearSessionCookie, optionalSession, setSessionCookie } from '../../http/session.ts';
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

/** タイムカード・アプリ login and its 事業所 choice, written once in @timecard/contract. */
export async function appRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  const routes = api.app;
  const loadOptionalSession = optionalSession(ctx, 'app');

  mount(app, routes.login, deps, async ({ body }, request, reply) => {
    const created = await loginApp(ctx, body, request.ip);
    setSessionCookie(request, reply, APP_COOKIE, created.token, created.expiresAt);
    const live = (await loadSession(ctx, created.token))!;
    return { ...(await describeAppSession(ctx, live)), selected: null };
  });

  mount(app, routes.me, deps, async (_input, request, reply) => {
    try {
      const described = await describeAppSession(ctx, request.session!);
      return { ...described, selected: await appSelection(ctx, request, described.contracts) };
    } catch (error) {
      clearSessionCookie(reply, APP_COOKIE);
      throw error;
    }
  });

  // Choosing an office makes this tablet that office's punch terminal (a device token cookie).
  mount(app, routes.selectOffice, deps, async ({ body }, request, reply) => {
    const { contractId, officeId } = body;
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
  mount(app, routes.logout, deps, async (_input, request, reply) => {
    await loadOptionalSession.call(app, request, reply, () => {});
    if (request.session) await logout(ctx, request.session);
    const terminalToken = request.cookies[TERMINAL_COOKIE];
    if (terminalToken) {
      const terminal = await loadTerminal(ctx, terminalToken).catch(() => undefined);
      if (terminal?.kind === 'app') await closeTerminal(ctx, terminal);
      reply.clearCookie(TERMINAL_COOKIE, { path: '/' });
    }
    clearSessionCookie(reply, APP_COOKIE);
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
