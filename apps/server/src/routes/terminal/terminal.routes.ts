import { randomBytes } from 'node:crypto';
import { AppError } from '@timecard/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from '../../services/auth.service.ts';
import {
  closeTerminal,
  type LiveTerminal,
  loadTerminal,
  openWebClock,
  punchAtTerminal,
  terminalBoard,
} from '../../services/terminal.service.ts';

/** The device token of a punch terminal (Web出退勤画面 or the app after choosing an office). */
export const TERMINAL_COOKIE = 'tc_terminal';
/** A random id per browser, so wrong PINs slow down the device that typed them. */
const DEVICE_COOKIE = 'tc_device';
const TEN_YEARS = 10 * 365 * 24 * 3600;

declare module 'fastify' {
  interface FastifyRequest {
    terminal?: LiveTerminal;
  }
}

export function setTerminalCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(TERMINAL_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: TEN_YEARS,
  });
}

function terminalToken(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return request.cookies[TERMINAL_COOKIE];
}

/** Web出退勤画面 PIN, the terminal screen and its punches (issue 5). */
export async function terminalRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const requireTerminal = async (request: FastifyRequest) => {
    const token = terminalToken(request);
    if (!token) throw new AppError('terminal_unauthenticated');
    request.terminal = await loadTerminal(ctx, token);
  };

  app.post('/clock/auth', async (request, reply) => {
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
    const opened = await openWebClock(ctx, request.body, {
      key: deviceId,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    setTerminalCookie(request, reply, opened.token);
    return { contract: opened.contract, office: opened.office };
  });

  app.get('/terminal', { preHandler: requireTerminal }, async (request) =>
    terminalBoard(ctx, request.terminal!),
  );

  app.post('/terminal/punches', { preHandler: requireTerminal }, async (request, reply) => {
    const result = await punchAtTerminal(
      ctx,
      request.terminal!,
      request.body,
      header(request, 'idempotency-key'),
      header(request, 'x-device-sent-at'),
    );
    return reply.status(result.replayed ? 200 : 201).send(result);
  });

  app.post('/terminal/logout', { preHandler: requireTerminal }, async (request, reply) => {
    await closeTerminal(ctx, request.terminal!);
    reply.clearCookie(TERMINAL_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
}

export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}
