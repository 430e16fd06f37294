import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, withTenant } from '../db/database.ts';
import { nextId } from '../repositories/id-counter.repository.ts';
import { type BuiltContract, buildContract } from '../testing/factories.ts';
import { startJobProcesses } from '../testing/job-processes.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { runOnce } from './exactly-once.ts';

// jobs/exactly-once.ts (issue 21): a unit of database work runs once across server processes on
// one PostgreSQL, and a process killed mid-unit leaves it to the next run. Each unit's work counts
// in id_counters (`<job>:<key>`), so "once" is a count of 1.
let database: Database;
let c: BuiltContract;
const url = inject('databaseUrl');

beforeAll(async () => {
  database = await openTestDatabase();
  c = await buildContract(database.db);
});
afterAll(async () => {
  await database.close();
});

async function timesRun(job: string, key: string): Promise<number> {
  const row = await withTenant(database.db, c.contractId, (trx) =>
    trx
      .selectFrom('idCounters')
      .select('lastId')
      .where('contractId', '=', c.contractId)
      .where('name', '=', `${job}:${key}`)
      .executeTakeFirst(),
  );
  return row?.lastId ?? 0;
}

const count = (job: string, key: string) => async (trx: Parameters<Parameters<typeof runOnce>[3]>[0]) => {
  await nextId(trx, c.contractId, `${job}:${key}`);
};

describe('runOnce', () => {
  it('runs a unit once and answers that it was done when asked again', async () => {
    const first = await runOnce(database.db, c.contractId, { job: 'once', key: 'a' }, count('once', 'a'));
    const second = await runOnce(database.db, c.contractId, { job: 'once', key: 'a' }, count('once', 'a'));
    expect([first.ran, second.ran]).toEqual([true, false]);
    expect(await timesRun('once', 'a')).toBe(1);
    // Another job, or another contract, with the same key is another unit.
    expect(
      (await runOnce(database.db, c.contractId, { job: 'twice', key: 'a' }, count('twice', 'a'))).ran,
    ).toBe(true);
  });

  it('leaves a unit whose work failed to the next run: the claim rolls back with the work', async () => {
    const failing = runOnce(database.db, c.contractId, { job: 'fails', key: 'x' }, async (trx) => {
      await count('fails', 'x')(trx);
      throw new Error('SMTP down');
    });
    await expect(failing).rejects.toThrow('SMTP down');
    expect(await timesRun('fails', 'x')).toBe(0);
    expect(
      (await runOnce(database.db, c.contractId, { job: 'fails', key: 'x' }, count('fails', 'x'))).ran,
    ).toBe(true);
    expect(await timesRun('fails', 'x')).toBe(1);
  });

  it.runIf(url)('runs each unit once when two processes work through the same units at once', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `u${i}`);
    const order = { mode: 'run-once', contractId: c.contractId, job: 'shared' };
    const processes = await startJobProcesses(url!, [
      { ...order, keys },
      { ...order, keys: [...keys].reverse() },
    ]);
    const ran = await Promise.all(
      processes.map(async (process) => {
        const { code, stdout, stderr } = await process.ended;
        expect(code, stderr).toBe(0);
        return Number(/ran (\d+)/.exec(stdout)![1]);
      }),
    );
    expect(ran[0]! + ran[1]!).toBe(40);
    for (const key of keys) expect(await timesRun('shared', key)).toBe(1);
  });

  it.runIf(url)(
    'leaves the unit of a process killed mid-unit to another process, and only that one',
    async () => {
      const keys = ['k1', 'k2', 'k3'];
      const order = { mode: 'run-once', contractId: c.contractId, job: 'killed', keys };
      const doomed = (await startJobProcesses(url!, [{ ...order, hangOn: 'k2' }]))[0]!;
      await doomed.line(/working k2/);
      // Mid-unit: k1 committed, k2's work written but not committed.
      doomed.child.kill('SIGKILL');
      expect((await doomed.ended).code).toBeNull();
      const [survivor] = await startJobProcesses(url!, [order]);
      const { code, stdout, stderr } = await survivor!.ended;
      expect(code, stderr).toBe(0);
      expect(stdout).toContain('ran 2');
      expect(await Promise.all(keys.map((key) => timesRun('killed', key)))).toEqual([1, 1, 1]);
    },
  );
});
