import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertStaff } from '../repositories/staff.repository.ts';
import { buildContract } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { crossTenant } from './cross-tenant.ts';
import { type Database, withTenant } from './database.ts';
import { COORDINATOR_TABLES, GLOBAL_TABLES, REFERENCE_TABLES } from './schema.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('the catalog follows the data model rules', () => {
  async function tenantTables(): Promise<string[]> {
    const result = await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' order by 1`.execute(database.db);
    return result.rows
      .map((r) => r.name)
      .filter((name) => !(GLOBAL_TABLES as readonly string[]).includes(name));
  }

  it('lists as global exactly the tables without contract_id', async () => {
    const result = await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and not exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'contract_id' and not a.attisdropped)
      order by 1`.execute(database.db);
    const withoutContract = result.rows.map((r) => r.name);
    // Tables with a nullable contract_id (sessions, mail) are global too; every other table is tenant.
    for (const name of withoutContract) expect(GLOBAL_TABLES).toContain(name);
    expect((await tenantTables()).length).toBeGreaterThanOrEqual(5);
  });

  it('starts the primary key of every tenant table with contract_id', async () => {
    const result = await sql<{ table: string; first: string | null }>`
      select c.relname as "table",
        (select a.attname from pg_attribute a where a.attrelid = c.oid and a.attnum = k.conkey[1]) as first
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      left join pg_constraint k on k.conrelid = c.oid and k.contype = 'p'
      where n.nspname = 'public' and c.relkind = 'r'`.execute(database.db);
    const tenant = new Set(await tenantTables());
    const offenders = result.rows
      .filter((r) => tenant.has(r.table) && r.first !== 'contract_id')
      .map((r) => r.table);
    expect(offenders).toEqual([]);
  });

  it('includes contract_id in every foreign key between tenant tables', async () => {
    const result = await sql<{ name: string; child: string; parent: string; columns: string[] }>`
      select k.conname as name, c.relname as child, p.relname as parent,
        array(select a.attname::text from unnest(k.conkey) as u(n) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n) as columns
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public'`.execute(database.db);
    const tenant = new Set(await tenantTables());
    const between = result.rows.filter((r) => tenant.has(r.child) && tenant.has(r.parent));
    expect(between.length).toBeGreaterThan(0);
    const offenders = between.filter((r) => !r.columns.includes('contract_id')).map((r) => r.name);
    expect(offenders).toEqual([]);
  });

  // Citus (docs/operations.md "Scaling out on Citus"): a distributed table's unique indexes must
  // hold its distribution column, its foreign keys point at co-located or reference tables, and its
  // identity columns are bigint.
  it('includes contract_id in every unique constraint and unique index of a tenant table', async () => {
    const result = await sql<{ table: string; index: string; columns: string[] }>`
      select c.relname as "table", i.relname as index,
        array(select a.attname::text from unnest(x.indkey) as u(n) join pg_attribute a on a.attrelid = x.indrelid and a.attnum = u.n) as columns
      from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and x.indisunique`.execute(database.db);
    const tenant = new Set(await tenantTables());
    const offenders = result.rows
      .filter((r) => tenant.has(r.table) && !r.columns.includes('contract_id'))
      .map((r) => `${r.table}.${r.index}`);
    expect(offenders).toEqual([]);
  });

  it('has every global table listed once, as a reference table or a coordinator table', async () => {
    const result = await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' order by 1`.execute(database.db);
    const tables = new Set(result.rows.map((r) => r.name));
    for (const name of GLOBAL_TABLES) expect(tables, `${name} is listed but does not exist`).toContain(name);
    const both = REFERENCE_TABLES.filter((name) => (COORDINATOR_TABLES as readonly string[]).includes(name));
    expect(both).toEqual([]);
  });

  it('points foreign keys of tenant and reference tables only at tenant (with contract_id) or reference tables', async () => {
    const result = await sql<{ name: string; child: string; parent: string }>`
      select k.conname as name, c.relname as child, p.relname as parent
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public'`.execute(database.db);
    const tenant = new Set(await tenantTables());
    const reference = new Set<string>(REFERENCE_TABLES);
    // A distributed table may reference a reference table or another distributed table (on
    // contract_id, checked above); a reference table only another reference table.
    const offenders = result.rows
      .filter(
        (r) =>
          (tenant.has(r.child) && !tenant.has(r.parent) && !reference.has(r.parent)) ||
          (reference.has(r.child) && !reference.has(r.parent)),
      )
      .map((r) => `${r.child} → ${r.parent} (${r.name})`);
    expect(offenders).toEqual([]);
  });

  it('has contract_id NOT NULL and only bigint identity columns in every tenant table', async () => {
    const result = await sql<{
      table: string;
      column: string;
      type: string;
      notNull: boolean;
      identity: string;
    }>`
      select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as type,
        a.attnotnull as "notNull", a.attidentity as identity
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`.execute(
      database.db,
    );
    const tenant = new Set(await tenantTables());
    const offenders = result.rows
      .filter((r) => tenant.has(r.table))
      .filter(
        (r) =>
          (r.column === 'contract_id' && (!r.notNull || r.type !== 'text')) ||
          (r.identity !== '' && r.type !== 'bigint'),
      )
      .map((r) => `${r.table}.${r.column} ${r.type}`);
    expect(offenders).toEqual([]);
  });

  it('turns row-level security on for every tenant table', async () => {
    const result = await sql<{ name: string; rls: boolean; policies: number }>`
      select c.relname as name, c.relrowsecurity as rls,
        (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'`.execute(database.db);
    const tenant = new Set(await tenantTables());
    const offenders = result.rows
      .filter((r) => tenant.has(r.name) && (!r.rls || r.policies === 0))
      .map((r) => r.name);
    expect(offenders).toEqual([]);
  });
});

