import type { FastifyInstance } from 'fastify';
import { requireActor } from '../../http/session.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import { getPunchSettings, updatePunchSettings } from '../../services/settings.service.ts';

/** 基本設定 > [打刻設定]. */
export async function settingsRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const actor = requireActor(ctx);
  app.get('/settings/punch', { preHandler: actor }, async (request) => getPunchSettings(ctx, request.actor!));
  app.put('/settings/punch', { preHandler: actor }, async (request) =>
    updatePunchSettings(ctx, request.actor!, request.body),
  );
}
