import { randomBytes } from 'node:crypto';
import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { mount } from '../../http/mount.ts';
import { DEVICE_COOKIE, setTerminalCookie, TEN_YEARS, TERMINAL_COOKIE } from '../../http/terminal-cookie.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import {
  closeTerminal,
  openWebClock,
  punchAtTerminal,
  terminalBoard,
} from '../../services/terminal.service.ts';

export { setTerminalCookie, TERMINAL_COOKIE } from '../../http/terminal-cookie.ts';

/** Web出退勤画面 PIN, the terminal screen and its punches (issue 5), written once in @timecard/contract. */
export async function terminalRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  const routes = api.punching;

  mount(app, routes.clockAuth, deps, async ({ body }, request, reply) => {
    let deviceId = request.cookies[DEVICE_COOKIE];
    if (!deviceId || !/^[\w-]{16,64}$/.test(deviceId)) {
      deviceId = randomBytes(16).toString('base64url');
      reply.setCookie(DEVICE_COOKIE, deviceId, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: TEN_YEARS,
      });
    }
    const opened = await openWebClock(ctx, body, {
      key: deviceId,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    setTerminalCookie(request, reply, opened.token);
    return { contract: opened.contract, office: opened.office };
  });

  mount(app, routes.board, deps, (_input, r) => terminalBoard(ctx, r.terminal!));

  mount(app, routes.terminalPunch, deps, async ({ body, headers }, r, reply) => {
    const result = await punchAtTerminal(ctx, r.terminal!, body, headers);
    reply.status(result.replayed ? 200 : 201);
    return result;
  });

  mount(app, routes.terminalLogout, deps, async (_input, r, reply) => {
    await closeTerminal(ctx, r.terminal!);
    reply.clearCookie(TERMINAL_COOKIE, { path: '/' });
    reply.status(204);
  });
}
