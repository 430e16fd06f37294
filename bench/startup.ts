/**
 * bench/startup: time from process start to a 200 from /healthz, and the server's RSS then, for
 *   1. a new embedded data directory (initdb + migrations + demo seed),
 *   2. the same directory reused (target: under 2 s),
 *   3. PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/<fresh db>).
 * Run: npm run build && npm run bench:startup
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../e2e/support/server.ts';
import { withFreshPostgres } from './support.ts';

// What `npm start` runs (build first: npm run build).
const MAIN = fileURLToPath(new URL('../apps/server/dist/main.mjs', import.meta.url));

async function measure(label: string, env: Record<string, string>) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // starting
    }
    if (child.exitCode !== null) throw new Error(`${label}: server exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const ms = performance.now() - started;
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssMiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  console.log(
    `${label.padEnd(28)} ready in ${ms.toFixed(0).padStart(6)} ms   RSS ${rssMiB.toFixed(0).padStart(5)} MiB`,
  );
  return ms;
}

const dataDir = mkdtempSync(join(tmpdir(), 'timecard-bench-'));
try {
  await measure('embedded, new data dir', { DATA_DIR: dataDir, DATABASE_URL: '' });
  const reused: number[] = [];
  for (let i = 0; i < 3; i++)
    reused.push(await measure(`embedded, reused (#${i + 1})`, { DATA_DIR: dataDir, DATABASE_URL: '' }));
  const median = reused.sort((a, b) => a - b)[1]!;
  console.log(
    `embedded reused median: ${median.toFixed(0)} ms (target < 2000 ms): ${median < 2000 ? 'met' : 'NOT met'}`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

await withFreshPostgres('startup', async (url) => {
  await measure('PostgreSQL, new database', { DATABASE_URL: url });
  await measure('PostgreSQL, reused', { DATABASE_URL: url });
});
