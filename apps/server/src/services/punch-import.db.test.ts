import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { ApiClient } from '../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { CSV_PROBLEMS_SHOWN, CsvRowsRejectedError } from './csv.ts';
import { importPunches } from './punch-import.service.ts';

let database: Database;
let app: FastifyInstance;
let c: BuiltContract;
let admin: ApiClient;
const ids: Record<string, number> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
  c = await buildContract(database.db);
  for (const code of ['P-1', 'P-2', 'P-3']) {
    ids[code] = (
      await buildStaff(database.db, c.contractId, { name: `取込 ${code}`, code, offices: [{ officeId: 1 }] })
    ).staffId;
  }
  admin = new ApiClient(app);
  await admin.login(c.adminEmail, c.adminPassword);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const ctx = () => ({ db: database.db, publicUrl: 'http://x' });
const file = (...lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`);

async function rejection(work: Promise<unknown>): Promise<CsvRowsRejectedError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof CsvRowsRejectedError) return error;
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

describe('punch import: the rules of every other path (issue 11 §6, §3, §4)', () => {
  it('takes Japanese headers, 出勤/退勤/休憩/復帰 and Excel’s 2026/11/02 9:00, in Shift_JIS too, once', async () => {
    const csv = iconv.encode(
      [
        'スタッフコード,種類,日時',
        'P-1,出勤,2026/11/02 9:00',
        'P-1,休憩,2026/11/02 12:00',
        'P-1,復帰,2026/11/02 13:00:00',
        'P-1,退勤,２０２６-１１-０２ １８:００',
        '',
      ].join('\r\n'),
      'Shift_JIS',
    );
    expect(await importPunches(ctx(), c.contractId, csv)).toEqual({ imported: 4, skipped: 0 });
    expect(await importPunches(ctx(), c.contractId, csv)).toEqual({ imported: 0, skipped: 4 });
    const card = await admin.get(`/timecards/${ids['P-1']}?from=2026-11-02&to=2026-11-02`);
    expect(card.body.totals.worked).toBe(480);
  });

  it('names the expected format of a bad type or time, and refuses unknown columns', async () => {
    const bad = await rejection(
      importPunches(
        ctx(),
        c.contractId,
        file('スタッフコード,種類,日時', 'P-2,昼休み,2026/11/02', 'X-9,出勤,2026-11-02T09:00'),
      ),
    );
    expect(bad.problems).toEqual([
      { row: 2, field: '種類', code: 'punch_type_name_invalid' },
      { row: 2, field: '日時', code: 'punch_at_invalid' },
      { row: 3, field: 'スタッフコード', code: 'staff_not_found' },
    ]);
    await expect(
      importPunches(ctx(), c.contractId, file('staff_code,type,at,memo', 'P-2,clock_in,2026-11-02T09:00,x')),
    ).rejects.toMatchObject({ code: 'csv_unknown_columns' });
  });

  it('refuses a day its punches cannot make, alone or with what is recorded, suggesting 翌日', async () => {
    const night = await rejection(
      importPunches(
        ctx(),
        c.contractId,
        file('staff_code,type,at', 'P-2,clock_in,2026-11-03T22:00', 'P-2,clock_out,2026-11-03T06:00'),
      ),
    );
    expect(night.problems).toEqual([{ row: 3, field: 'at', code: 'punch_out_before_in_next_day' }]);
    // P-1 worked 09:00–18:00 on 11/02 (above): a second 出勤 at 10:00 that day overlaps it.
    const overlap = await rejection(
      importPunches(
        ctx(),
        c.contractId,
        file('staff_code,type,at', 'P-1,clock_in,2026-11-02T10:00', 'P-1,clock_out,2026-11-02T11:00'),
      ),
    );
    expect(overlap.problems[0]).toMatchObject({ row: 2, code: 'punch_overlap' });
  });

  it('refuses punches of a closed period (締め済) through the API and the service, naming it in words', async () => {
    expect((await admin.post('/period-locks', { date: '2026-10-15', confirm: true })).status).toBe(200);
    const csv = file('staff_code,type,at', 'P-3,clock_in,2026-10-05T09:00', 'P-3,clock_out,2026-10-05T18:00');
    const refused = await rejection(importPunches(ctx(), c.contractId, csv));
    expect(refused.problems.map((p) => p.code)).toEqual(['period_locked', 'period_locked']);
    const http = await app.inject({
      method: 'POST',
      url: '/api/v1/punch-imports',
      headers: {
        cookie: `tc_session=${admin.cookie('tc_session')}`,
        'x-csrf-token': admin.csrfToken!,
        'content-type': 'text/csv',
      },
      payload: csv,
    });
    expect(http.statusCode).toBe(400);
    expect(JSON.parse(http.body).error.fields['row2.at'].message).toBe(
      '2026年10月1日〜31日の期間は締め処理済みのため修正できません。修正が必要な場合は、管理者が締めを解除してください。',
    );
    const card = await admin.get(`/timecards/${ids['P-3']}?from=2026-10-05&to=2026-10-05`);
    expect(card.body.days[0].punches).toEqual([]);
    await admin.post('/period-locks/unlock', { date: '2026-10-15' });
  });

  it('answers a 9.9 MB file of bad rows with the first 100 problems and their count, without stalling', async () => {
    const lines = ['staff_code,type,at'];
    while (lines.length * 24 < 9.9 * 1024 * 1024) lines.push('NOBODY,lunch,2026-13-01');
    const rows = lines.length - 1;
    const refused = await rejection(importPunches(ctx(), c.contractId, Buffer.from(lines.join('\n'))));
    expect(refused.problems).toHaveLength(CSV_PROBLEMS_SHOWN);
    expect(refused.total).toBe(rows * 3);

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const answer = await app.inject({
      method: 'POST',
      url: '/api/v1/punch-imports',
      headers: {
        cookie: `tc_session=${admin.cookie('tc_session')}`,
        'x-csrf-token': admin.csrfToken!,
        'content-type': 'text/csv',
      },
      payload: Buffer.from(lines.join('\n')),
    });
    const took = performance.now() - started;
    delay.disable();
    expect(answer.statusCode).toBe(400);
    const error = JSON.parse(answer.body).error;
    expect(error.code).toBe('csv_rows_rejected_many');
    expect(error.message).toContain(`（${rows * 3} 件）`);
    expect(Object.keys(error.fields)).toHaveLength(CSV_PROBLEMS_SHOWN);
    expect(answer.body.length).toBeLessThan(64 * 1024);
    // The import yields between chunks: no single stretch holds the event loop for most of it.
    expect(delay.max / 1e6).toBeLessThan(took / 2);
  });
});
