import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The bundle `npm start` runs; `npm test` and `npm run test:e2e` build it first. E2E_SERVER_MAIN
// points at a copy of the built tree instead (a checkout where others rebuild dist/ meanwhile).
const MAIN =
  process.env.E2E_SERVER_MAIN || fileURLToPath(new URL('../../apps/server/dist/main.mjs', import.meta.url));

export interface StartedServer {
  url: string;
  port: number;
  dataDir: string | null;
  /** The server process's id (benchmarks read its memory from /proc). */
  pid: number | undefined;
  /** Everything the server wrote to stdout (pino JSON lines). */
  logs(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts the real server (`apps/server/dist/main.mjs`, what `npm start` runs after the build) on a
 * free port: on the PostgreSQL test database when TEST_DATABASE_URL or DATABASE_URL is set, else on
 * a new embedded data directory. Resolves once /healthz answers 200.
 */
export interface StartOptions {
  /** Reuse this embedded data directory (a restart); it is then left in place on stop. */
  dataDir?: string;
  /** Keep a new data directory on stop, to start again on it. */
  keepData?: boolean;
  port?: number;
}

export async function startServer(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<StartedServer> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const port = options.port ?? (await freePort());
  const databaseUrl = env.DATABASE_URL ?? (process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || '');
  const dataDir = databaseUrl ? null : (options.dataDir ?? mkdtempSync(join(tmpdir(), 'timecard-e2e-')));
  const removeOnStop = dataDir !== null && !options.dataDir && !options.keepData;
  // E2E_SERVER_NODE_ARGS adds Node flags to the server (e.g. --cpu-prof to profile a benchmark).
  const nodeArgs = (process.env.E2E_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir ?? '',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    port,
    dataDir,
    pid: child.pid,
    logs: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      if (removeOnStop && dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
