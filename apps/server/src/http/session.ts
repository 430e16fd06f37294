import { timingSafeEqual } from 'node:crypto';
import { AppError } from '@timecard/domain';
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Actor } from '../policies/actor.ts';
import { type AuthContext, type LiveSession, loadActor, loadSession } from '../services/auth.service.ts';

/** The 管理画面's session cookie and the タイムカード・アプリ's, kept apart on a shared tablet. */
export const CONSOLE_COOKIE = 'tc_session';
export const APP_COOKIE = 'tc_app';

declare module 'fastify' {
  interface FastifyRequest {
    session?: LiveSession;
    actor?: Actor;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
  token: string,
  expiresAt: Date,
) {
  reply.setCookie(name, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, name: string) {
  reply.clearCookie(name, { path: '/' });
}

/**
 * Cookie-authenticated writes must echo the session's CSRF token in X-CSRF-Token, and a browser's
 * Origin, when sent, must be this host.
 */
function assertCsrf(request: FastifyRequest, session: LiveSession) {
  if (!WRITES.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== request.headers.host) throw new AppError('csrf_failed');
  }
  const header = request.headers['x-csrf-token'];
  const given = Buffer.from(typeof header === 'string' ? header : '');
  const expected = Buffer.from(session.csrfToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AppError('csrf_failed');
}

/** Requires a live session of the given kind (from its cookie) and checks CSRF on writes. */
export function requireSession(ctx: AuthContext, kind: 'console' | 'app'): preHandlerHookHandler {
  const cookie = kind === 'console' ? CONSOLE_COOKIE : APP_COOKIE;
  return async (request, reply) => {
    const token = request.cookies[cookie];
    const session = token ? await loadSession(ctx, token) : undefined;
    if (!session || session.kind !== kind) {
      if (token) clearSessionCookie(reply, cookie);
      throw new AppError('unauthenticated');
    }
    assertCsrf(request, session);
    request.session = session;
  };
}

/** Loads the session when the cookie holds a live one (CSRF checked on writes); never refuses. */
export function optionalSession(ctx: AuthContext, kind: 'console' | 'app'): preHandlerHookHandler {
  const cookie = kind === 'console' ? CONSOLE_COOKIE : APP_COOKIE;
  return async (request) => {
    const token = request.cookies[cookie];
    const session = token ? await loadSession(ctx, token) : undefined;
    if (!session || session.kind !== kind) return;
    assertCsrf(request, session);
    request.session = session;
  };
}

/** Requires a console session inside a contract and loads the actor (rights) for it. */
export function requireActor(ctx: AuthContext): preHandlerHookHandler[] {
  return [
    requireSession(ctx, 'console'),
    async (request, reply) => {
      try {
        request.actor = await loadActor(ctx, request.session!);
      } catch (error) {
        if (error instanceof AppError && error.code !== 'contract_not_selected')
          clearSessionCookie(reply, CONSOLE_COOKIE);
        throw error;
      }
    },
  ];
}
