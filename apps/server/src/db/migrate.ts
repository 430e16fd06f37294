import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator, sql } from 'kysely';
import { crossTenantComment } from './cross-tenant.ts';
import type { Db } from './database.ts';

// Beside this file in the source tree, and beside the bundle in dist/ (build.ts copies them).
const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Plain SQL files in migrations/, applied in name order; names start with a timestamp. */
class SqlFileMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR)).filter((file) => file.endsWith('.sql')).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const text = await readFile(MIGRATIONS_DIR + file, 'utf8');
      migrations[file.replace(/\.sql$/, '')] = {
        async up(db) {
          await sql.raw(`${crossTenantComment('migration')}\n${text}`).execute(db);
        },
      };
    }
    return migrations;
  }
}

/** Applies every pending migration; throws on the first failure (nothing half-applied). */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  // The usual start finds nothing to do: one query instead of the Migrator's lock dance.
  if (await isUpToDate(db)) return { results: [] };
  const migrator = new Migrator({ db, provider: new SqlFileMigrationProvider() });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

async function isUpToDate(db: Db): Promise<boolean> {
  const files = (await readdir(MIGRATIONS_DIR))
    .filter((file) => file.endsWith('.sql'))
    .map((f) => f.replace(/\.sql$/, ''));
  try {
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const names = new Set(applied.rows.map((row) => row.name));
    return files.every((file) => names.has(file));
  } catch {
    return false; // no migration table yet
  }
}
