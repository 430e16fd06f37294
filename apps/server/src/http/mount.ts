import type { Credential, HandlerOutput, ParsedInput, RouteSpec } from '@timecard/contract';
import { AppError } from '@timecard/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseOrThrow } from '../services/validation.ts';

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * How each kind of credential is checked. `present` says whether the request carries it (a cookie,
 * a bearer token's prefix), so that a route accepting several tries the one that was sent.
 */
export interface CredentialGuard {
  present(request: FastifyRequest): boolean;
  check: Guard | Guard[];
}

export interface MountDeps {
  credentials: Partial<Record<Exclude<Credential, 'public'>, CredentialGuard>>;
  /** The plan guard (ADR on plans): refuses a route of a feature the contract's plan lacks. */
  requireFeature?: (
    request: FastifyRequest,
    feature: NonNullable<RouteSpec['feature']>,
  ) => Promise<void> | void;
}

export type Handler<R extends RouteSpec> = (
  input: ParsedInput<R>,
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<HandlerOutput<R>> | HandlerOutput<R>;

/** `/staff/{id}` → `/staff/:id` */
export function fastifyPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

async function runGuard(check: Guard | Guard[], request: FastifyRequest, reply: FastifyReply) {
  for (const guard of Array.isArray(check) ? check : [check]) await guard(request, reply);
}

function authenticate(route: RouteSpec, deps: MountDeps): Guard | undefined {
  if (route.auth.includes('public')) return undefined;
  return async (request, reply) => {
    for (const credential of route.auth as Exclude<Credential, 'public'>[]) {
      const guard = deps.credentials[credential];
      if (!guard) throw new Error(`${route.id}: no guard for credential ${credential}`);
      if (guard.present(request)) return runGuard(guard.check, request, reply);
    }
    throw new AppError(
      route.auth.length === 1 && route.auth[0] === 'terminal'
        ? 'terminal_unauthenticated'
        : 'unauthenticated',
    );
  };
}

/**
 * Mounts one route of the contract: checks the credential and the plan, parses path, query and body
 * with the route's schemas (a bad id is 404 like another contract's; bad input 400 naming the
 * field), calls the handler and serialises its answer through the response schema, so that no
 * field the contract does not name ever leaves the server.
 */
export function mount<R extends RouteSpec>(
  app: FastifyInstance,
  route: R,
  deps: MountDeps,
  handler: Handler<R>,
) {
  const auth = authenticate(route, deps);
  app.route({
    method: route.method,
    url: fastifyPath(route.path),
    config: { contract: route },
    preHandler: async (request, reply) => {
      if (auth) await auth(request, reply);
      // An API token reaches only the areas of its scopes (issue 14).
      if (request.apiToken && (!route.scope || !request.apiToken.scopes.includes(route.scope))) {
        throw new AppError('api_token_scope_missing', { scope: route.scope ?? route.id });
      }
      if (route.feature) {
        if (!deps.requireFeature) throw new Error(`${route.id}: no plan guard given`);
        await deps.requireFeature(request, route.feature);
      }
    },
    handler: async (request, reply) => {
      const input = {
        params: route.params ? parseParams(route.params, request.params) : undefined,
        query: route.query ? parseOrThrow(route.query, request.query ?? {}) : undefined,
        body: route.consumes
          ? request.body
          : route.body
            ? parseOrThrow(route.body, request.body ?? {})
            : undefined,
        // After the body, as the punch routes always checked them (a bad body is named first).
        headers: route.headers ? parseOrThrow(route.headers, request.headers) : undefined,
      } as ParsedInput<R>;
      // The usual status first; a handler may choose another of `route.status` (200 for a replay).
      reply.status(route.status[0]);
      const result = await handler(input, request, reply);
      // A handler that sent a stream returns the reply: the stream has not ended yet (reply.sent).
      if (reply.sent || result === reply) return reply;
      if (reply.statusCode === 204) return reply.send();
      if (!route.response) return reply.send(result);
      const parsed = route.response.safeParse(result);
      if (!parsed.success) {
        request.log.error(
          { route: route.id, issues: parsed.error.issues },
          'answer does not match the contract',
        );
        throw new AppError('internal_error');
      }
      return reply.send(parsed.data);
    },
  });
}

function parseParams(schema: NonNullable<RouteSpec['params']>, params: unknown) {
  const result = schema.safeParse(params);
  if (!result.success) throw new AppError('not_found');
  return result.data;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    contract?: RouteSpec;
  }
  interface FastifyRequest {
    /** Set when the request came with an API token instead of a session. */
    apiToken?: { id: number; name: string; scopes: string[] };
  }
}
