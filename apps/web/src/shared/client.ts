import type { ClientInput, RouteOutput, RouteSpec } from '@timecard/contract';
import { api, type RequestOptions } from './api.ts';

type CallOptions = Pick<RequestOptions, 'signal' | 'headers'>;

/** `/staff/{id}` with `{ id: 3 }` → `/staff/3` */
function pathOf(route: RouteSpec, params: Record<string, unknown> | undefined): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`${route.id}: missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/**
 * Calls a route of the contract (`@timecard/contract`): the path, method, input and answer types
 * all come from the one definition the server mounts, so no response type is written by hand here.
 *
 * @example
 *   const settings = await call(routes.settings.getPunchSettings, {});
 */
export function call<R extends RouteSpec>(
  route: R,
  input: ClientInput<R>,
  options: CallOptions = {},
): Promise<RouteOutput<R>> {
  const given = input as {
    params?: Record<string, unknown>;
    query?: RequestOptions['query'];
    body?: unknown;
  };
  return api<RouteOutput<R>>(pathOf(route, given.params), {
    method: route.method,
    query: given.query,
    body: given.body,
    ...options,
  });
}