describe('row-level security', () => {
  it("refuses another contract's rows even when the query forgets the contract filter", async () => {
    const a = await buildContract(database.db);
    const b = await buildContract(database.db);
    await withTenant(database.db, b.contractId, (trx) =>
      insertStaff(trx, b.contractId, { name: '他社 花子' }),
    );

    // The query below "forgets" where contract_id = … on purpose.
    const seen = await withTenant(database.db, a.contractId, (trx) =>
      trx.selectFrom('staff').select(['contractId', 'name']).modifyEnd(crossTenant('test')).execute(),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((row) => row.contractId))).toEqual(new Set([a.contractId]));

    const bStaffById = await withTenant(database.db, a.contractId, (trx) =>
      trx
        .selectFrom('staff')
        .select('name')
        .where('id', '=', 2)
        .where('name', '=', '他社 花子')
        .modifyEnd(crossTenant('test'))
        .execute(),
    );
    expect(bStaffById).toEqual([]);

    const updated = await withTenant(database.db, a.contractId, (trx) =>
      trx
        .updateTable('staff')
        .set({ name: '書き換え' })
        .where('contractId', '=', b.contractId)
        .executeTakeFirst(),
    );
    expect(Number(updated.numUpdatedRows)).toBe(0);
  });

  it('refuses to write a row into another contract', async () => {
    const a = await buildContract(database.db);
    const b = await buildContract(database.db);
    await expect(
      withTenant(database.db, a.contractId, (trx) =>
        trx.insertInto('offices').values({ contractId: b.contractId, id: 99, name: '侵入' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('sees nothing when no contract is set', async () => {
    await buildContract(database.db);
    const rows = await database.db.transaction().execute(async (trx) => {
      await sql`select set_config('role', 'timecard_app', true)`.execute(trx);
      return trx.selectFrom('offices').select('id').modifyEnd(crossTenant('test')).execute();
    });
    expect(rows).toEqual([]);
  });
});
