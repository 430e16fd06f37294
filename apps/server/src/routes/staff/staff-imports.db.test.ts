import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { type Database, withTenant } from '../../db/database.ts';
import { parseCsv } from '../../services/csv.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildOffice, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 11 §6: 従業員 > CSV取込 — the staff form's rules with a file's Japanese words, all or
// nothing, a per-row report capped at 100, a size limit the message names, rights and the 操作ログ.
let database: Database;
let app: FastifyInstance;
let c: BuiltContract;
let admin: ApiClient;
let branchId: number;

const HEADER = '氏名,フリガナ,スタッフコード,メールアドレス,雇用区分,入社日,事業所,勤務形態';

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
  c = await buildContract(database.db);
  branchId = await buildOffice(database.db, c.contractId, '梅田店');
  admin = new ApiClient(app);
  await admin.login(c.adminEmail, c.adminPassword);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

function upload(client: ApiClient, payload: Buffer | string, contentType = 'text/csv') {
  return app.inject({
    method: 'POST',
    url: '/api/v1/staff-imports',
    headers: {
      cookie: `tc_session=${client.cookie('tc_session')}`,
      'x-csrf-token': client.csrfToken!,
      'content-type': contentType,
      'accept-language': 'ja',
    },
    payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
  });
}

async function staffNamed(name: string) {
  const list = await admin.get(`/staff?q=${encodeURIComponent(name)}&usage=all`);
  return list.body.items as { id: number; name: string; kana: string; offices: { officeId: number }[] }[];
}

