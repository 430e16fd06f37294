import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./job-process.ts', import.meta.url));

export interface JobProcess {
  child: ChildProcess;
  /** Resolves with the first output line matching `pattern`. */
  line(pattern: RegExp): Promise<string>;
  /** Tells the process to start (after its `ready`). */
  go(): void;
  /** Resolves when the process ends, with its exit code (null when killed) and output. */
  ended: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/**
 * Starts processes of testing/job-process.ts on the PostgreSQL database `databaseUrl` (further
 * server processes), waits until all are connected, and lets them start together.
 */
export async function startJobProcesses(
  databaseUrl: string,
  orders: Record<string, unknown>[],
): Promise<JobProcess[]> {
  const processes = orders.map((order) => startJobProcess(databaseUrl, order));
  await Promise.all(processes.map((p) => p.line(/^ready$/)));
  for (const p of processes) p.go();
  return processes;
}

function startJobProcess(databaseUrl: string, order: Record<string, unknown>): JobProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, JSON.stringify(order)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve(line: string): void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const watcher of [...watchers]) {
      const match = stdout.split('\n').find((line) => watcher.pattern.test(line));
      if (match !== undefined) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(match);
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const ended = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return {
    child,
    ended,
    go() {
      child.stdin!.end('go\n');
    },
    line(pattern) {
      const found = stdout.split('\n').find((line) => pattern.test(line));
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        watchers.push({ pattern, resolve });
        void ended.then(({ code }) =>
          reject(new Error(`job process ended (${code}) before ${pattern}: ${stderr}`)),
        );
      });
    },
  };
}
