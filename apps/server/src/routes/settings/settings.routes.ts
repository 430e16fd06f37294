import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import { getPunchSettings, updatePunchSettings } from '../../services/settings.service.ts';

/** 基本設定 > [打刻設定], written once in @timecard/contract. */
export async function settingsRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  mount(app, api.settings.getPunch, deps, (_input, r) => getPunchSettings(ctx, r.actor!));
  mount(app, api.settings.putPunch, deps, ({ body }, r) => updatePunchSettings(ctx, r.actor!, body));
}
