import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogs } from './catalogs.ts';

const { ja, en } = catalogs;

const SRC = fileURLToPath(new URL('..', import.meta.url));

function keysOf(catalog: object, prefix = ''): string[] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    value && typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the UI catalogs', () => {
  it('have the same keys in Japanese and English', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(ja).sort());
  });

  it('hold every literal key the code asks for', () => {
    const known = new Set(keysOf(ja));
    const missing: string[] = [];
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      // t('a.b') and the label keys of navigation.ts ('admin.nav.x')
      for (const match of text.matchAll(
        /\bt\(\s*'([a-zA-Z0-9_.]+)'|'((?:admin|staff|offices)\.[a-zA-Z0-9_.]+)'/g,
      )) {
        const key = match[1] ?? match[2]!;
        if (!known.has(key)) missing.push(`${file.slice(SRC.length)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
