import type { ErrorCode, Feature } from '@timecard/domain';
import type { z } from 'zod';

/**
 * Who may call a route (architecture.md, API conventions): the 管理画面's session cookie, the
 * タイムカード・アプリ's session cookie, a punch terminal's device token, an API token (Enterprise),
 * or anyone.
 */
export type Credential = 'console' | 'app' | 'terminal' | 'token' | 'public';

/** The areas API tokens are scoped by (`<area>:read` / `<area>:write`). */
export const API_AREAS = [
  'staff',
  'offices',
  'punches',
  'timecards',
  'reports',
  'shifts',
  'leave',
  'requests',
  'webhooks',
] as const;
export type ApiArea = (typeof API_AREAS)[number];
export type Scope = `${ApiArea}:${'read' | 'write'}`;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route answers on success. */
export type Produces = 'application/json' | 'text/csv' | 'text/html' | 'image/jpeg';

/**
 * One route of the HTTP API, written once: the server mounts it (validation, credentials, plan
 * guard, serialisation), the web client calls it with inferred types, and the OpenAPI document is
 * generated from it.
 */
export interface RouteSpec {
  /** The operationId, `<area>.<verb>` (e.g. `staff.create`). */
  id: string;
  method: Method;
  /** Relative to `/api/v1`, OpenAPI style: `/staff/{id}`. */
  path: string;
  /** One line, English (the OpenAPI summary). */
  summary: string;
  description?: string;
  tag: string;
  /** Accepted credentials, in the order they are tried. */
  auth: readonly Credential[];
  /** A capability gated by plan (product.md §5): the server answers 403 `plan_required` below it. */
  feature?: Feature;
  /** The scope an API token needs; required when `auth` includes `token`. */
  scope?: Scope;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /**
   * Request headers the route reads, lower-case names (`idempotency-key`): parsed like the query,
   * shown as header parameters in OpenAPI. The web client sends them through the call's options.
   */
  headers?: z.ZodType;
  /** A route that takes a file instead of JSON (a CSV upload): its body reaches the handler as bytes. */
  consumes?: 'text/csv';
  /** Success statuses; the first is the usual one (e.g. 201 created, 200 replayed). */
  status: readonly [number, ...number[]];
  /** The JSON answer on success; absent for 204 and for non-JSON answers. */
  response?: z.ZodType;
  produces?: Produces;
  /** Error codes this route may answer besides the common ones (unauthenticated, bad_request, …). */
  errors?: readonly ErrorCode[];
  /** A valid request body, shown in the docs and checked against `body` by a test. */
  exampleBody?: unknown;
  /** A valid answer, shown in the docs and checked against `response` by a test. */
  exampleResponse?: unknown;
}

/** Declares a route; the `const` type parameter keeps its literal types for the client. */
export function defineRoute<const S extends RouteSpec>(spec: S): S {
  return spec;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type Given<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What a route's handler receives on the server: validated and parsed. */
export interface ParsedInput<R extends RouteSpec> {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
  headers: Parsed<R['headers']>;
}

/** What a client sends: before defaults and transforms. */
export type ClientInput<R extends RouteSpec> = DropUndefined<{
  params: Given<R['params']>;
  query: Given<R['query']>;
  body: Given<R['body']>;
}>;

/** The success answer of a route. */
export type RouteOutput<R extends RouteSpec> = R['response'] extends z.ZodType
  ? z.output<R['response']>
  : undefined;

/** What a handler returns: the answer before serialisation by `response`. */
export type HandlerOutput<R extends RouteSpec> = R['response'] extends z.ZodType
  ? z.input<R['response']>
  : // biome-ignore lint/suspicious/noConfusingVoidType: a handler of a 204 route returns nothing
    void;

type DropUndefined<T> = {
  [K in keyof T as T[K] extends undefined ? never : K]: T[K];
};
