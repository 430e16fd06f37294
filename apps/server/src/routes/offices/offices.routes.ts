import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import {
  createOfficeForActor,
  getOfficeForActor,
  listOfficesForActor,
  updateOfficeForActor,
} from '../../services/office.service.ts';

/** 事業所, written once in @timecard/contract (areas/offices). */
export async function officeRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  const routes = api.offices;
  mount(app, routes.list, deps, (_input, r) => listOfficesForActor(ctx, r.actor!));
  mount(app, routes.create, deps, ({ body }, r) => createOfficeForActor(ctx, r.actor!, body));
  mount(app, routes.get, deps, ({ params }, r) => getOfficeForActor(ctx, r.actor!, params.id));
  mount(app, routes.update, deps, ({ params, body }, r) =>
    updateOfficeForActor(ctx, r.actor!, params.id, body),
  );
}
