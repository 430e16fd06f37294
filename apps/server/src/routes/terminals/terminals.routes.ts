import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import {
  changePinAndRevokeTerminals,
  listTerminalsForActor,
  revokeTerminalForActor,
} from '../../services/terminal-admin.service.ts';

/**
 * 基本設定 > [打刻設定] 端末一覧: open terminals, 【解除】, 【PINコードを変更して全端末を解除】 (issue 12 §4),
 * written once in @timecard/contract.
 */
export async function terminalAdminRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  const routes = api.settings;
  mount(app, routes.listTerminals, deps, ({ query }, r) => listTerminalsForActor(ctx, r.actor!, query));
  mount(app, routes.revokeTerminal, deps, async ({ params }, r) => {
    await revokeTerminalForActor(ctx, r.actor!, params.id, r.ip);
  });
  mount(app, routes.revokeTerminals, deps, ({ body }, r) => changePinAndRevokeTerminals(ctx, r.actor!, body));
}
