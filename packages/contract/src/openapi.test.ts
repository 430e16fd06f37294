import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allRoutes } from './index.ts';
import { openApiDocument } from './openapi.ts';

const committed = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));

describe('the OpenAPI document', () => {
  const document = openApiDocument(allRoutes) as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
  };

  it('is the committed docs/openapi.json (run `npm run openapi` after changing a route)', () => {
    const onDisk = JSON.parse(readFileSync(committed, 'utf8'));
    expect(onDisk, 'docs/openapi.json is out of date: run `npm run openapi`').toEqual(
      JSON.parse(JSON.stringify(document)),
    );
  });

  it('has every contract route, each with the error format', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const route of allRoutes) {
      const operation = document.paths[`/api/v1${route.path}`]?.[route.method.toLowerCase()];
      expect(operation?.operationId, `${route.method} ${route.path}`).toBe(route.id);
      expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining(['400']));
    }
  });

  it('has examples that its own schemas accept', () => {
    for (const route of allRoutes) {
      if (route.exampleBody !== undefined && route.body) {
        expect(route.body.safeParse(route.exampleBody).success, `${route.id} exampleBody`).toBe(true);
      }
      if (route.exampleResponse !== undefined && route.response) {
        expect(route.response.safeParse(route.exampleResponse).success, `${route.id} exampleResponse`).toBe(
          true,
        );
      }
    }
  });
});
