import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LiveTerminal } from '../services/terminal.service.ts';

/** The device token of a punch terminal (Web出退勤画面 or the app after choosing an office). */
export const TERMINAL_COOKIE = 'tc_terminal';
/** A random id per browser, so wrong PINs slow down the device that typed them. */
export const DEVICE_COOKIE = 'tc_device';
export const TEN_YEARS = 10 * 365 * 24 * 3600;

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

/** A terminal's token: `Authorization: Bearer <token>` (not an API token) or the cookie. */
export function terminalToken(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
  return request.cookies[TERMINAL_COOKIE] || undefined;
}
