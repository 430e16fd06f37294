import { MAX_LAYOUTS_PER_CONTRACT } from '@timecard/domain';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { parseCsv } from '../../services/csv.ts';
import { startsFormula } from '../../services/csv-writer.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 14, 出力レイアウト: a contract's saved layouts of the 集計・出力 CSV, their checks, and the
// file each writes, byte for byte, in both encodings and each time format.

let database: Database;
let app: FastifyInstance;
let c: BuiltContract;
let admin: ApiClient;
let officeName = '';
let summary: { absenceDays: number; warnings: string[]; worked: number; lateNight: number };

const RANGE = 'from=2026-10-01&to=2026-10-31';

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
  c = await buildContract(database.db);
  admin = new ApiClient(app);
  await admin.login(c.adminEmail, c.adminPassword);
  officeName = (
    await database.db
      .selectFrom('offices')
      .select('name')
      .where('contractId', '=', c.contractId)
      .where('id', '=', 1)
      .executeTakeFirstOrThrow()
  ).name;
  // 𠮷 (U+20BB7) is not in Shift_JIS; a name typed as a formula must stay text.
  const worker = await buildStaff(database.db, c.contractId, {
    name: '山田 𠮷子',
    code: 'E-1',
    email: null,
    offices: [{ officeId: 1 }],
  });
  await buildStaff(database.db, c.contractId, {
    name: '=HYPERLINK("http://x","y")',
    code: '@SUM(A1)',
    email: null,
    offices: [{ officeId: 1 }],
  });
  // 1 h 31 min worked: 1:31, 1.52 (91/60 = 1.5166… rounded half up), 91.
  const day = await admin.put(`/timecards/${worker.staffId}/days/2026-10-05`, {
    punches: [
      { type: 'clock_in', at: '2026-10-05T09:00' },
      { type: 'clock_out', at: '2026-10-05T10:31' },
    ],
    reason: '打刻忘れ',
  });
  expect(day.status).toBe(200);
  const report = await admin.get(`/reports/attendance?${RANGE}&staffCode=E-1`);
  summary = report.body.rows[0];
  expect(summary.worked).toBe(91);
  expect(summary.lateNight).toBe(0);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function download(query: string) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/reports/attendance.csv?${query}`,
    headers: { cookie: `tc_session=${admin.cookie('tc_session')}` },
  });
  return response;
}

const COLUMNS = [
  { key: 'code', header: '社員番号' },
  { key: 'name', header: '氏名' },
  { key: 'office', header: '所属' },
  { key: 'periodFrom', header: '開始' },
  { key: 'periodTo', header: '終了' },
  { key: 'worked', header: '=労働時間' },
  { key: 'lateNight', header: '深夜' },
  { key: 'absenceDays', header: '欠勤' },
  { key: 'warnings', header: '備考' },
];

function layout(name: string, form: Record<string, string>, columns = COLUMNS) {
  return {
    name,
    columns,
    timeFormat: 'hmm',
    encoding: 'utf-8',
    lineEnding: 'crlf',
    quoting: 'minimal',
    ...form,
  };
}

describe('出力レイアウト: saving', () => {
  it('saves, lists, changes (rename, reorder) and deletes a layout', async () => {
    const made = await admin.post('/report-layouts', layout('往復', { timeFormat: 'decimal' }));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      name: '往復',
      columns: COLUMNS,
      timeFormat: 'decimal',
      encoding: 'utf-8',
      lineEnding: 'crlf',
      quoting: 'minimal',
      headerLine: `社員番号,氏名,所属,開始,終了,"'=労働時間",深夜,欠勤,備考`,
    });
    const listed = await admin.get('/report-layouts');
    expect(listed.body.items).toEqual([made.body]);

    const reordered = [COLUMNS[1]!, { ...COLUMNS[0]!, header: '従業員番号' }];
    const changed = await admin.put(
      `/report-layouts/${made.body.id}`,
      layout('往復2', { quoting: 'all', lineEnding: 'lf' }, reordered),
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id: made.body.id,
      name: '往復2',
      columns: reordered,
      quoting: 'all',
    });
    expect(changed.body.headerLine).toBe('"氏名","従業員番号"');
    expect((await admin.get('/report-layouts')).body.items).toEqual([changed.body]);

    const gone = await admin.request('DELETE', `/report-layouts/${made.body.id}`);
    expect(gone.status).toBe(204);
    expect((await admin.get('/report-layouts')).body.items).toEqual([]);
    const again = await admin.request('DELETE', `/report-layouts/${made.body.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('export_layout_not_found');
    // Each save is in the 操作ログ, under 設定.
    const log = await admin.get('/audit-log?kind=settings');
    expect(log.status).toBe(200);
    const actions = (log.body.items as { action: string; target: { ref: string } }[])
      .filter((item) => item.target.ref === `export_layout:${made.body.id}`)
      .map((item) => item.action);
    expect(actions.sort()).toEqual(['export_layout.create', 'export_layout.delete', 'export_layout.update']);
  });

  it.each([
    [
      'an unknown column',
      { columns: [{ key: 'salary', header: '給与' }] },
      'export_layout_column_unknown',
      'columns.0.key',
    ],
    [
      'a duplicate header',
      { columns: [COLUMNS[0]!, { key: 'name', header: '社員番号' }] },
      'export_layout_header_duplicate',
      'columns.1.header',
    ],
    ['an empty layout', { columns: [] }, 'export_layout_empty', 'columns'],
    [
      'an empty header',
      { columns: [{ key: 'code', header: ' ' }] },
      'export_layout_header_required',
      'columns.0.header',
    ],
    ['a name of digits alone', { name: '2026' }, 'export_layout_name_invalid', 'name'],
    [
      'a header Shift_JIS cannot hold, in a Shift_JIS layout',
      { encoding: 'shift_jis', columns: [{ key: 'name', header: '𠮷野家' }] },
      'export_layout_header_unencodable',
      'columns.0.header',
    ],
  ])('refuses %s with 400 and a code naming the field', async (_what, change, code, field) => {
    for (const [method, url] of [
      ['POST', '/report-layouts'],
      ['POST', '/report-layouts/preview'],
    ] as const) {
      const refused = await admin.request(method, url, { ...layout('検証', {}), ...change });
      expect(refused.status, url).toBe(400);
      expect(refused.body.error.code).toBe(code);
      expect(refused.body.error.fields[field].code).toBe(code);
    }
    expect((await admin.get('/report-layouts')).body.items).toEqual([]);
  });

  it('refuses a second layout of the same name (409) and an unknown layout on download (404)', async () => {
    const first = await admin.post('/report-layouts', layout('同名', {}));
    expect(first.status).toBe(201);
    const second = await admin.post('/report-layouts', layout('同名', { encoding: 'shift_jis' }));
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('export_layout_name_taken');
    const other = await admin.post('/report-layouts', layout('別名', {}));
    const renamed = await admin.put(`/report-layouts/${other.body.id}`, layout('同名', {}));
    expect(renamed.status).toBe(409);
    const missing = await download(`${RANGE}&layout=ない`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('export_layout_not_found');
    for (const id of [first.body.id, other.body.id]) {
      expect((await admin.request('DELETE', `/report-layouts/${id}`)).status).toBe(204);
    }
  });
});

