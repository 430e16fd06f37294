import { errorCatalog, WEBHOOK_EVENT_TYPES, webhookEventLabels } from '@timecard/domain';
import { z } from 'zod';
import { WebhookEventSchema, webhookEventData } from './areas/webhooks.contract.ts';
import { ErrorBodySchema } from './common.ts';
import type { RouteSpec } from './route.ts';

type Json = Record<string, unknown>;

/** Errors any route may answer besides its own (see docs/api.md, errors and rate limits). */
const COMMON_ERRORS = ['bad_request', 'validation_failed', 'internal_error', 'database_unavailable'] as const;
const AUTH_ERRORS = ['unauthenticated', 'forbidden', 'csrf_failed'] as const;

const SECURITY: Record<string, Json> = {
  console: {
    type: 'apiKey',
    in: 'cookie',
    name: 'tc_session',
    description: 'The 管理画面 session (login routes). Writes also need the `X-CSRF-Token` header.',
  },
  app: {
    type: 'apiKey',
    in: 'cookie',
    name: 'tc_app',
    description: 'The タイムカード・アプリ session. Writes also need the `X-CSRF-Token` header.',
  },
  terminal: {
    type: 'apiKey',
    in: 'cookie',
    name: 'tc_terminal',
    description: 'A punch terminal’s device token (Web出退勤画面 PIN or the app’s office choice).',
  },
  token: {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (エンタープライズ), with scopes such as `staff:read`.',
  },
};

/**
 * Collects the JSON Schemas of a document: named schemas (`.meta({ id })`) become components, the
 * rest stays inline. A name whose request and response forms differ gets an `Input` twin.
 */
class Components {
  readonly schemas: Record<string, Json> = {};
  private readonly io = new Map<string, 'input' | 'output'>();

  ref(schema: z.ZodType, io: 'input' | 'output'): Json {
    const {
      $defs,
      $schema: _,
      ...root
    } = z.toJSONSchema(schema, {
      io,
      target: 'draft-2020-12',
      unrepresentable: 'any',
      reused: 'inline',
    }) as Json & { $defs?: Record<string, Json> };
    const renames = new Map<string, string>();
    for (const [name, definition] of Object.entries($defs ?? {})) {
      renames.set(name, this.add(name, definition, io));
    }
    return rewriteRefs(root, renames) as Json;
  }

  private add(name: string, definition: Json, io: 'input' | 'output'): string {
    const existing = this.schemas[name];
    if (!existing) {
      this.schemas[name] = definition;
      this.io.set(name, io);
      return name;
    }
    if (JSON.stringify(existing) === JSON.stringify(definition)) return name;
    if (this.io.get(name) === io) throw new Error(`two different schemas are named ${name}`);
    const twin = io === 'input' ? `${name}Input` : `${name}Output`;
    this.schemas[twin] ??= definition;
    return twin;
  }
}

function rewriteRefs(value: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, renames));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')) {
        const name = inner.slice('#/$defs/'.length);
        return [key, `#/components/schemas/${renames.get(name) ?? name}`];
      }
      return [key, rewriteRefs(inner, renames)];
    }),
  );
}

