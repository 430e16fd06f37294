import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRouterQueries } from '../testing/router-queries.ts';
import { openMigratedPglite } from '../testing/test-database.ts';

// The router-query check itself (testing/router-queries.ts): it must fail on the statements Citus
// would send to every node, and pass the ones it routes to one.
let pglite: PGlite;
beforeAll(async () => {
  pglite = await openMigratedPglite();
});
afterAll(async () => {
  await pglite.close();
});

async function offences(sql: string): Promise<string[]> {
  return (await checkRouterQueries(pglite, [sql])).offences.map((o) => o.problem);
}

describe('the router-query check', () => {
  it('fails a statement on a tenant table without a contract_id predicate', async () => {
    expect(await offences('select "id" from "punches" where "staff_id" = $1')).toEqual([
      'scans punches as punches without contract_id = <one value>',
    ]);
    expect(await offences(`update "staff" set "name" = $1 where "id" = $2`)).toHaveLength(1);
    expect(await offences(`delete from "shifts" where "work_date" < $1`)).toHaveLength(1);
    expect(await offences(`select count(*) from "offices" where "contract_id" = any($1)`)).toHaveLength(1);
  });

  it('passes one pinned to a contract, also through joins and sub-queries on contract_id', async () => {
    expect(await offences('select "id" from "punches" where "contract_id" = $1 and "staff_id" = $2')).toEqual(
      [],
    );
    expect(await offences(`update "staff" set "name" = $1 where "contract_id" = 'c1' and "id" = $2`)).toEqual(
      [],
    );
    expect(
      await offences(`select "t"."id", "o"."name" from "terminals" as "t"
        inner join "offices" as "o" on "o"."contract_id" = "t"."contract_id" and "o"."id" = "t"."office_id"
        inner join "contracts" as "c" on "c"."id" = "t"."contract_id"
        where "t"."contract_id" = $1 and "t"."revoked_at" is null`),
    ).toEqual([]);
    expect(
      await offences(`select "t"."id", (select "s"."name" from "staff" as "s" where "s"."contract_id" = "t"."contract_id"
        and "s"."account_id" = "t"."opened_by_account_id" limit 1) as "n"
        from "terminals" as "t" where "t"."contract_id" = $1`),
    ).toEqual([]);
    expect(await offences(`insert into "offices" ("contract_id", "id", "name") values ($1, $2, $3)`)).toEqual(
      [],
    );
  });

  it('fails a join that pins only one side when the other is joined on something else', async () => {
    expect(
      await offences(`select "p"."id" from "punches" as "p" join "staff" as "s" on "s"."id" = "p"."staff_id"
        where "p"."contract_id" = $1`),
    ).toEqual(['scans staff as s without contract_id = <one value>']);
    expect(
      await offences(`insert into "audit_log" ("contract_id", "action", "hash")
        select "contract_id", 'x', 'y' from "offices" where "name" = $1`),
    ).toHaveLength(1);
  });

  it('accepts only the listed cross-tenant reasons, and fails whole-table commands and scripts', async () => {
    expect(await offences('/* cross-tenant: backup */ select * from "punches"')).toEqual([]);
    expect(await offences('/* cross-tenant: because */ select * from "punches"')).toEqual([
      'unknown cross-tenant reason "because"',
    ]);
    expect(await offences('truncate "punches" cascade')).toEqual([
      'TRUNCATE of punches without a cross-tenant reason',
    ]);
    expect(await offences(`select 1 from "staff" where "contract_id" = 'a'; delete from "staff"`)).toEqual([
      'several statements in one text: cannot be checked',
    ]);
    // Nothing was run: the staff table of the check's database is still there to plan against.
    expect(await offences(`select 1 from "staff" where "contract_id" = 'a' and "name" = ';x'`)).toEqual([]);
  });

  it('leaves alone statements on global tables and session commands', async () => {
    const report = await checkRouterQueries(pglite, [
      'select "id" from "sessions" where "token_hash" = $1',
      `select set_config('app.contract_id', $1, true)`,
      'begin',
    ]);
    expect(report.offences).toEqual([]);
  });
});
