import { ApiError } from './api.ts';

/** The server's message; a 429 whose message names no wait gets the Retry-After seconds appended. */
export function loginError(error: unknown, waitText: (seconds: number) => string): unknown {
  if (
    error instanceof ApiError &&
    error.status === 429 &&
    error.retryAfter !== null &&
    !/\d/.test(error.message)
  ) {
    return new Error(`${error.message} ${waitText(error.retryAfter)}`);
  }
  return error;
}
