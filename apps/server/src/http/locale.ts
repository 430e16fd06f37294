import type { Locale } from '@timecard/domain';
import type { FastifyRequest } from 'fastify';

/** The caller's language: English when Accept-Language prefers it, Japanese otherwise. */
export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ja';
}
