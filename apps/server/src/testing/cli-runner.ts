import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../cli/main.ts', import.meta.url));

export interface CliResult {
  code: number;
  /** Standard output as text, and as the bytes written (a Shift_JIS CSV is not UTF-8). */
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

/**
 * Runs the operator CLI (`npm run timecard -- …`) in a child process with `env` on top of ours;
 * `input` is written to its standard input.
 */
export function spawnCli(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      { env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, encoding: 'buffer' },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout: stdout.toString(), stdoutBytes: stdout, stderr: stderr.toString() });
      },
    );
    child.stdin?.end(input ?? '');
  });
}
