import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is acting in the current request, beyond the actor a service passes along: today, the API
 * token a request came with (issue 14), so that every 操作ログ entry it causes names the token. The
 * app opens a context per request (app.ts); the token guard fills it.
 */
export interface ActingContext {
  apiToken?: { id: number; name: string };
}

const storage = new AsyncLocalStorage<ActingContext>();

/** Runs `next` (the rest of a request) inside a fresh context. */
export function runInActingContext(next: () => void): void {
  storage.run({}, next);
}

export function actingContext(): ActingContext | undefined {
  return storage.getStore();
}
