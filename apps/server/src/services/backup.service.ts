import { randomBytes } from 'node:crypto';
import { AppError } from '@timecard/domain';
import type { Db, Tx } from '../db/database.ts';
import {
  appliedMigrations,
  DERIVED_TABLES,
  databaseHasContracts,
  identityColumns,
  readTableAsJson,
  runSqlScript,
  tablesInDependencyOrder,
  truncateTables,
} from '../repositories/backup.repository.ts';

const HEADER = '-- timecard-backup 1';
const ROWS_PER_STATEMENT = 500;
const STATEMENTS_PER_ROUND = 20;

/**
 * Writes the whole database as one plain SQL script that restores on PGlite and PostgreSQL alike:
 * each table's rows as JSON fed to json_populate_recordset with an explicit column list, so a backup
 * taken before a later migration still loads (new columns take their defaults).
 */
export async function createBackup(db: Db, onProgress?: Progress): Promise<string> {
  // One snapshot for every table: a server writing meanwhile must not leave rows in the file that
  // reference rows read before them (a contract created between two tables' reads).
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => writeBackup(trx, onProgress));
}

/** Told as a long operation goes (`done` of `total`), for a progress line. */
export type Progress = (done: number, total: number) => void;

async function writeBackup(trx: Tx, onProgress?: Progress): Promise<string> {
  const tables = await tablesInDependencyOrder(trx);
  const migrations = await appliedMigrations(trx);
  const lines = [
    HEADER,
    `-- created ${new Date().toISOString()}`,
    `-- migrations ${migrations.join(',')}`,
    '',
  ];
  for (const [index, table] of tables.entries()) {
    onProgress?.(index, tables.length);
    if (DERIVED_TABLES.has(table)) continue;
    const rows = await readTableAsJson(trx, table);
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      const columns = Object.keys(chunk[0]!).map((c) => `"${c.replaceAll('"', '""')}"`);
      const json = JSON.stringify(chunk);
      const tag = dollarTag(json);
      lines.push(
        `INSERT INTO "${table}" (${columns.join(', ')}) OVERRIDING SYSTEM VALUE SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::"${table}", ${tag}${json}${tag});`,
      );
    }
  }
  onProgress?.(tables.length, tables.length);
  lines.push('');
  // Identity sequences continue after the restored ids.
  for (const { table, column } of await identityColumns(trx)) {
    if (!tables.includes(table)) continue;
    lines.push(
      `SELECT setval(pg_get_serial_sequence('"${table}"', '${column}'), coalesce((SELECT max("${column}") FROM "${table}"), 0) + 1, false);`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function dollarTag(text: string): string {
  for (;;) {
    const tag = `$b${randomBytes(4).toString('hex')}$`;
    if (!text.includes(tag)) return tag;
  }
}

export interface RestoreResult {
  statements: number;
}

/**
 * Loads a backup into a migrated database, all or nothing. The target must hold no contracts unless
 * `force`, which first empties every table.
 */
export async function restoreBackup(
  db: Db,
  script: string,
  options: { file: string; force?: boolean; onProgress?: Progress },
) {
  if (!script.startsWith(HEADER)) {
    throw new AppError('backup_file_invalid', { file: options.file, reason: 'not a timecard backup' });
  }
  const tables = await tablesInDependencyOrder(db);
  await db.transaction().execute(async (trx) => {
    if (await databaseHasContracts(trx)) {
      if (!options.force) throw new AppError('restore_target_not_empty');
      await truncateTables(trx, tables);
    }
    // One statement a line (JSON escapes its line breaks): run in groups, telling the progress.
    const statements = script.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('--'));
    for (let i = 0; i < statements.length; i += STATEMENTS_PER_ROUND) {
      options.onProgress?.(i, statements.length);
      await runSqlScript(trx, statements.slice(i, i + STATEMENTS_PER_ROUND).join('\n'));
    }
    options.onProgress?.(statements.length, statements.length);
  });
}
