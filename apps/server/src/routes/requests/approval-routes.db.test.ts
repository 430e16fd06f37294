import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, type BuiltStaff, buildContract, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 18, ワークフロー > 承認経路 (エンタープライズ): what the settings page reads and writes — every
// route per office and kind with the default beside them, up to 3 steps of a person, a right or the
// administrators, [] back to the default, and only administrators.
let database: Database;
let app: FastifyInstance;
let c: BuiltContract;
let admin: ApiClient;
let chief: BuiltStaff;
let managerClient: ApiClient;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', PUBLIC_URL: 'http://timecard.test' }),
    database,
    serveWeb: false,
  });
  c = await buildContract(database.db, { plan: 'enterprise' });
  chief = await buildStaff(database.db, c.contractId, { name: '主任', offices: [{ officeId: 1 }] });
  const manager = await buildStaff(database.db, c.contractId, {
    name: '店長',
    offices: [{ officeId: 1, attendance: 'edit' }],
  });
  admin = new ApiClient(app);
  await admin.login(c.adminEmail, c.adminPassword);
  managerClient = new ApiClient(app);
  await managerClient.login(manager.email!, manager.password);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('承認経路 settings (GET / PUT /approval-routes)', () => {
  it('lists nothing of its own at first, with the default route', async () => {
    const listed = await admin.get('/approval-routes');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      defaultRoute: [{ type: 'right', right: 'attendance', level: 'edit' }],
      items: [],
    });
  });

  it('saves 3 steps (a person, a right on the office, the administrators) and lists them', async () => {
    const steps = [
      { type: 'person', staffId: chief.staffId },
      { type: 'right', right: 'shiftPlan', level: 'view' },
      { type: 'admin' },
    ];
    const saved = await admin.put('/approval-routes', { officeId: 1, kind: 'leave', steps });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ officeId: 1, kind: 'leave', steps });
    const listed = await admin.get('/approval-routes');
    expect(listed.body.items).toEqual([{ officeId: 1, kind: 'leave', steps }]);
  });

  it('refuses a 4th step, an unknown person or office, and anyone but an administrator', async () => {
    const four = await admin.put('/approval-routes', {
      officeId: 1,
      kind: 'overtime',
      steps: [{ type: 'admin' }, { type: 'admin' }, { type: 'admin' }, { type: 'admin' }],
    });
    expect(four.status).toBe(400);
    const nobody = await admin.put('/approval-routes', {
      officeId: 1,
      kind: 'overtime',
      steps: [{ type: 'person', staffId: 999_999 }],
    });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error).toMatchObject({ code: 'staff_not_found' });
    const noOffice = await admin.put('/approval-routes', { officeId: 999_999, kind: 'overtime', steps: [] });
    expect(noOffice.body.error).toMatchObject({ code: 'office_not_found' });
    expect((await managerClient.get('/approval-routes')).status).toBe(403);
    expect(
      (
        await managerClient.put('/approval-routes', {
          officeId: 1,
          kind: 'leave',
          steps: [{ type: 'admin' }],
        })
      ).status,
    ).toBe(403);
  });

  it('goes back to the default route with no steps', async () => {
    const reset = await admin.put('/approval-routes', { officeId: 1, kind: 'leave', steps: [] });
    expect(reset.status).toBe(200);
    expect(reset.body.steps).toEqual([]);
    expect((await admin.get('/approval-routes')).body.items).toEqual([]);
  });
});
