import { defineConfig } from 'vitest/config';

// Two speeds of tests (style.md §7): fast pure unit tests, then database and browser tests.
// `npm test` runs every project; CI runs it once on PGlite and once on PostgreSQL.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.unit.test.ts'],
          setupFiles: ['./vitest.setup.ts'],
        },
      },
      {
        test: {
          name: 'db',
          sequence: { groupOrder: 1 },
          include: ['apps/server/src/**/*.db.test.ts'],
          globalSetup: ['./apps/server/src/testing/global-setup.ts'],
          setupFiles: ['./vitest.setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // PGlite is one process's database and heavy to start: keep database files in few workers.
          maxWorkers: 2,
        },
      },
      {
        // The router-query check (issue 21): every statement the database tests ran on a tenant
        // table filters by one contract_id. After the db project, whose statements it reads.
        test: {
          name: 'router',
          sequence: { groupOrder: 2 },
          include: ['apps/server/src/**/*.check.test.ts'],
          globalSetup: ['./apps/server/src/testing/global-setup.ts'],
          setupFiles: ['./vitest.setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 3 },
          include: ['e2e/**/*.e2e.test.ts'],
          setupFiles: ['./vitest.setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
