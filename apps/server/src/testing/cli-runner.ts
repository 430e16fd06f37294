import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../cli/main.ts', import.meta.url));

export interface CliResult {
  code: number;
  /** Standard output as text, and as the bytes written (a Shift_JIS CSV is not UTF-8). */
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

/** Runs the operator CLI (`npm run timecard -- …`) in a child process with `env` on top of ours. */
export async function spawnCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
      encoding: 'buffer',
    });
    return { code: 0, stdout: stdout.toString(), stdoutBytes: stdout, stderr: stderr.toString() };
  } catch (error) {
    const e = error as { code: number; stdout: Buffer; stderr: Buffer };
    return { code: e.code, stdout: e.stdout.toString(), stdoutBytes: e.stdout, stderr: e.stderr.toString() };
  }
}
