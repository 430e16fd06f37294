import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { LogEvent } from 'kysely';

/**
 * The variable that turns statement recording on: a directory, where each process (and thread)
 * appends every distinct SQL text it runs, one JSON string a line. The database tests set it so
 * that the router-query check (testing/router-queries.ts) sees every statement they ran; a server
 * never sets it.
 */
export const QUERY_LOG_VARIABLE = 'TIMECARD_QUERY_LOG';

const seen = new Set<string>();

/** Kysely's `log` hook when statement recording is on, else undefined. */
export function queryRecorder(): ((event: LogEvent) => void) | undefined {
  const dir = process.env[QUERY_LOG_VARIABLE];
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${process.pid}-${threadId}.jsonl`);
  return (event) => {
    const text = event.query.sql;
    if (seen.has(text)) return;
    seen.add(text);
    appendFileSync(file, `${JSON.stringify(text)}\n`);
  };
}
