import { AppError } from '@timecard/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, withTenant } from '../db/database.ts';
import { appendAudit, verifyAuditChain } from '../repositories/audit.repository.ts';
import { buildContract, uniqueContractId } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { createContract } from './contract.service.ts';
import { verifyPassword } from './password.service.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('createContract', () => {
  it('creates the contract, its 本店 with id 1 and a verified administrator who can log in', async () => {
    const built = await buildContract(database.db, { plan: 'standard' });
    const contract = await database.db
      .selectFrom('contracts')
      .selectAll()
      .where('id', '=', built.contractId)
      .executeTakeFirstOrThrow();
    expect(contract.plan).toBe('standard');
    expect(contract.clockPin).toBe('0000');
    expect(contract.timeZone).toBe('Asia/Tokyo');

    const offices = await withTenant(database.db, built.contractId, (trx) =>
      trx.selectFrom('offices').select(['id', 'name']).where('contractId', '=', built.contractId).execute(),
    );
    expect(offices).toEqual([{ id: 1, name: '本店' }]);

    const admin = await withTenant(database.db, built.contractId, (trx) =>
      trx
        .selectFrom('staff')
        .selectAll()
        .where('contractId', '=', built.contractId)
        .executeTakeFirstOrThrow(),
    );
    expect(admin).toMatchObject({
      isAdmin: true,
      loginStatus: 'allowed',
      usage: 'active',
      email: built.adminEmail,
    });
    expect(admin.verifiedAt).not.toBeNull();
    const account = await database.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', built.adminAccountId)
      .executeTakeFirstOrThrow();
    expect(account.emailVerifiedAt).not.toBeNull();
    expect(account.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(account.passwordHash!, built.adminPassword)).toBe(true);
  });

  it('refuses a taken 契約ID and leaves nothing half-created', async () => {
    const built = await buildContract(database.db);
    const error = await createContract(database.db, {
      contractId: built.contractId,
      name: 'duplicate',
      plan: 'premium',
      adminEmail: `other@${built.contractId}.example.com`,
      adminPassword: 'another password',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('contract_id_taken');
    const account = await database.db
      .selectFrom('accounts')
      .select('id')
      .where('email', '=', `other@${built.contractId}.example.com`)
      .executeTakeFirst();
    expect(account).toBeUndefined();
  });

  it('names every bad field', async () => {
    const error = (await createContract(database.db, {
      contractId: 'Bad ID!',
      name: '',
      plan: 'gold' as 'standard',
      adminEmail: 'not-an-email',
      adminPassword: 'short',
    }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual({
      contractId: 'contract_id_invalid',
      name: 'name_required',
      plan: 'plan_invalid',
      adminEmail: 'email_invalid',
      adminPassword: 'password_invalid',
    });
  });

  it('lets an existing account open a second contract only with its own password', async () => {
    const first = await buildContract(database.db);
    const secondId = uniqueContractId();
    await expect(
      createContract(database.db, {
        contractId: secondId,
        name: '二社目',
        plan: 'standard',
        adminEmail: first.adminEmail,
        adminPassword: 'not the password',
      }),
    ).rejects.toMatchObject({ code: 'email_taken' });
    const second = await createContract(database.db, {
      contractId: secondId,
      name: '二社目',
      plan: 'standard',
      adminEmail: first.adminEmail,
      adminPassword: first.adminPassword,
    });
    expect(second.adminAccountId).toBe(first.adminAccountId);
  });
});

describe('the audit log', () => {
  it('is append-only for the application and its hash chain reveals tampering', async () => {
    const built = await buildContract(database.db);
    await withTenant(database.db, built.contractId, (trx) =>
      appendAudit(trx, built.contractId, { action: 'test.event', details: { b: 1, a: 'x' } }),
    );
    expect(
      await withTenant(database.db, built.contractId, (trx) => verifyAuditChain(trx, built.contractId)),
    ).toBeNull();

    await expect(
      withTenant(database.db, built.contractId, (trx) =>
        trx.deleteFrom('auditLog').where('contractId', '=', built.contractId).execute(),
      ),
    ).rejects.toThrow(/permission denied/);

    // Even the owner is stopped by the trigger…
    await expect(
      sql`update audit_log set action = 'forged' where contract_id = ${built.contractId}`.execute(
        database.db,
      ),
    ).rejects.toThrow(/append_only/);
    // …and if someone disables it, the chain no longer verifies.
    await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`alter table audit_log disable trigger audit_log_append_only`.execute(trx);
        await sql`update audit_log set action = 'forged' where contract_id = ${built.contractId} and action = 'test.event'`.execute(
          trx,
        );
        const broken = await verifyAuditChain(trx, built.contractId);
        expect(broken).not.toBeNull();
        throw new Error('rollback');
      })
      .catch((error: Error) => {
        if (error.message !== 'rollback') throw error;
      });
  });
});