describe('出力レイアウト: the file', () => {
  const time = { hmm: ['1:31', '0:00'], decimal: ['1.52', '0.00'], minutes: ['91', '0'] } as const;

  it.each([
    ['utf-8', 'hmm', 'crlf', 'minimal'],
    ['utf-8', 'decimal', 'lf', 'all'],
    ['utf-8', 'minutes', 'crlf', 'minimal'],
    ['shift_jis', 'hmm', 'lf', 'minimal'],
    ['shift_jis', 'decimal', 'crlf', 'minimal'],
    ['shift_jis', 'minutes', 'crlf', 'all'],
  ] as const)('writes %s, %s, %s, quoting %s exactly', async (encoding, timeFormat, lineEnding, quoting) => {
    const name = `給与-${encoding}-${timeFormat}`;
    const made = await admin.post(
      '/report-layouts',
      layout(name, { encoding, timeFormat, lineEnding, quoting }),
    );
    expect(made.status).toBe(201);

    const [worked, lateNight] = time[timeFormat];
    const header = ['社員番号', '氏名', '所属', '開始', '終了', "'=労働時間", '深夜', '欠勤', '備考'];
    const row = ['E-1', '山田 𠮷子', officeName, '2026-10-01', '2026-10-31', worked, lateNight];
    row.push(String(summary.absenceDays), summary.warnings.join(' '));
    const line = (cells: string[]) =>
      cells
        .map((cell, i) => (quoting === 'all' || (cells === header && i === 5) ? `"${cell}"` : cell))
        .join(',');
    const end = lineEnding === 'crlf' ? '\r\n' : '\n';
    const text = `${line(header)}${end}${line(row)}${end}`;
    const expected =
      encoding === 'utf-8'
        ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
        : iconv.encode(text, 'Shift_JIS');

    for (const ref of [encodeURIComponent(name), String(made.body.id)]) {
      const response = await download(`${RANGE}&staffCode=E-1&layout=${ref}&encoding=utf-8&hours=hmm`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(
        `text/csv; charset=${encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}`,
      );
      expect(Buffer.compare(response.rawPayload, expected), response.rawPayload.toString('hex')).toBe(0);
    }
    if (encoding === 'shift_jis') {
      const bytes = (await download(`${RANGE}&staffCode=E-1&layout=${made.body.id}`)).rawPayload;
      // 社員番号 in Shift_JIS, no BOM; 𠮷 is written `?`, as the built-in file writes it.
      expect(bytes.subarray(0, quoting === 'all' ? 9 : 8).toString('hex')).toBe(
        quoting === 'all' ? '228ed088f594d48d86' : '8ed088f594d48d86',
      );
      expect(iconv.decode(bytes, 'Shift_JIS')).toContain('山田 ?子');
      const builtin = iconv.decode(
        (await download(`${RANGE}&staffCode=E-1&encoding=shift_jis`)).rawPayload,
        'Shift_JIS',
      );
      expect(builtin).toContain('E-1,山田 ?子,');
    }
  });

  it('writes names and codes typed as formulas as text in every quoting', async () => {
    for (const quoting of ['minimal', 'all']) {
      const made = await admin.post('/report-layouts', layout(`数式-${quoting}`, { quoting }));
      const text = (await download(`${RANGE}&layout=${made.body.id}`)).rawPayload
        .subarray(3)
        .toString('utf8');
      const records = parseCsv(text);
      const hostile = records.find((r) => r[0] === "'@SUM(A1)")!;
      expect(hostile[1]).toBe(`'=HYPERLINK("http://x","y")`);
      for (const record of records) for (const cell of record) expect(startsFormula(cell), cell).toBe(false);
    }
  });

  it('leaves the download without a layout as it was (the built-in layout)', async () => {
    const text = (await download(`${RANGE}&staffCode=E-1&hours=decimal`)).rawPayload
      .subarray(3)
      .toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      'スタッフコード,名前,出勤日数,総労働時間,所定内,法定内残業,法定外残業,法定外残業(60時間以下),法定外残業(60時間超),深夜,深夜(法定外残業),法定休日,深夜(法定休日),遅刻,早退,中抜け,欠勤日数,有給日数,未打刻日数,警告',
    );
    expect(text.split('\r\n')[1]!.startsWith('E-1,山田 𠮷子,1,1.52,')).toBe(true);
  });
});

