import { execFileSync } from 'node:child_process';

const PSQL = ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-qc'];

/**
 * Runs `work` with the URL of a new, empty database on this machine's PostgreSQL (127.0.0.1:5432,
 * trust auth), dropped afterwards. BENCH_DATABASE_URL, when set, is used as it is instead.
 */
export async function withFreshPostgres<T>(label: string, work: (url: string) => Promise<T>): Promise<T> {
  if (process.env.BENCH_DATABASE_URL) return work(process.env.BENCH_DATABASE_URL);
  const name = `timecard_bench_${label}_${Date.now()}`;
  execFileSync('psql', [...PSQL, `CREATE DATABASE ${name}`]);
  try {
    return await work(`postgres://postgres@127.0.0.1:5432/${name}`);
  } finally {
    execFileSync('psql', [...PSQL, `DROP DATABASE ${name} WITH (FORCE)`]);
  }
}
