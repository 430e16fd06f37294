import type { FastifyInstance } from 'fastify';
import { requireActor } from '../../http/session.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import {
  createOfficeForActor,
  getOfficeForActor,
  listOfficesForActor,
  updateOfficeForActor,
} from '../../services/office.service.ts';
import { idParam } from '../staff/staff.routes.ts';

/** 事業所 (docs/api.md "Offices"). */
export async function officeRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const actor = requireActor(ctx);
  type WithId = { Params: { id: string } };

  app.get('/offices', { preHandler: actor }, async (request) => listOfficesForActor(ctx, request.actor!));
  app.post('/offices', { preHandler: actor }, async (request, reply) =>
    reply.status(201).send(await createOfficeForActor(ctx, request.actor!, request.body)),
  );
  app.get<WithId>('/offices/:id', { preHandler: actor }, async (request) =>
    getOfficeForActor(ctx, request.actor!, idParam(request.params.id)),
  );
  app.patch<WithId>('/offices/:id', { preHandler: actor }, async (request) =>
    updateOfficeForActor(ctx, request.actor!, idParam(request.params.id), request.body),
  );
}
