import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { importPunches } from '../../services/punch-import.service.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 16: 勤務ルール 労働時間制 = 1か月単位の変形労働時間制 reaches the timecard and 集計・出力.
let database: Database;
let app: FastifyInstance;
let c: BuiltContract;
let admin: ApiClient;
let staffId: number;

const WEEKDAYS_OF_DECEMBER_2025 = Array.from(
  { length: 31 },
  (_, i) => `2025-12-${String(i + 1).padStart(2, '0')}`,
).filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
  c = await buildContract(database.db);
  staffId = (
    await buildStaff(database.db, c.contractId, {
      name: '変形 太郎',
      code: 'V-1',
      hiredOn: '2025-04-01',
      offices: [{ officeId: 1 }],
    })
  ).staffId;
  const lines = ['staff_code,type,at'];
  for (const d of WEEKDAYS_OF_DECEMBER_2025) {
    lines.push(
      `V-1,clock_in,${d}T09:00`,
      `V-1,break_start,${d}T12:00`,
      `V-1,break_end,${d}T13:00`,
      `V-1,clock_out,${d}T18:00`,
    );
  }
  await importPunches(
    { db: database.db, publicUrl: 'http://x' },
    c.contractId,
    Buffer.from(lines.join('\n')),
  );
  admin = new ApiClient(app);
  await admin.login(c.adminEmail, c.adminPassword);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('労働時間制: 1か月単位の変形労働時間制', () => {
  it('turns the 412 minutes beyond the frame of a 23-weekday month into overtime, and back', async () => {
    const month = () => admin.get(`/timecards/${staffId}?month=2025-12`);
    expect((await month()).body.totals.statutoryOvertime).toBe(0);

    const set = await admin.request('PUT', '/settings/work-rules', {
      variableWorkingHours: { kind: 'monthly' },
    });
    expect(set.status).toBe(200);
    expect(set.body.effective.variableWorkingHours).toEqual({ kind: 'monthly' });
    const card = (await month()).body;
    expect(card.totals).toMatchObject({ worked: 11040, statutoryOvertime: 412, scheduledWithin: 10628 });
    expect(card.warnings).toContain('VARIABLE_FRAME_EXCEEDED@2025-12-01');
    // The period's frame and total, and the step that made the overtime: the last day's 412
    // minutes are the 変形期間's, not the day's or the week's.
    expect(card.variablePeriods).toEqual([
      {
        from: '2025-12-01',
        to: '2025-12-31',
        frameMinutes: 10628,
        scheduledMinutes: 11040,
        workedMinutes: 11040,
      },
    ]);
    const last = card.days.find((d: { date: string }) => d.date === '2025-12-31');
    expect(last.overtimeSteps).toEqual({ day: 0, week: 0, period: 412 });
    expect(card.days.find((d: { date: string }) => d.date === '2025-12-30').overtimeSteps).toBeUndefined();
    const report = await admin.get('/reports/attendance?from=2025-12-01&to=2025-12-31');
    const row = report.body.rows.find((r: { code: string }) => r.code === 'V-1');
    expect(row).toMatchObject({ statutoryOvertime: 412, variableFrameMinutes: 10628 });

    await admin.request('PUT', '/settings/work-rules', { variableWorkingHours: null });
    const ordinary = (await month()).body;
    expect(ordinary.totals.statutoryOvertime).toBe(0);
    expect(ordinary.variablePeriods).toBeUndefined();
  });
});
