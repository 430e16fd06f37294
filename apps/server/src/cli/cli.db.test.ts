import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
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
