import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` builds only when a source changed since the last build (issue 11 §9: a rebuild took
 * 10 s of every restart). The build writes a stamp, a fingerprint of every input file's path, size
 * and mtime; a start compares it with the files now. Stat only, no reading: a few milliseconds.
 */

/** What the two builds read, relative to the repository root (tests do not count). */
export const BUILD_INPUTS = [
  'package-lock.json',
  'apps/server/build.ts',
  'apps/server/package.json',
  'apps/server/src',
  'apps/web/index.html',
  'apps/web/package.json',
  'apps/web/vite.config.ts',
  'apps/web/public',
  'apps/web/src',
  'packages/domain/package.json',
  'packages/domain/src',
  'packages/contract/package.json',
  'packages/contract/src',
] as const;

/** What a start needs; a missing one means building whatever the stamp says. */
export const BUILD_OUTPUTS = ['apps/server/dist/main.mjs', 'apps/web/dist/index.html'] as const;

/** Inside the server's build output, which `npm run build` empties first: a failed build leaves none. */
export const BUILD_STAMP = 'apps/server/dist/build-stamp.json';

const isTest = (name: string) => /\.test\.tsx?$/.test(name);

function* files(path: string): Generator<string> {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isDirectory()) {
    yield path;
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules' || name === 'dist' || isTest(name)) continue;
    yield* files(join(path, name));
  }
}

/**
 * A hash of the inputs' paths, sizes and modification times: any edit, added or removed file
 * changes it (a `touch` too, which only costs a build).
 */
export function buildFingerprint(root: string, inputs: readonly string[] = BUILD_INPUTS): string {
  const hash = createHash('sha256');
  for (const input of inputs) {
    for (const file of files(join(root, input))) {
      const stat = statSync(file);
      hash.update(`${relative(root, file)}\0${stat.size}\0${Math.trunc(stat.mtimeMs)}\n`);
    }
  }
  return hash.digest('hex');
}

export interface Freshness {
  fresh: boolean;
  /** Why a build is needed (or that none is), for the start's one line. */
  reason: string;
}

export interface FreshnessOptions {
  inputs?: readonly string[];
  outputs?: readonly string[];
  stamp?: string;
}

/** Whether the last build is current: its outputs exist and its stamp matches the inputs now. */
export function checkBuild(root: string, options: FreshnessOptions = {}): Freshness {
  const stamp = join(root, options.stamp ?? BUILD_STAMP);
  const missing = (options.outputs ?? BUILD_OUTPUTS).find((output) => !existsSync(join(root, output)));
  if (missing) return { fresh: false, reason: `${missing} is missing` };
  if (!existsSync(stamp)) return { fresh: false, reason: 'no build stamp' };
  let recorded: unknown;
  try {
    recorded = JSON.parse(readFileSync(stamp, 'utf8')).fingerprint;
  } catch {
    return { fresh: false, reason: 'unreadable build stamp' };
  }
  return recorded === buildFingerprint(root, options.inputs)
    ? { fresh: true, reason: 'no source changed since the last build' }
    : { fresh: false, reason: 'sources changed since the last build' };
}

/** Records the inputs a build has just been made from. */
export function writeBuildStamp(root: string, options: FreshnessOptions = {}): void {
  writeFileSync(
    join(root, options.stamp ?? BUILD_STAMP),
    `${JSON.stringify({ fingerprint: buildFingerprint(root, options.inputs), builtAt: new Date().toISOString() })}\n`,
  );
}

/** `npm start`'s first step: builds (`npm run build`, which stamps its result) when needed. */
function buildIfStale(root: string): number {
  const state = checkBuild(root);
  if (state.fresh) {
    process.stdout.write(`ビルドは最新です / build is current (${state.reason})\n`);
    return 0;
  }
  process.stdout.write(`ビルドします / building (${state.reason})\n`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  return build.status ?? 1;
}

// `--stamp`: the last step of `npm run build`; without it, `npm start`'s check.
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  if (process.argv.includes('--stamp')) writeBuildStamp(root);
  else process.exit(buildIfStale(root));
}
