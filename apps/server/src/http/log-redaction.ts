import type { FastifyRequest } from 'fastify';

// Paths that carry a secret token: the link pages of mails and the API that describes a link.
const TOKEN_IN_PATH = /(\/(?:auth\/tokens|password-reset|verify)\/)[^/?#]+/g;

/**
 * A URL as the log may show it: a reset or verification token in the path logs anyone in, and logs
 * are read by more people, for longer, than the mail (issue 12 §3).
 *
 * @example redactTokens('/admin/password-reset/AbC123') // '/admin/password-reset/[redacted]'
 */
export function redactTokens(url: string): string {
  return url.replace(TOKEN_IN_PATH, '$1[redacted]');
}

/** Fastify's request serializer for pino, with the URL redacted. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactTokens(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