/** The parameters of one location (`path` or `query`) from an object schema. */
function parameters(
  schema: z.ZodType | undefined,
  location: 'path' | 'query' | 'header',
  components: Components,
) {
  if (!schema) return [];
  const json = components.ref(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function errorResponses(route: RouteSpec) {
  const codes = new Set<string>([
    ...COMMON_ERRORS,
    ...(route.auth.includes('public') ? [] : AUTH_ERRORS),
    ...(route.feature ? ['plan_required'] : []),
    ...(route.errors ?? []),
  ]);
  const byStatus = new Map<number, string[]>();
  for (const code of codes) {
    const entry = errorCatalog[code as keyof typeof errorCatalog];
    if (!entry) throw new Error(`${route.id}: unknown error code ${code}`);
    byStatus.set(entry.status, [...(byStatus.get(entry.status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, list]) => [
        String(status),
        {
          description: list.map((code) => `\`${code}\``).join(', '),
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
        },
      ]),
  );
}

export interface OpenApiInfo {
  version: string;
  serverUrl?: string;
}

/**
 * The OpenAPI 3.1 document of the given routes. Deterministic (routes sorted by path and method),
 * so that the committed `docs/openapi.json` can be checked for drift.
 */
export function buildOpenApi(routes: readonly RouteSpec[], info: OpenApiInfo): Json {
  const components = new Components();
  components.ref(ErrorBodySchema, 'output');
  const paths: Record<string, Record<string, Json>> = {};
  const sorted = [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  for (const route of sorted) {
    const operation: Json = {
      operationId: route.id,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      security: route.auth.includes('public')
        ? [{}]
        : route.auth.map((credential) => ({
            [credential]: credential === 'token' && route.scope ? [route.scope] : [],
          })),
      ...(route.feature ? { 'x-plan-feature': route.feature } : {}),
      ...(route.scope ? { 'x-scope': route.scope } : {}),
    };
    const params = [
      ...parameters(route.params, 'path', components),
      ...parameters(route.query, 'query', components),
      ...parameters(route.headers, 'header', components),
    ];
    if (params.length) operation.parameters = params;
    if (route.consumes) {
      operation.requestBody = {
        required: true,
        content: {
          [route.consumes]: { schema: { type: 'string', description: 'The file, UTF-8 (BOM) or Shift_JIS' } },
        },
      };
    }
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: {
          'application/json': {
            schema: components.ref(route.body, 'input'),
            ...(route.exampleBody !== undefined ? { example: route.exampleBody } : {}),
          },
        },
      };
    }
    const responses: Record<string, Json> = {};
    for (const status of route.status) {
      const produces = route.produces ?? 'application/json';
      responses[String(status)] =
        status === 204
          ? { description: 'No content' }
          : {
              description: status === 201 ? 'Created' : 'OK',
              content: {
                [produces]: route.response
                  ? {
                      schema: components.ref(route.response, 'output'),
                      ...(route.exampleResponse !== undefined ? { example: route.exampleResponse } : {}),
                    }
                  : { schema: { type: 'string' } },
              },
            };
    }
    operation.responses = { ...responses, ...errorResponses(route) };
    paths[`/api/v1${route.path}`] ??= {};
    paths[`/api/v1${route.path}`]![route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Timecard API',
      version: info.version,
      description:
        'The HTTP API of Timecard (タイムカード). Concepts — credentials, idempotency, pagination, errors, rate limits, versioning — are in docs/api.md.',
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components.schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: SECURITY,
    },
  };
}

/** The API's version in the document (the `/api/v1` of the paths), not the package's. */
export const API_VERSION = '1.0.0';

/** The document of every contract route: what `GET /api/openapi.json` serves and docs/openapi.json holds. */
export function openApiDocument(routes: readonly RouteSpec[]): Json {
  const document = buildOpenApi(routes, { version: API_VERSION }) as Record<string, Json>;
  return { ...document, webhooks: webhookItems() };
}

/** The webhook events (OpenAPI 3.1 `webhooks`): what a receiver is POSTed, signed (docs/webhooks.md). */
function webhookItems(): Json {
  const body = z.toJSONSchema(WebhookEventSchema, { target: 'draft-2020-12', io: 'output' }) as Record<
    string,
    Json
  >;
  const { $schema: _, ...schema } = body;
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          summary: webhookEventLabels[type].en,
          description: `${webhookEventLabels[type].ja}. \`data\`: ${webhookEventData[type]}. Headers: \`Timecard-Event-Id\`, \`Timecard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>\`.`,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  ...schema,
                  properties: { ...(schema.properties as Record<string, Json>), type: { const: type } },
                },
              },
            },
          },
          responses: {
            '200': { description: 'Any 2xx within 10 s: delivered; anything else is retried for 24 h' },
          },
        },
      },
    ]),
  );
}
