import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** Headers a reverse proxy adds: a request carrying one came through a proxy, not from this machine. */
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/** Whether an address is this machine's loopback (127.0.0.0/8, ::1, or IPv4-mapped 127.x). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

/**
 * Whether a request comes from a browser on this machine: the socket's peer (never the client's
 * own X-Forwarded-For, whatever TRUST_PROXY says) is loopback, and no proxy header is present, so
 * that a reverse proxy on the same machine does not make the world local (issue 12 §3).
 */
export function isSameMachineRequest(request: FastifyRequest): boolean {
  if (!isLoopback(request.socket.remoteAddress)) return false;
  return PROXY_HEADERS.every((name) => request.headers[name] === undefined);
}
