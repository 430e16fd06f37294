import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Issue 11 §9, the first hour: what a newcomer reads and runs first.
const root = new URL('../../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

function section(title: string): string {
  const start = readme.indexOf(`## ${title}`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 3);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('README', () => {
  it('has one unbroken CLI table with a row for every command', () => {
    const lines = section('Operator CLI').split('\n');
    const first = lines.findIndex((line) => line.startsWith('|'));
    const last = lines.findLastIndex((line) => line.startsWith('|'));
    // A blank line inside a Markdown table ends it: the rows after it render as text.
    expect(lines.slice(first, last + 1).every((line) => line.startsWith('|'))).toBe(true);
    const rows = lines.slice(first + 2, last + 1).map((line) => line.split(' | ')[0]!);
    for (const command of [
      'contract create',
      'contract list',
      'db migrate',
      'db backup',
      'staff add',
      'staff import',
      'punch import',
      'shift import',
      'report attendance',
    ]) {
      expect(
        rows.filter((row) => row.includes(`\`${command}`)),
        command,
      ).toHaveLength(1);
    }
    expect(rows.find((row) => row.includes('`staff add'))).toContain('--work-style');
  });

  it('tells the web clock PIN 0000 and where to change it', () => {
    expect(readme).toContain('`0000`');
    expect(readme).toContain('基本設定');
    expect(readme).toContain('打刻設定');
  });

  it('does not silence npm for every command (npm ci printed nothing)', () => {
    const npmrc = new URL('.npmrc', root);
    if (existsSync(npmrc)) expect(readFileSync(npmrc, 'utf8')).not.toMatch(/^\s*loglevel\s*=\s*silent/m);
    expect(section('Operator CLI')).toContain('npm run --silent timecard');
  });
});
