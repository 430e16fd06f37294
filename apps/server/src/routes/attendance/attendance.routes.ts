import type { FastifyInstance } from 'fastify';
import { requireActor } from '../../http/session.ts';
import { ownPunchStatus, punchForSelf, todayStatus } from '../../services/attendance.service.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import { header } from '../terminal/terminal.routes.ts';

/** 今日の出勤状況 and the 個別Web出退勤画面 (a logged-in person punching for themself). */
export async function attendanceRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const actor = requireActor(ctx);
  app.get('/attendance/today', { preHandler: actor }, async (request) => todayStatus(ctx, request.actor!));
  app.get('/me/punch-status', { preHandler: actor }, async (request) => ownPunchStatus(ctx, request.actor!));
  app.post('/me/punches', { preHandler: actor }, async (request, reply) => {
    const result = await punchForSelf(
      ctx,
      request.actor!,
      request.body,
      header(request, 'idempotency-key'),
      header(request, 'x-device-sent-at'),
    );
    return reply.status(result.replayed ? 200 : 201).send(result);
  });
}
