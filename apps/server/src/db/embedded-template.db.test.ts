import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { copyTemplateInto, openEmbedded } from './embedded.ts';
import { migrateToLatest } from './migrate.ts';

// Issue 21 (ADR 027): a new data directory starts as a copy of the build's migrated cluster.
const root = mkdtempSync(join(tmpdir(), 'timecard-template-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('starts a new data directory from the template, migrated, and never copies over an existing one', async () => {
  // What build.ts makes beside the bundle.
  const template = join(root, 'template');
  const pglite = new PGlite(template);
  const built = await openDatabase({ pglite });
  await migrateToLatest(built.db);
  await built.close();
  await pglite.close();

  const dataDir = join(root, 'data');
  expect(copyTemplateInto(join(dataDir, 'pgdata'), template)).toBe(true);
  expect(readdirSync(root).some((name) => name.includes('.copying-'))).toBe(false);
  // A second start keeps the directory it has.
  expect(copyTemplateInto(join(dataDir, 'pgdata'), template)).toBe(false);

  const database = await openDatabase({ embedded: openEmbedded(dataDir) });
  try {
    const migrated = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(
      database.db,
    );
    expect(migrated.rows[0]!.n).toBeGreaterThan(10);
    // Nothing left to apply, and the copy is a working cluster.
    await migrateToLatest(database.db);
    const again = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(
      database.db,
    );
    expect(again.rows[0]!.n).toBe(migrated.rows[0]!.n);
  } finally {
    await database.close();
  }
});
