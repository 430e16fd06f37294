import type { FastifyInstance } from 'fastify';
import { requireActor } from '../../http/session.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import { dashboardForActor } from '../../services/dashboard.service.ts';

/** The 管理画面's home (issue 11 §9) and the パスコード未設定 warning of 事業所 and スタッフ管理 (§5). */
export async function dashboardRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const actor = requireActor(ctx);
  app.get('/dashboard', { preHandler: actor }, async (request) => dashboardForActor(ctx, request.actor!));
}
