import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { mount } from '../../http/mount.ts';
import { requireActor } from '../../http/session.ts';
import { ownPunchStatus, punchForSelf, todayStatus } from '../../services/attendance.service.ts';
import type { AuthContext } from '../../services/auth.service.ts';

/** 今日の出勤状況 and the 個別Web出退勤画面 (a logged-in person punching for themself). */
export async function attendanceRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const actor = requireActor(ctx);
  app.get('/attendance/today', { preHandler: actor }, async (request) => todayStatus(ctx, request.actor!));
  const deps = mountDeps(ctx);
  mount(app, api.punching.myStatus, deps, (_input, r) => ownPunchStatus(ctx, r.actor!));
  mount(app, api.punching.myPunch, deps, async ({ body, headers }, r, reply) => {
    const result = await punchForSelf(ctx, r.actor!, body, headers);
    reply.status(result.replayed ? 200 : 201);
    return result;
  });
}