describe('出力レイアウト: who may', () => {
  it('lets staff with 実績 閲覧 list layouts but only administrators save them', async () => {
    const viewer = await buildStaff(database.db, c.contractId, {
      name: '閲覧 花子',
      email: `viewer@${c.contractId}.example.com`,
      offices: [{ officeId: 1, attendance: 'view' }],
    });
    const client = new ApiClient(app);
    await client.login(viewer.email!, viewer.password);
    expect((await client.get('/report-layouts')).status).toBe(200);
    const refused = await client.post('/report-layouts', layout('閲覧者', {}));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
  });

  it('takes reports:read for reading and reports:write for saving with an API token', async () => {
    const bearer = (token: string, method: string, url: string, body?: unknown) =>
      app.inject({
        method: method as 'GET',
        url: `/api/v1${url}`,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { payload: JSON.stringify(body) } : {}),
      });
    const read = (await admin.post('/api-tokens', { name: '読取', scopes: ['reports:read'] })).body.token;
    const write = (await admin.post('/api-tokens', { name: '書込', scopes: ['reports:write'] })).body.token;
    expect((await bearer(read, 'GET', '/report-layouts')).statusCode).toBe(200);
    expect((await bearer(read, 'POST', '/report-layouts', layout('トークン', {}))).statusCode).toBe(403);
    const made = await bearer(write, 'POST', '/report-layouts', layout('トークン', {}));
    expect(made.statusCode).toBe(201);
    const file = await bearer(read, 'GET', `/reports/attendance.csv?${RANGE}&layout=${made.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(3).toString('utf8').startsWith('社員番号,氏名,')).toBe(true);
  });
});

describe('出力レイアウト: saves at once', () => {
  it('keeps one name once and a contract within its limit when saves race', async () => {
    const other = await buildContract(database.db);
    const client = new ApiClient(app);
    await client.login(other.adminEmail, other.adminPassword);
    const same = await Promise.all(
      Array.from({ length: 6 }, () => client.post('/report-layouts', layout('同時', {}))),
    );
    expect(same.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);

    const many = await Promise.all(
      Array.from({ length: MAX_LAYOUTS_PER_CONTRACT + 5 }, (_, i) =>
        client.post('/report-layouts', layout(`L${i}`, {})),
      ),
    );
    const statuses = many.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(MAX_LAYOUTS_PER_CONTRACT - 1);
    expect(many.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(
      Array(6).fill('export_layout_limit'),
    );
    expect((await client.get('/report-layouts')).body.items).toHaveLength(MAX_LAYOUTS_PER_CONTRACT);
  });
});
