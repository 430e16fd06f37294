import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { parseCsv } from '../../services/csv.ts';
import { startsFormula } from '../../services/csv-writer.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { buildContract } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 12 item 5: what people type into names and codes must open as text in a spreadsheet.
const HOSTILE = {
  officeName: '=HYPERLINK("http://x","y")',
  staffName: '=HYPERLINK("http://x","y")',
  staffCode: '@SUM(A1)',
  fullWidthName: '＋８１ 花子',
  fullWidthCode: '－１',
};

let database: Database;
let app: FastifyInstance;
let admin: ApiClient;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
  const contract = await buildContract(database.db);
  admin = new ApiClient(app);
  await admin.login(contract.adminEmail, contract.adminPassword);
  // Set up through the API: formula-like text is ordinary text and must be accepted as typed.
  const office = await admin.post('/offices', { name: HOSTILE.officeName });
  expect(office.status).toBe(201);
  const officeId: number = office.body.id;
  for (const [name, code] of [
    [HOSTILE.staffName, HOSTILE.staffCode],
    [HOSTILE.fullWidthName, HOSTILE.fullWidthCode],
  ]) {
    const staff = await admin.post('/staff', { name, code, offices: [{ officeId }] });
    expect(staff.status).toBe(201);
    expect(staff.body).toMatchObject({ name, code });
  }
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function download(encoding: 'utf-8' | 'shift_jis', hours: 'hmm' | 'decimal') {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/reports/attendance.csv?from=2026-10-01&to=2026-10-31&encoding=${encoding}&hours=${hours}`,
    headers: { cookie: `tc_session=${admin.cookie('tc_session')}` },
  });
  expect(response.statusCode).toBe(200);
  const bytes = response.rawPayload;
  return encoding === 'utf-8' ? bytes.subarray(3).toString('utf8') : iconv.decode(bytes, 'Shift_JIS');
}

describe('集計・出力 CSV with names and codes typed as formulas', () => {
  it.each([
    ['utf-8', 'hmm'],
    ['shift_jis', 'decimal'],
  ] as const)('writes them as text in %s, and the figures as they are', async (encoding, hours) => {
    const text = await download(encoding, hours);
    expect(text).toContain(`"'@SUM(A1)","'=HYPERLINK(""http://x"",""y"")",0,`);
    const records = parseCsv(text);
    const hostile = records.find((r) => r[0] === `'${HOSTILE.staffCode}`)!;
    expect(hostile[1]).toBe(`'${HOSTILE.staffName}`);
    const fullWidth = records.find((r) => r[0] === `'${HOSTILE.fullWidthCode}`)!;
    expect(fullWidth[1]).toBe(`'${HOSTILE.fullWidthName}`);
    // Counts and durations are the product's figures: never prefixed.
    expect(hostile.slice(2, 5)).toEqual(hours === 'hmm' ? ['0', '0:00', '0:00'] : ['0', '0.00', '0.00']);
    // No cell of the file starts a formula: the office name included, should a column ever show it.
    for (const record of records) for (const cell of record) expect(startsFormula(cell), cell).toBe(false);
  });
});
