import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase } from '../db/database.ts';
import { findAccountByEmail } from '../repositories/account.repository.ts';
import { verifyPassword } from '../services/password.service.ts';
import { spawnCli } from '../testing/cli-runner.ts';
import { uniqueContractId } from '../testing/factories.ts';
import { prepareEmbeddedDataDir } from '../testing/test-database.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'timecard-cli-'));
  dirs.push(dir);
  return dir;
}

/** A new DATA_DIR holding a migrated embedded database (no initdb in the spawned CLI). */
async function embeddedDir(): Promise<string> {
  return prepareEmbeddedDataDir(tempDir());
}

/** The database the CLI under test works on: the PostgreSQL test database, or a new DATA_DIR. */
let sourceEnv: Record<string, string>;
beforeAll(async () => {
  const url = inject('databaseUrl');
  sourceEnv = url ? { DATABASE_URL: url, DATA_DIR: '' } : { DATA_DIR: await embeddedDir(), DATABASE_URL: '' };
});

function cli(args: string[], env: Record<string, string> = sourceEnv) {
  // (sourceEnv is set in beforeAll, before any test calls this)
  return spawnCli(args, env);
}

describe('npm run timecard', () => {
  it('creates a contract whose administrator exists at once, lists it, and refuses the same 契約ID twice', async () => {
    const id = uniqueContractId('cli');
    const args = [
      'contract',
      'create',
      '--id',
      id,
      '--name',
      'CLI 商店',
      '--plan',
      'premium',
      '--admin-email',
      `boss@${id}.example.com`,
      '--admin-password',
      'cli password 1',
    ];
    const created = await cli(args);
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toContain(id);

    const listed = await cli(['contract', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${id}\\tCLI 商店\\tpremium\\t1\\t1`));

    const again = await cli(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`契約ID「${id}」はすでに使われています。`);
    expect(again.stderr).toContain(`The contract ID "${id}" is already taken.`);
  });

  it('explains bad arguments in Japanese and English, without a stack trace', async () => {
    const missing = await cli(['contract', 'create', '--id', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('オプション --name を指定してください。');
    expect(missing.stderr).toContain('The option --name is required.');

    const invalid = await cli([
      'contract',
      'create',
      '--id',
      'NO',
      '--name',
      'n',
      '--plan',
      'gold',
      '--admin-email',
      'x',
      '--admin-password',
      'y',
    ]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(
      'プランは standard, premium, premium_plus, enterprise のいずれかを指定してください。',
    );
    expect(invalid.stderr).toContain('contractId');

    const unknown = await cli(['contract', 'explode']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('不明なコマンドです: contract explode');
    for (const result of [missing, invalid, unknown]) expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('backs up to a plain SQL file that restores on the embedded database', async () => {
    const id = uniqueContractId('bk');
    await cli([
      'contract',
      'create',
      '--id',
      id,
      '--name',
      '控え',
      '--plan',
      'standard',
      '--admin-email',
      `b@${id}.example.com`,
      '--admin-password',
      'backup password',
    ]);
    const file = join(tempDir(), 'backup.sql');
    expect((await cli(['db', 'backup', file])).code).toBe(0);

    const target = { DATA_DIR: await embeddedDir(), DATABASE_URL: '' };
    const restored = await cli(['db', 'restore', file], target);
    expect(restored).toMatchObject({ code: 0 });
    const listed = await cli(['contract', 'list'], target);
    expect(listed.stdout).toContain(`${id}\t控え\tstandard`);
  });

  it('writes the backup readable by its owner only (0600), also over an existing file', async () => {
    const dir = tempDir();
    const fresh = join(dir, 'fresh.sql');
    expect((await cli(['db', 'backup', fresh])).code).toBe(0);
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
    const existing = join(dir, 'existing.sql');
    writeFileSync(existing, 'old');
    chmodSync(existing, 0o644);
    expect((await cli(['db', 'backup', existing])).code).toBe(0);
    expect(statSync(existing).mode & 0o777).toBe(0o600);
  });

  it('takes the administrator password from standard input or TIMECARD_ADMIN_PASSWORD, off the command line', async () => {
    const create = (id: string, extra: string[] = []) => [
      'contract',
      'create',
      '--id',
      id,
      '--name',
      '標準入力商店',
      '--plan',
      'standard',
      '--admin-email',
      `boss@${id}.example.com`,
      ...extra,
    ];
    const passwordOf = async (id: string, password: string) => {
      const database: Database = await openDatabase(
        sourceEnv.DATABASE_URL ? { databaseUrl: sourceEnv.DATABASE_URL } : { dataDir: sourceEnv.DATA_DIR! },
      );
      try {
        const account = await findAccountByEmail(database.db, `boss@${id}.example.com`);
        return verifyPassword(account!.passwordHash!, password);
      } finally {
        await database.close();
      }
    };

    const viaStdin = uniqueContractId('in');
    const piped = await spawnCli(
      create(viaStdin, ['--admin-password-stdin']),
      sourceEnv,
      'stdin password 1\n',
    );
    expect(piped).toMatchObject({ code: 0 });
    expect(await passwordOf(viaStdin, 'stdin password 1')).toBe(true);

    const viaEnv = uniqueContractId('env');
    const fromEnv = await cli(create(viaEnv), { ...sourceEnv, TIMECARD_ADMIN_PASSWORD: 'env password 1' });
    expect(fromEnv).toMatchObject({ code: 0 });
    expect(await passwordOf(viaEnv, 'env password 1')).toBe(true);

    const none = await cli(create(uniqueContractId('no')));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('環境変数 TIMECARD_ADMIN_PASSWORD');
    expect(none.stderr).toContain('--admin-password-stdin (read from standard input)');
    const both = await spawnCli(
      create(uniqueContractId('two'), ['--admin-password-stdin', '--admin-password', 'x']),
      sourceEnv,
      'y',
    );
    expect(both.stderr).toContain('--admin-password と --admin-password-stdin は同時に指定できません。');
  });

  it('refuses a DATA_DIR that another process holds open', async () => {
    const dataDir = await embeddedDir();
    const holder = await openDatabase({ dataDir });
    try {
      const result = await cli(['contract', 'list'], { DATA_DIR: dataDir, DATABASE_URL: '' });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`PID ${process.pid}`);
      expect(result.stderr).toContain('Stop the server first');
    } finally {
      await holder.close();
    }
  });
});
