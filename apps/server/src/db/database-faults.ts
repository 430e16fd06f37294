/**
 * What a failed query says about the database itself, as opposed to the request: the database is
 * gone (a restart, a network cut: 503 database_unavailable, retried by clients), or it answers but
 * refuses writes (a full disk, a read-only server: 503 database_write_failed, naming the cause for
 * the operator). Anything else is not a database fault (issue 12 §2, §10).
 */
export type WriteFailureCause =
  | 'disk_full'
  | 'read_only'
  | 'io_error'
  | 'permission_denied'
  | 'out_of_resources';

export type DatabaseFault =
  | { code: 'database_unavailable'; sqlState?: string }
  | { code: 'database_write_failed'; cause: WriteFailureCause; sqlState: string };

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, restart).
const UNAVAILABLE_STATES = /^(08...|57P0[1-4]|53300)$/;
const WRITE_FAILURES: Record<string, WriteFailureCause> = {
  '53100': 'disk_full',
  '25006': 'read_only',
  '58030': 'io_error',
  '42501': 'permission_denied',
  '53000': 'out_of_resources',
};
// Socket errors, and pg's own words for a connection that ended or never came.
const UNAVAILABLE_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable/i;

export function databaseFault(error: unknown): DatabaseFault | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (UNAVAILABLE_STATES.test(code)) return { code: 'database_unavailable', sqlState: code };
    const cause = WRITE_FAILURES[code];
    if (cause) return { code: 'database_write_failed', cause, sqlState: code };
    if (UNAVAILABLE_SYSTEM_CODES.has(code)) return { code: 'database_unavailable' };
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message))
    return { code: 'database_unavailable' };
  // A connection attempt to several addresses fails with all their errors together.
  if (Array.isArray(errors)) {
    const faults = errors.map(databaseFault);
    if (faults.length > 0 && faults.every((fault) => fault?.code === 'database_unavailable')) {
      return { code: 'database_unavailable' };
    }
  }
  return undefined;
}
