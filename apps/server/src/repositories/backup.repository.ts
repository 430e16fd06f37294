import { sql } from 'kysely';
import { crossTenant, crossTenantComment } from '../db/cross-tenant.ts';
import type { Db, Tx } from '../db/database.ts';

// Migrations are the target's own; health_probe is /readyz's scratch row, not data.
const SKIPPED = new Set(['kysely_migration', 'kysely_migration_lock', 'health_probe']);

/**
 * Derived tables: emptied by a forced restore but never written to a backup. The 労務アラート totals
 * are a cache of the punches; restoring the punches marks their months stale again (the punch
 * trigger), and the worker recomputes them.
 */
export const DERIVED_TABLES = new Set(['staff_month_totals', 'labor_totals_queue']);

/** The application's tables in an order where every table comes after the tables it references. */
export async function tablesInDependencyOrder(db: Db | Tx): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' order by c.relname`.execute(db);
  const edges = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid`.execute(db);
  const names = tables.rows.map((row) => row.name).filter((name) => !SKIPPED.has(name));
  const parents = new Map(names.map((name) => [name, new Set<string>()]));
  for (const edge of edges.rows) parents.get(edge.child)?.add(edge.parent);
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) visit(parent, path);
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  return ordered;
}

/** All rows of a table as JSON objects with snake_case keys, in primary-key order. */
export async function readTableAsJson(db: Db | Tx, table: string): Promise<Record<string, unknown>[]> {
  // As text: the CamelCasePlugin would otherwise rename the keys of a returned JSON object.
  const result = await sql<{ row: string }>`
    select to_jsonb(t)::text as row from ${sql.table(table)} t order by 1 ${crossTenant('backup')}`.execute(
    db,
  );
  return result.rows.map((r) => JSON.parse(r.row) as Record<string, unknown>);
}

export async function appliedMigrations(db: Db | Tx): Promise<string[]> {
  const result = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return result.rows.map((row) => row.name);
}

export async function databaseHasContracts(db: Db | Tx): Promise<boolean> {
  const result = await sql<{ n: number }>`select count(*)::int as n from contracts`.execute(db);
  return (result.rows[0]?.n ?? 0) > 0;
}

export async function truncateTables(trx: Tx, tables: string[]): Promise<void> {
  if (tables.length === 0) return;
  await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))} restart identity cascade ${crossTenant('backup')}`.execute(
    trx,
  );
}

/** Runs a backup file's statements (plain SQL, as written by the backup service). */
export async function runSqlScript(trx: Tx, script: string): Promise<void> {
  await sql.raw(`${crossTenantComment('backup')}\n${script}`).execute(trx);
}

/** Identity columns (table, column) of the application's tables. */
export async function identityColumns(db: Db | Tx): Promise<{ table: string; column: string }[]> {
  const result = await sql<{ table: string; column: string }>`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = 'public' and is_identity = 'YES' order by 1, 2`.execute(db);
  return result.rows;
}
