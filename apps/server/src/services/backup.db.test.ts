import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, withTenant } from '../db/database.ts';
import { appendAudit, verifyAuditChain } from '../repositories/audit.repository.ts';
import { insertPunchPhoto } from '../repositories/punch-photo.repository.ts';
import { buildContract } from '../testing/factories.ts';
import { openEmbeddedTestDatabase, openTestDatabase } from '../testing/test-database.ts';
import { createBackup, restoreBackup } from './backup.service.ts';
import { createContract } from './contract.service.ts';

let source: Database;
beforeAll(async () => {
  source = await openTestDatabase();
});
afterAll(async () => {
  await source.close();
});

const freshEmbedded = openEmbeddedTestDatabase;

describe('db backup / db restore', () => {
  it('restores a plain SQL backup into an empty embedded database with every row and a working sequence', async () => {
    const built = await buildContract(source.db, { name: '株式会社「バックアップ」$$' });
    await withTenant(source.db, built.contractId, (trx) =>
      appendAudit(trx, built.contractId, { action: 'test.backup', details: { note: "quote ' and $tag$" } }),
    );
    // A punch photo (bytea, issue 20): every byte value survives the JSON of the backup.
    const jpeg = Buffer.from([
      0xff,
      0xd8,
      0xff,
      0xe0,
      ...Array.from({ length: 256 }, (_, i) => i),
      0xff,
      0xd9,
    ]);
    await withTenant(source.db, built.contractId, (trx) =>
      insertPunchPhoto(trx, built.contractId, {
        idempotencyKey: 'backup-photo-1',
        staffId: built.adminStaffId,
        receivedAt: new Date(),
        jpeg,
      }),
    );
    const script = await createBackup(source.db);
    expect(script.startsWith('-- timecard-backup 1')).toBe(true);

    const target = await freshEmbedded();
    try {
      await restoreBackup(target.db, script, { file: 'memory' });
      const contract = await target.db
        .selectFrom('contracts')
        .selectAll()
        .where('id', '=', built.contractId)
        .executeTakeFirstOrThrow();
      expect(contract.name).toBe('株式会社「バックアップ」$$');
      const account = await target.db
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', built.adminAccountId)
        .executeTakeFirstOrThrow();
      expect(account.email).toBe(built.adminEmail);
      const photo = await target.db
        .selectFrom('punchPhotos')
        .select('jpeg')
        .where('contractId', '=', built.contractId)
        .executeTakeFirstOrThrow();
      expect(Buffer.from(photo.jpeg).equals(jpeg)).toBe(true);
      expect(
        await withTenant(target.db, built.contractId, (trx) => verifyAuditChain(trx, built.contractId)),
      ).toBeNull();
      // New rows after a restore get fresh ids rather than colliding with restored ones.
      const next = await createContract(target.db, {
        contractId: 'after-restore',
        name: 'after',
        plan: 'standard',
        adminEmail: 'after@restore.example.com',
        adminPassword: 'after restore pw',
      });
      expect(next.adminAccountId).toBeGreaterThan(built.adminAccountId);

      await expect(restoreBackup(target.db, script, { file: 'memory' })).rejects.toMatchObject({
        code: 'restore_target_not_empty',
      });
      await restoreBackup(target.db, script, { file: 'memory', force: true });
      const after = await target.db
        .selectFrom('contracts')
        .select('id')
        .where('id', '=', 'after-restore')
        .executeTakeFirst();
      expect(after).toBeUndefined();
    } finally {
      await target.close();
    }
  });

  it('refuses a file that is not a backup', async () => {
    const target = await freshEmbedded();
    try {
      await expect(
        restoreBackup(target.db, 'DROP TABLE contracts;', { file: 'evil.sql' }),
      ).rejects.toMatchObject({
        code: 'backup_file_invalid',
      });
    } finally {
      await target.close();
    }
  });
});
