import type { FastifyInstance } from 'fastify';
import { requireActor } from '../../http/session.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import {
  changePinAndRevokeTerminals,
  listTerminalsForActor,
  revokeTerminalForActor,
} from '../../services/terminal-admin.service.ts';
import { idParam } from '../staff/staff.routes.ts';

/** 基本設定 > [打刻設定] 端末一覧: open terminals, 【解除】, 【PINコードを変更して全端末を解除】 (issue 12 §4). */
export async function terminalAdminRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const actor = requireActor(ctx);
  type WithId = { Params: { id: string } };

  app.get('/terminals', { preHandler: actor }, async (request) =>
    listTerminalsForActor(ctx, request.actor!, request.query),
  );
  app.post<WithId>('/terminals/:id/revoke', { preHandler: actor }, async (request, reply) => {
    await revokeTerminalForActor(ctx, request.actor!, idParam(request.params.id), request.ip);
    return reply.status(204).send();
  });
  app.post('/settings/punch/revoke-terminals', { preHandler: actor }, async (request) =>
    changePinAndRevokeTerminals(ctx, request.actor!, request.body),
  );
}
