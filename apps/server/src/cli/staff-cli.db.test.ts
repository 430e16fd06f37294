import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Db, openDatabase, withTenant } from '../db/database.ts';
import { listMailbox } from '../repositories/mail-outbox.repository.ts';
import { listOfficeRoles, listStaff } from '../repositories/staff.repository.ts';
import { spawnCli } from '../testing/cli-runner.ts';
import { uniqueContractId } from '../testing/factories.ts';
import { prepareEmbeddedDataDir } from '../testing/test-database.ts';

// Spawning the CLI costs 3–6 s (far more on a loaded machine): this file spawns six times in all,
// and a test with two spawns and a look into the database gets more than the default 60 s.
const SLOW = { timeout: 180_000 };
const dir = mkdtempSync(join(tmpdir(), 'timecard-staff-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const databaseUrl = inject('databaseUrl');
const dataDir = join(dir, 'data');
const env = databaseUrl
  ? { DATABASE_URL: databaseUrl, DATA_DIR: '' }
  : { DATA_DIR: dataDir, DATABASE_URL: '' };

function cli(args: string[]) {
  return spawnCli(args, env);
}

/**
 * Looks into the database the CLI wrote. Only after the CLI has exited: a PGlite DATA_DIR is one
 * process's database, so the test opens it between spawns and closes it again.
 */
async function inspect<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const database = await openDatabase(databaseUrl ? { databaseUrl, poolSize: 1 } : { dataDir });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

async function staffOf(db: Db) {
  return withTenant(db, contractId, async (trx) => {
    const rows = await listStaff(trx, contractId, { usage: 'all', limit: 1000 });
    const roles = await listOfficeRoles(
      trx,
      contractId,
      rows.map((r) => r.id),
    );
    return rows.map((row) => ({
      ...row,
      officeIds: roles.filter((r) => r.staffId === row.id).map((r) => r.officeId),
    }));
  });
}

const contractId = uniqueContractId('sc');
const domain = `${contractId}.example.com`;

beforeAll(async () => {
  // A migrated DATA_DIR from the template: the spawned CLI skips initdb.
  if (!databaseUrl) {
    mkdirSync(dataDir);
    await prepareEmbeddedDataDir(dataDir);
  }
  const created = await cli([
    'contract',
    'create',
    '--id',
    contractId,
    '--name',
    'スタッフ登録テスト',
    '--plan',
    'standard',
    '--admin-email',
    `boss@${domain}`,
    '--admin-password',
    'cli password 1',
  ]);
  expect(created).toMatchObject({ code: 0 });
});

describe('npm run timecard -- staff add', SLOW, () => {
  it('adds a person with a staff code in an office and queues their 認証メール', async () => {
    const result = await cli([
      'staff',
      'add',
      '--contract',
      contractId,
      '--name',
      '山田 太郎',
      '--kana',
      'ヤマダ タロウ',
      '--code',
      'E-001',
      '--email',
      `Yamada@${domain}`,
      '--office',
      '1',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const id = Number(/staff added: id (\d+)/.exec(result.stdout)?.[1]);
    expect(id).toBeGreaterThan(0);
    expect(result.stdout).toContain(`verification mail queued for yamada@${domain}`);

    await inspect(async (db) => {
      const yamada = (await staffOf(db)).find((s) => s.id === id);
      expect(yamada).toMatchObject({
        name: '山田 太郎',
        kana: 'ヤマダ タロウ',
        code: 'E-001',
        email: `yamada@${domain}`,
        isAdmin: false,
        verifiedAt: null,
        officeIds: [1],
      });
      const mails = await listMailbox(db, { limit: 5, to: `yamada@${domain}` });
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ contractId, status: 'pending' });
      expect(mails[0]!.subject).toContain('メールアドレスの認証のお願い');
      expect(mails[0]!.text).toContain('/admin/verify/');
    });
  });

  it('refuses an unknown contract, and bad values field by field, in Japanese and English with exit code 2', async () => {
    const unknown = await cli(['staff', 'add', '--contract', 'no-such-contract', '--name', '山田']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('契約ID「no-such-contract」の契約が見つかりません。');
    expect(unknown.stderr).toContain('No contract with the ID "no-such-contract".');

    const invalid = await cli([
      'staff',
      'add',
      '--contract',
      contractId,
      '--name',
      ' ',
      '--email',
      'x@',
      '--office',
      'A',
    ]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('name: 名前を入力してください。 / Please enter a name.');
    expect(invalid.stderr).toContain(
      'email: メールアドレスの形式が正しくありません。 / The e-mail address is not valid.',
    );
    expect(invalid.stderr).toContain('office: 所属事業所は事業所ID（数字）で入力してください。');
    for (const result of [unknown, invalid]) expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm run timecard -- staff import', SLOW, () => {
  it('registers every row of a Shift_JIS file written by Excel', async () => {
    const file = join(dir, 'staff-sjis.csv');
    const text = [
      '名前,フリガナ,スタッフコード,メールアドレス,雇用区分,入社日,所属事業所',
      `"佐藤, 花子",ｻﾄｳ ﾊﾅｺ,S-001,sato@${domain},パート・アルバイト,2026/4/1,1`,
      '鈴木 一郎,スズキ イチロウ,S-002,,正社員,2026-04-01,',
      '"髙橋 ""ジロー"" 次郎①",タカハシ,S-003,,契約社員,,1',
      '',
    ].join('\r\n');
    writeFileSync(file, iconv.encode(text, 'Shift_JIS'));

    const result = await cli(['staff', 'import', file, '--contract', contractId]);
    // Standard error holds the progress line only (standard output stays the summary).
    expect(result).toMatchObject({ code: 0, stderr: '登録中 / registering: 3/3 staff (100%)\n' });
    expect(result.stdout).toContain('3 件のスタッフを登録しました / 3 staff imported');

    await inspect(async (db) => {
      const imported = (await staffOf(db)).filter((s) => s.code?.startsWith('S-'));
      expect(
        imported.map(({ name, kana, code, email, employmentType, hiredOn, officeIds }) => ({
          name,
          kana,
          code,
          email,
          employmentType,
          hiredOn,
          officeIds,
        })),
      ).toEqual([
        {
          name: '佐藤, 花子',
          kana: 'サトウ ハナコ',
          code: 'S-001',
          email: `sato@${domain}`,
          employmentType: 'part_time',
          hiredOn: '2026-04-01',
          officeIds: [1],
        },
        {
          name: '鈴木 一郎',
          kana: 'スズキ イチロウ',
          code: 'S-002',
          email: null,
          employmentType: 'full_time',
          hiredOn: '2026-04-01',
          officeIds: [],
        },
        {
          name: '髙橋 "ジロー" 次郎①',
          kana: 'タカハシ',
          code: 'S-003',
          email: null,
          employmentType: 'contract',
          hiredOn: null,
          officeIds: [1],
        },
      ]);
      expect(await listMailbox(db, { limit: 5, to: `sato@${domain}` })).toHaveLength(1);
    });
  });

  it('imports nothing when one row is rejected, and names that row and its column', async () => {
    const file = join(dir, 'staff-bad.csv');
    const text = [
      '\uFEFFname,kana,code,email,office',
      `伊藤 さくら,イトウ サクラ,B-001,ito@${domain},1`,
      '渡辺 健,,B-002,,99',
      // The staff form refuses hiragana フリガナ: so does the import (issue 11 §6).
      '中村 陽,なかむら よう,B-003,,',
    ].join('\n');
    writeFileSync(file, text);
    const before = await inspect(async (db) => (await staffOf(db)).length);

    const result = await cli(['staff', 'import', '--contract', contractId, file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2 行に誤りがあるため、何も登録しませんでした。');
    expect(result.stderr).toContain('2 row(s) were rejected, so nothing was imported.');
    expect(result.stderr).toContain(
      '行 3: office: 事業所「99」が見つかりません。登録済みの事業所名または事業所ID（数字）を入力してください。',
    );
    expect(result.stderr).toContain(
      '行 4: kana: フリガナは全角カタカナ（例: ヤマダ タロウ）で入力してください。',
    );
    expect(result.stderr).not.toContain('行 2');
    expect(result.stdout).toBe('');

    await inspect(async (db) => {
      const staff = await staffOf(db);
      expect(staff).toHaveLength(before);
      expect(staff.filter((s) => s.code?.startsWith('B-'))).toEqual([]);
      expect(await listMailbox(db, { limit: 5, to: `ito@${domain}` })).toEqual([]);
    });
  });
});
