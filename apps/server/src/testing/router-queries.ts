import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { CROSS_TENANT_REASONS } from '../db/cross-tenant.ts';
import { GLOBAL_TABLES } from '../db/schema.ts';

/**
 * The router-query check (issue 21, ADR 020): every statement on a tenant table filters by one
 * contract_id, so that Citus sends it to the one node holding that contract. The database tests
 * record each distinct statement they run (db/query-log.ts); this reads them back and asks
 * PostgreSQL's own planner (EXPLAIN (GENERIC_PLAN) on a migrated PGlite) which tables each scans and
 * with which conditions, so that aliases, joins, sub-queries and the planner's equivalences
 * (t.contract_id = $1 and o.contract_id = t.contract_id ⇒ o.contract_id = $1) count as they do for
 * Citus. A scan of a tenant table passes when its conditions hold `contract_id = <parameter or
 * constant>`, or `contract_id = <another scan's contract_id>` where that scan passes.
 *
 * Not statements: DDL and session commands (BEGIN, SET, CREATE …). Deliberate cross-tenant
 * statements carry `/* cross-tenant: <reason> *\/` with a reason of db/cross-tenant.ts. INSERT …
 * VALUES rows always carry their contract_id (NOT NULL) and are routed by it; an INSERT … SELECT is
 * checked by its SELECT.
 */
export interface RouterOffence {
  sql: string;
  problem: string;
}

export interface RouterReport {
  /** Distinct statements read. */
  statements: number;
  /** Statements on tenant tables that were explained and passed. */
  routed: number;
  /** Marked cross-tenant statements, by reason. */
  crossTenant: Record<string, number>;
  offences: RouterOffence[];
}

/** Every distinct statement recorded in a query-log directory. */
export function readRecordedStatements(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const all = new Set<string>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.jsonl')) continue;
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line.trim() !== '') all.add(JSON.parse(line) as string);
    }
  }
  return [...all];
}

/** Tenant tables: every table with a contract_id column that db/schema.ts does not list as global. */
export async function tenantTablesOf(pglite: PGlite): Promise<Set<string>> {
  const result = await pglite.query<{ name: string }>(`
    select distinct c.relname as name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'contract_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')`);
  const global = new Set<string>(GLOBAL_TABLES);
  return new Set(result.rows.map((r) => r.name).filter((name) => !global.has(name)));
}

const MARKER = /\/\*\s*cross-tenant:\s*([a-z-]+)\s*\*\//;
const CHECKED_KINDS = new Set(['select', 'insert', 'update', 'delete', 'with', 'merge']);
/** Utility statements that read or write a whole table: acceptable only when marked. */
const WHOLE_TABLE_KINDS = new Set(['truncate', 'copy', 'analyze', 'vacuum', 'lock']);
const CONDITION_KEYS = [
  'Index Cond',
  'Recheck Cond',
  'Filter',
  'Join Filter',
  'Hash Cond',
  'Merge Cond',
  'TID Cond',
  'One-Time Filter',
];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Alias?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

function firstKeyword(text: string): string {
  const stripped = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ');
  return (/^[\s(]*([a-zA-Z]+)/.exec(stripped)?.[1] ?? '').toLowerCase();
}

/** True when the text holds more than one statement (EXPLAIN takes one; the rest would run). */
function severalStatements(text: string): boolean {
  const code = text
    .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, ' ')
    .replace(/'(?:[^']|'')*'/g, ' ')
    .replace(/"(?:[^"]|"")*"/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ');
  return /;\s*\S/.test(code);
}

function mentionedTables(text: string, tenant: Set<string>): string[] {
  const words = new Set(text.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
  return [...tenant].filter((table) => words.has(table));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The tenant-table scans of a plan and whether each is pinned to one contract. */
function unroutedScans(plan: PlanNode, tenant: Set<string>): string[] {
  const scans: { table: string; alias: string }[] = [];
  const conditions: string[] = [];
  const walk = (node: PlanNode) => {
    const table = node['Relation Name'];
    if (table && node['Node Type'] !== 'ModifyTable' && tenant.has(table)) {
      scans.push({ table, alias: node.Alias ?? table });
    }
    for (const key of CONDITION_KEYS) {
      const value = node[key];
      if (typeof value === 'string') conditions.push(value);
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan);
  const text = conditions.join(' AND ');
  const column = (alias: string) => `\\b${escapeRegExp(alias)}\\.contract_id`;
  const value = String.raw`(?:\$\d+|'[^']*'::text)`;
  const routed = new Set<string>();
  for (const { alias } of scans) {
    const pinned = new RegExp(`${column(alias)} = ${value}(?![\\w.])|${value} = ${column(alias)}`);
    if (pinned.test(text)) routed.add(alias);
  }
  // Joined on contract_id to a scan already pinned (a correlated sub-query, a join the planner kept).
  for (let changed = true; changed; ) {
    changed = false;
    for (const { alias } of scans) {
      if (routed.has(alias)) continue;
      const joined = new RegExp(
        `${column(alias)} = \\b([\\w$]+)\\.contract_id|\\b([\\w$]+)\\.contract_id = ${column(alias)}`,
        'g',
      );
      for (const match of text.matchAll(joined)) {
        const other = match[1] ?? match[2]!;
        if (other !== alias && routed.has(other)) {
          routed.add(alias);
          changed = true;
          break;
        }
      }
    }
  }
  return scans.filter((scan) => !routed.has(scan.alias)).map((scan) => `${scan.table} as ${scan.alias}`);
}

/** Checks statements on a migrated PGlite (nothing is executed: EXPLAIN only plans). */
export async function checkRouterQueries(pglite: PGlite, statements: string[]): Promise<RouterReport> {
  const tenant = await tenantTablesOf(pglite);
  const report: RouterReport = { statements: statements.length, routed: 0, crossTenant: {}, offences: [] };
  for (const statement of statements) {
    const marker = MARKER.exec(statement);
    if (marker) {
      const reason = marker[1]!;
      if (reason in CROSS_TENANT_REASONS) {
        report.crossTenant[reason] = (report.crossTenant[reason] ?? 0) + 1;
      } else {
        report.offences.push({ sql: statement, problem: `unknown cross-tenant reason "${reason}"` });
      }
      continue;
    }
    const kind = firstKeyword(statement);
    const tables = mentionedTables(statement, tenant);
    if (tables.length === 0) continue;
    if (WHOLE_TABLE_KINDS.has(kind)) {
      report.offences.push({
        sql: statement,
        problem: `${kind.toUpperCase()} of ${tables.join(', ')} without a cross-tenant reason`,
      });
      continue;
    }
    if (!CHECKED_KINDS.has(kind)) continue;
    if (severalStatements(statement)) {
      report.offences.push({ sql: statement, problem: 'several statements in one text: cannot be checked' });
      continue;
    }
    let plan: PlanNode;
    try {
      const [result] = await pglite.exec(`explain (generic_plan, verbose, format json) ${statement}`);
      const cell = (result!.rows[0] as Record<string, unknown>)['QUERY PLAN'];
      const parsed = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan: PlanNode }[];
      plan = parsed[0]!.Plan;
    } catch (error) {
      report.offences.push({ sql: statement, problem: `could not be planned: ${(error as Error).message}` });
      continue;
    }
    const unrouted = unroutedScans(plan, tenant);
    if (unrouted.length > 0) {
      report.offences.push({
        sql: statement,
        problem: `scans ${unrouted.join(', ')} without contract_id = <one value>`,
      });
    } else {
      report.routed += 1;
    }
  }
  return report;
}
