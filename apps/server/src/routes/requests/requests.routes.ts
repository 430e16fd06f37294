import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import {
  bulkApprove,
  createRequest,
  dayForRequest,
  decideRequest,
  getApprovalRoutes,
  getRequest,
  getRequestSettings,
  leaveForRequest,
  listRequestsFor,
  pendingCount,
  putApprovalRoute,
  putRequestSettings,
  resendRequest,
} from '../../services/request.service.ts';

/** ワークフロー (issue 18), written once in @timecard/contract. */
export async function requestRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  const routes = api.requests;

  mount(app, routes.create, deps, ({ body }, r) => createRequest(ctx, r.actor!, body));
  mount(app, routes.list, deps, ({ query }, r) => listRequestsFor(ctx, r.actor!, query));
  mount(app, routes.pendingCount, deps, (_input, r) => pendingCount(ctx, r.actor!));
  mount(app, routes.day, deps, ({ query }, r) => dayForRequest(ctx, r.actor!, query.date));
  mount(app, routes.leave, deps, ({ query }, r) => leaveForRequest(ctx, r.actor!, query));
  mount(app, routes.get, deps, ({ params }, r) => getRequest(ctx, r.actor!, params.id));
  mount(app, routes.resend, deps, ({ params, body }, r) => resendRequest(ctx, r.actor!, params.id, body));
  for (const action of ['approve', 'reject', 'return', 'cancel', 'reopen'] as const) {
    mount(app, routes[action], deps, ({ params, body }, r) =>
      decideRequest(ctx, r.actor!, params.id, action, body),
    );
  }
  mount(app, routes.bulkApprove, deps, ({ body }, r) => bulkApprove(ctx, r.actor!, body));
  mount(app, routes.getSettings, deps, (_input, r) => getRequestSettings(ctx, r.actor!));
  mount(app, routes.putSettings, deps, ({ body }, r) => putRequestSettings(ctx, r.actor!, body));

  mount(app, api.approvalRoutes.list, deps, (_input, r) => getApprovalRoutes(ctx, r.actor!));
  mount(app, api.approvalRoutes.put, deps, ({ body }, r) => putApprovalRoute(ctx, r.actor!, body));
}
