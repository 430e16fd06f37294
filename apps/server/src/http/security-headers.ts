import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every answer (the web app, the API, the static files). Scripts come
 * only from this origin (no inline script, no eval); styles may be inline because Mantine injects
 * <style> elements at run time; nothing may frame a page (the Web出退勤画面 must not be clickjacked).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Two years, as browsers' preload lists ask; sent only over HTTPS (RFC 6797 §7.2). */
const HSTS = 'max-age=63072000';

/**
 * Security headers on every answer (issue 12 §8). A route that sets a stricter policy of its own
 * (the dev mailbox page) keeps it. HSTS is sent when the request reached us over HTTPS, directly or
 * as a trusted proxy (TRUST_PROXY) says with X-Forwarded-Proto.
 */
export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply) => {
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    }
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    // Reset and verification links carry their token in the URL: never send it to another site.
    reply.header('referrer-policy', 'no-referrer');
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}
