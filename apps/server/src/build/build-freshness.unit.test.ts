import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_INPUTS, buildFingerprint, checkBuild, writeBuildStamp } from './build-freshness.ts';

// Issue 11 §9: `npm start` rebuilds only when a source changed since the last build.
const options = {
  inputs: ['src', 'package-lock.json'],
  outputs: ['dist/main.mjs'],
  stamp: 'dist/build-stamp.json',
};
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'timecard-build-'));
  mkdirSync(join(root, 'src', 'nested'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'src', 'nested', 'b.ts'), 'export const b = 2;\n');
  writeFileSync(join(root, 'package-lock.json'), '{}\n');
  writeFileSync(join(root, 'dist', 'main.mjs'), '// built\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the build freshness check of npm start', () => {
  it('asks for a build without a stamp, and not after one', () => {
    expect(checkBuild(root, options)).toEqual({ fresh: false, reason: 'no build stamp' });
    writeBuildStamp(root, options);
    expect(checkBuild(root, options).fresh).toBe(true);
  });

  it('asks again when a source is edited, added or removed', () => {
    writeBuildStamp(root, options);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'src', 'nested', 'b.ts'), later, later);
    expect(checkBuild(root, options)).toEqual({
      fresh: false,
      reason: 'sources changed since the last build',
    });

    writeBuildStamp(root, options);
    writeFileSync(join(root, 'src', 'c.ts'), 'export const c = 3;\n');
    expect(checkBuild(root, options).fresh).toBe(false);

    writeBuildStamp(root, options);
    rmSync(join(root, 'src', 'a.ts'));
    expect(checkBuild(root, options).fresh).toBe(false);
  });

  it('ignores tests, and builds when an output is missing', () => {
    writeBuildStamp(root, options);
    writeFileSync(join(root, 'src', 'a.unit.test.ts'), 'test\n');
    expect(checkBuild(root, options).fresh).toBe(true);
    rmSync(join(root, 'dist', 'main.mjs'));
    expect(checkBuild(root, options)).toEqual({ fresh: false, reason: 'dist/main.mjs is missing' });
  });

  it('reads the same fingerprint twice from the repository, quickly', () => {
    const repo = join(import.meta.dirname, '..', '..', '..', '..');
    const started = performance.now();
    expect(buildFingerprint(repo)).toBe(buildFingerprint(repo, BUILD_INPUTS));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
