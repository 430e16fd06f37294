import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { withTenant } from '../db/database.ts';
import { effectivePunches } from '../services/timecard.service.ts';
import { buildContract, buildStaff } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { insertPunch, type NewPunch } from './punch.repository.ts';
import { listPunchRows, listReportPunches } from './timecard.repository.ts';

// Issue 21: reports read each person's effective punches as one text, the versions resolved in
// SQL. They must be what the タイムカード's own load gives (effectivePunches over listPunchRows),
// corrections, deletions, chains and punches moved out of or into the window included.
let database: Database;
let contractId: string;
let people: number[];
const FROM = new Date('2026-10-01T00:00:00Z');
const TO = new Date('2026-11-01T00:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  contractId = (await buildContract(database.db)).contractId;
  people = [];
  for (let i = 0; i < 4; i++)
    people.push((await buildStaff(database.db, contractId, { email: null })).staffId);
  const [a, b, c] = people as [number, number, number, number];
  let key = 0;
  await withTenant(database.db, contractId, async (trx) => {
    const punch = async (
      staffId: number,
      type: NewPunch['type'],
      at: string,
      more: Partial<NewPunch> = {},
    ): Promise<number> => {
      const row = await insertPunch(trx, contractId, {
        staffId,
        officeId: null,
        type,
        punchedAt: new Date(at),
        deviceAt: null,
        workDate: at.slice(0, 10),
        source: 'web_clock',
        idempotencyKey: `k${key++}`,
        terminalId: null,
        actorAccountId: null,
        flags: {},
        ...more,
      });
      return row!.id;
    };
    const fix = (
      staffId: number,
      supersedesId: number,
      type: NewPunch['type'],
      at: string,
      deleted = false,
    ) => punch(staffId, type, at, { source: 'admin', supersedesId, deleted });
    // a: plain days, seconds to drop, a correction within the window, a deletion, a chain.
    await punch(a, 'clock_in', '2026-10-01T00:00:59.900Z', { source: 'app' });
    const out1 = await punch(a, 'clock_out', '2026-10-01T09:00:00Z', { source: 'personal' });
    await fix(a, out1, 'clock_out', '2026-10-01T09:30:00Z');
    const start = await punch(a, 'break_start', '2026-10-02T03:00:00Z', { source: 'import' });
    await fix(a, start, 'break_start', '2026-10-02T03:00:00Z', true);
    await punch(a, 'break_end', '2026-10-02T04:00:00Z', { source: 'api' });
    const chained = await punch(a, 'clock_in', '2026-10-05T00:00:00Z');
    const second = await fix(a, chained, 'clock_in', '2026-10-05T00:10:00Z');
    await fix(a, second, 'clock_in', '2026-10-05T00:20:00Z');
    // Outside the window: not read, nor is its correction when that stays outside.
    const before = await punch(a, 'clock_in', '2026-09-30T23:00:00Z');
    await fix(a, before, 'clock_in', '2026-09-30T23:30:00Z');
    // b: moved out of the window before and after it (before the epoch, too), moved out and back in,
    // moved into the window from outside, a moved-out version deleted outside the window.
    const early = await punch(b, 'clock_in', '2026-10-03T00:00:00Z');
    await fix(b, early, 'clock_in', '2026-09-15T00:00:00Z');
    const ancient = await punch(b, 'break_start', '2026-10-03T03:00:00Z');
    await fix(b, ancient, 'break_start', '1969-12-31T23:59:30Z');
    const late = await punch(b, 'clock_out', '2026-10-03T09:00:00Z');
    await fix(b, late, 'clock_out', '2026-11-02T09:00:00Z');
    const away = await punch(b, 'break_end', '2026-10-03T04:00:00Z');
    const awayOut = await fix(b, away, 'break_end', '2026-12-01T04:00:00Z');
    await fix(b, awayOut, 'break_end', '2026-10-03T04:05:00Z');
    const gone = await punch(b, 'clock_in', '2026-10-04T00:00:00Z');
    const goneOut = await fix(b, gone, 'clock_in', '2026-12-02T00:00:00Z');
    await fix(b, goneOut, 'clock_in', '2026-12-02T00:00:00Z', true);
    const into = await punch(b, 'clock_in', '2026-08-01T00:00:00Z');
    await fix(b, into, 'clock_in', '2026-10-06T00:00:00Z');
    // c: only deleted punches; the fourth person has none.
    const lone = await punch(c, 'clock_in', '2026-10-07T00:00:00Z');
    await fix(c, lone, 'clock_in', '2026-10-07T00:00:00Z', true);
  });
});

afterAll(async () => {
  await database?.close();
});

describe('listReportPunches (issue 21)', () => {
  it("gives each person's effective punches of the window as the タイムカード's load does", async () => {
    await withTenant(database.db, contractId, async (trx) => {
      const compact = await listReportPunches(trx, contractId, people, FROM, TO);
      for (const staffId of people) {
        const rows = effectivePunches(await listPunchRows(trx, contractId, [staffId], FROM, TO));
        const punches = compact.get(staffId) ?? { types: [], sources: [], minutes: [] };
        expect({ staffId, ...punches }).toEqual({
          staffId,
          types: rows.map((r) => r.type),
          sources: rows.map((r) => r.source),
          minutes: rows.map((r) => Math.floor(r.punchedAt.getTime() / 60_000)),
        });
      }
      const [a, b, c, none] = people as [number, number, number, number];
      // What the cases above are for: corrections resolved, moved punches in their place.
      expect(compact.get(a)?.sources).toEqual(['app', 'admin', 'api', 'admin']);
      expect(compact.get(a)?.minutes[0]).toBe(Date.parse('2026-10-01T00:00:00Z') / 60_000);
      expect(compact.get(b)?.minutes[0]).toBe(-1);
      // As effectivePunches sees it: the deletion of a moved-out version, outside the window too, is
      // not read, so that version stays (the タイムカード shows the same).
      expect(compact.get(b)?.minutes.slice(-2)).toEqual([
        Date.parse('2026-11-02T09:00:00Z') / 60_000,
        Date.parse('2026-12-02T00:00:00Z') / 60_000,
      ]);
      expect(compact.get(b)?.minutes).toContain(Date.parse('2026-10-06T00:00:00Z') / 60_000);
      expect(compact.get(b)?.minutes).toContain(Date.parse('2026-10-03T04:05:00Z') / 60_000);
      expect(compact.has(c)).toBe(false);
      expect(compact.has(none)).toBe(false);
    });
  });

  it('reads a page of people without the others', async () => {
    await withTenant(database.db, contractId, async (trx) => {
      const [a, b] = people as [number, number];
      const all = await listReportPunches(trx, contractId, people, FROM, TO);
      const one = await listReportPunches(trx, contractId, [b], FROM, TO);
      expect([...one.keys()]).toEqual([b]);
      expect(one.get(b)).toEqual(all.get(b));
      expect(all.get(a)).toBeDefined();
      expect((await listReportPunches(trx, contractId, [], FROM, TO)).size).toBe(0);
    });
  });
});
