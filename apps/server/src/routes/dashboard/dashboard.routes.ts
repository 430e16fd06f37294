import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import { dashboardForActor } from '../../services/dashboard.service.ts';

/** The 管理画面's home (issue 11 §9), written once in @timecard/contract. */
export async function dashboardRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  mount(app, api.attendance.dashboard, mountDeps(ctx), (_input, r) => dashboardForActor(ctx, r.actor!));
}