describe('POST /staff-imports', () => {
  it('imports the Japanese file of the template: 2026/11/02, 事業所 by name or id, 勤務形態, 雇用区分', async () => {
    const csv = [
      HEADER,
      `取込 太郎,トリコミ タロウ,IM-1,taro@${c.contractId}.example.com,正社員,2026/11/02,本店,固定`,
      `取込 花子,トリコミ ハナコ,IM-2,,パート・アルバイト,2026-11-02,${branchId},シフト`,
      '取込 次郎,,IM-3,,契約社員,,梅田店,',
    ].join('\r\n');
    const response = await upload(admin, iconv.encode(csv, 'Shift_JIS'));
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body)).toEqual({ imported: 3, mailsQueued: 1 });

    const [taro] = await staffNamed('取込 太郎');
    const detail = (await admin.get(`/staff/${taro!.id}`)).body;
    expect(detail).toMatchObject({
      kana: 'トリコミ タロウ',
      code: 'IM-1',
      employmentType: 'full_time',
      hiredOn: '2026-11-02',
      workStyle: 'fixed',
    });
    expect(detail.offices.map((o: { officeId: number }) => o.officeId)).toEqual([c.headOfficeId]);
    const [hanako] = await staffNamed('取込 花子');
    expect((await admin.get(`/staff/${hanako!.id}`)).body).toMatchObject({
      employmentType: 'part_time',
      workStyle: 'shift',
      offices: [expect.objectContaining({ officeId: branchId })],
    });
    const [jiro] = await staffNamed('取込 次郎');
    expect((await admin.get(`/staff/${jiro!.id}`)).body.offices[0].officeId).toBe(branchId);

    const audit = await withTenant(database.db, c.contractId, (trx) =>
      trx
        .selectFrom('auditLog')
        .select(['action', 'actorAccountId', 'details'])
        .where('contractId', '=', c.contractId)
        .where('action', '=', 'staff.import')
        .execute(),
    );
    expect(audit).toEqual([
      {
        action: 'staff.import',
        actorAccountId: c.adminAccountId,
        details: expect.objectContaining({ imported: 3 }),
      },
    ]);
  });

  it('refuses the whole file with a per-row report naming the expected format, and imports nothing', async () => {
    const csv = [
      HEADER,
      '正しい 人,タダシイ ヒト,BAD-1,,正社員,2026/11/02,本店,固定',
      'ひらがな 人,ひらがな ひと,BAD-2,,正社員,2026/11/02,本店,固定',
      '日付 人,ヒヅケ ヒト,BAD-3,,社長,11/02/2026,本社,日勤',
      '重複 人,,IM-1,,,,,',
    ].join('\n');
    const response = await upload(admin, csv);
    expect(response.statusCode).toBe(400);
    const { error } = JSON.parse(response.body);
    expect(error.code).toBe('csv_rows_rejected');
    expect(error.message).toContain('3 行に誤りがあるため、何も登録しませんでした');
    expect(Object.keys(error.fields)).toEqual([
      'row3.フリガナ',
      'row4.雇用区分',
      'row4.勤務形態',
      'row4.入社日',
      'row4.事業所',
      'row5.スタッフコード',
    ]);
    expect(error.fields['row3.フリガナ'].message).toContain('全角カタカナ');
    expect(error.fields['row4.入社日'].message).toContain('2026/11/02');
    expect(error.fields['row4.事業所'].message).toContain('事業所「本社」が見つかりません');
    expect(error.fields['row4.勤務形態'].message).toContain('固定');
    expect(error.fields['row5.スタッフコード'].code).toBe('staff_code_taken');
    expect(await staffNamed('正しい 人')).toEqual([]);
  });

  it('reports at most 100 problems, with the total', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `多数 ${i},たすう,,,,,,`);
    const response = await upload(admin, [HEADER, ...rows].join('\n'));
    expect(response.statusCode).toBe(400);
    const { error } = JSON.parse(response.body);
    expect(error.code).toBe('csv_rows_rejected_many');
    expect(error.message).toContain('150 件');
    expect(Object.keys(error.fields)).toHaveLength(100);
  });

  it('asks for the file to be saved again as UTF-8 or Shift_JIS when it is neither', async () => {
    const garbled = Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from([0x82, 0xa0, 0xff, 0xfe, 0x0a])]);
    const response = await upload(admin, garbled);
    expect(response.statusCode).toBe(400);
    const { error } = JSON.parse(response.body);
    expect(error.code).toBe('csv_garbled_upload');
    expect(error.message).toContain('UTF-8 または Shift_JIS の CSV として保存し直して');
  });

  it('states the size limit when a file is too large', async () => {
    const big = `${HEADER}\n${'x'.repeat(11 * 1024 * 1024)}`;
    const response = await upload(admin, big);
    expect(response.statusCode).toBe(413);
    const { error } = JSON.parse(response.body);
    expect(error.code).toBe('csv_too_large');
    expect(error.message).toContain('10 MB');
  });

  it('lets 従業員管理 編集 import into its own offices only, and refuses everyone else', async () => {
    const editor = await buildStaff(database.db, c.contractId, {
      name: '編集 権限',
      offices: [{ officeId: branchId, staffManage: 'edit' }],
    });
    const viewer = await buildStaff(database.db, c.contractId, {
      name: '閲覧 権限',
      offices: [{ officeId: branchId, staffManage: 'view' }],
    });
    const asEditor = new ApiClient(app);
    await asEditor.login(editor.email!, editor.password);
    const refused = await upload(asEditor, `${HEADER}\n支店外 人,,,,,,本店,\n所属なし 人,,,,,,,\n`);
    expect(refused.statusCode).toBe(400);
    expect(
      Object.entries(JSON.parse(refused.body).error.fields).map(([k, v]) => [
        k,
        (v as { code: string }).code,
      ]),
    ).toEqual([
      ['row2.事業所', 'csv_office_not_editable'],
      ['row3.事業所', 'csv_office_not_editable'],
    ]);
    const accepted = await upload(asEditor, `${HEADER}\n支店 人,,,,,,梅田店,\n`);
    expect(accepted.statusCode).toBe(201);

    const asViewer = new ApiClient(app);
    await asViewer.login(viewer.email!, viewer.password);
    expect((await upload(asViewer, `${HEADER}\n誰か,,,,,,梅田店,\n`)).statusCode).toBe(403);
    const template = await app.inject({
      method: 'GET',
      url: '/api/v1/staff-imports/template.csv',
      headers: { cookie: `tc_session=${asViewer.cookie('tc_session')}` },
    });
    expect(template.statusCode).toBe(403);
  });
});

describe('GET /staff-imports/template.csv', () => {
  it('is the Japanese header and one example row, UTF-8 with a BOM, that imports as it is', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/staff-imports/template.csv',
      headers: { cookie: `tc_session=${admin.cookie('tc_session')}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=UTF-8');
    expect(response.headers['content-disposition']).toContain('attachment');
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(records[0]!.join(',')).toBe(HEADER);
    expect(records).toHaveLength(2);

    const fresh = await buildContract(database.db);
    const owner = new ApiClient(app);
    await owner.login(fresh.adminEmail, fresh.adminPassword);
    const imported = await upload(owner, bytes);
    expect(imported.statusCode).toBe(201);
    expect(JSON.parse(imported.body)).toEqual({ imported: 1, mailsQueued: 1 });
  });
});
