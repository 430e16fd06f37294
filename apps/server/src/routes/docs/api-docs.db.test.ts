import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allRoutes } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 14: the server describes its API — the same document as the committed docs/openapi.json —
// and serves interactive docs from npm packages, under the Content-Security-Policy.
let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('GET /api/openapi.json and /api/docs', () => {
  it('serves the committed OpenAPI 3.1 document, with every contract route mounted by the server', async () => {
    const answer = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(answer.statusCode).toBe(200);
    const document = answer.json();
    const committed = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../../../docs/openapi.json', import.meta.url)), 'utf8'),
    );
    expect(document).toEqual(committed);
    for (const route of allRoutes) {
      expect(document.paths[`/api/v1${route.path}`][route.method.toLowerCase()].operationId).toBe(route.id);
      const url = `/api/v1${route.path.replace(/\{(\w+)\}/g, ':$1')}`;
      expect(app.hasRoute({ method: route.method, url }), `${route.method} ${route.path}`).toBe(true);
      if (route.auth.includes('public')) continue;
      const path = route.path.replace(/\{(\w+)\}/g, '1');
      const mounted = await app.inject({ method: route.method, url: `/api/v1${path}` });
      // Mounted: a missing credential, never a 404 of an unknown route.
      expect(mounted.statusCode, `${route.method} ${route.path}`).toBe(401);
    }
  });

  it('serves the interactive docs from the swagger-ui-dist package, scripts from this server only', async () => {
    const page = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<script src="/api/docs/assets/swagger-ui-bundle.js"></script>');
    expect(page.body).not.toMatch(/<script>(?!<)/);
    expect(page.body).not.toMatch(/https?:\/\//);
    const bundle = await app.inject({ method: 'GET', url: '/api/docs/assets/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body.length).toBeGreaterThan(100_000);
    const init = await app.inject({ method: 'GET', url: '/api/docs/init.js' });
    expect(init.body).toContain("url: '/api/openapi.json'");
  });
});
