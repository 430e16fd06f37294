import { randomUUID } from 'node:crypto';
import { allRoutes } from '@timecard/contract';
import { openApiDocument } from '@timecard/contract/openapi';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { ApiClient } from '../testing/api-client.ts';
import { buildContract } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';

// Issue 14: every operation of the generated OpenAPI document, sent input its schemas refuse —
// wrong types in path, query and body, missing required fields, over-long strings — by a logged-in
// administrator of a fresh contract: a 4xx in the one error format, never a 5xx.
type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[] };
type Operation = {
  operationId: string;
  parameters?: { name: string; in: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};

const document = openApiDocument(allRoutes) as { paths: Record<string, Record<string, Operation>> };
/** Routes that end the caller's own credential: sent last would still log the client out. */
const ENDS_CREDENTIAL = new Set(['auth.logout', 'app.logout', 'punching.terminalLogout']);
const LONG = 'あ'.repeat(20_000);

let database: Database;
let app: FastifyInstance;
let admin: ApiClient;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
  const c = await buildContract(database.db, { plan: 'enterprise' });
  admin = new ApiClient(app);
  await admin.login(c.adminEmail, c.adminPassword);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** Bodies the operation's JSON schema refuses. */
function badBodies(schema: Schema): unknown[] {
  const bodies: unknown[] = [[], 'text', 42];
  const properties = Object.entries(schema.properties ?? {});
  if ((schema.required ?? []).length > 0) bodies.push({});
  for (const [name, property] of properties) {
    const types = [property.type ?? []].flat();
    if (!types.includes('number') && !types.includes('integer')) bodies.push({ [name]: 12345 });
    if (!types.includes('string')) bodies.push({ [name]: 'not-a-value' });
    bodies.push({ [name]: { nested: [LONG] } });
    if (types.includes('string')) bodies.push({ [name]: LONG });
  }
  return bodies;
}

describe('schema-violating input to every operation', () => {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
  );

  it.each(operations.filter(({ operation }) => !ENDS_CREDENTIAL.has(operation.operationId)))(
    '$method $path answers 4xx with the error format',
    async ({ path, method, operation }) => {
      const params = (operation.parameters ?? []).filter((p) => p.in === 'path');
      const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
      const json = operation.requestBody?.content['application/json']?.schema;
      const url = (values: string) => path.replace(/^\/api\/v1/, '').replace(/\{\w+\}/g, values);
      const headers = { 'idempotency-key': randomUUID() };
      const requests: { url: string; body?: unknown }[] = [];
      if (params.length > 0) {
        for (const value of ['not-a-number', '-1', '1.5', '99999999999999999999', encodeURIComponent(LONG)]) {
          requests.push({ url: url(value), ...(json ? { body: {} } : {}) });
        }
      }
      for (const parameter of query) {
        for (const value of [LONG, '-1', 'x', '[object Object]']) {
          requests.push({ url: `${url('1')}?${parameter.name}=${encodeURIComponent(value)}` });
        }
      }
      if (json) for (const body of badBodies(json)) requests.push({ url: url('1'), body });
      for (const request of requests) {
        const answer = await admin.request(method, request.url, request.body, headers);
        const label = `${method} ${request.url.slice(0, 80)} ${JSON.stringify(request.body)?.slice(0, 80)}`;
        expect(answer.status, label).toBeLessThan(500);
        if (answer.status >= 400 && String(answer.headers['content-type']).includes('json')) {
          expect(answer.body.error, label).toMatchObject({
            code: expect.any(String),
            message: expect.any(String),
          });
        }
      }
      // The wrong type of body as a whole is always refused.
      if (json) {
        const wrong = await admin.request(method, url('1'), [], headers);
        expect(wrong.status, `${method} ${path} []`).toBeGreaterThanOrEqual(400);
        expect(wrong.status).toBeLessThan(500);
      }
    },
  );
});
