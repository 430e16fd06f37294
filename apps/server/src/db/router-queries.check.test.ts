import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { checkRouterQueries, readRecordedStatements } from '../testing/router-queries.ts';
import { openMigratedPglite } from '../testing/test-database.ts';

// Runs after the db project (vitest.config.ts, project `router`): every statement those tests ran
// on a tenant table filters by one contract_id, or is a listed cross-tenant statement (ADR 020).
let pglite: PGlite;
beforeAll(async () => {
  pglite = await openMigratedPglite();
});
afterAll(async () => {
  await pglite.close();
});

const dir = inject('queryLogDir');
const statements = dir ? readRecordedStatements(dir) : [];

it.runIf(dir)('every statement of the database tests on a tenant table is a router query', async () => {
  // The db project ran before this one: an empty log means the recording broke, not a clean run.
  expect(statements.length).toBeGreaterThan(100);
  const report = await checkRouterQueries(pglite, statements);
  const listing = report.offences.map((o) => `${o.problem}\n    ${o.sql.replace(/\s+/g, ' ').slice(0, 600)}`);
  expect(listing, `${report.offences.length} of ${report.statements} statements`).toEqual([]);
  expect(report.routed).toBeGreaterThan(50);
});
