import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import {
  acknowledgeAlert,
  getLaborAlertSettings,
  listLaborAlerts,
  officeOvertime,
  saveLaborAlertSettings,
  staffOvertime,
} from '../../services/labor-alert.service.ts';

/** 労務アラート (issue 19), written once in @timecard/contract. */
export async function laborAlertRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  const routes = api.laborAlerts;
  mount(app, routes.list, deps, ({ query }, r) => listLaborAlerts(ctx, r.actor!, query));
  mount(app, routes.acknowledge, deps, ({ body }, r) => acknowledgeAlert(ctx, r.actor!, body));
  mount(app, routes.officeOvertime, deps, ({ query }, r) => officeOvertime(ctx, r.actor!, query));
  mount(app, routes.staffOvertime, deps, ({ params, query }, r) =>
    staffOvertime(ctx, r.actor!, params.id, query),
  );
  mount(app, routes.getSettings, deps, (_input, r) => getLaborAlertSettings(ctx, r.actor!));
  mount(app, routes.putSettings, deps, ({ body }, r) => saveLaborAlertSettings(ctx, r.actor!, body));
}
