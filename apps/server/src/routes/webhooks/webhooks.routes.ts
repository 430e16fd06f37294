import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import {
  createWebhookForActor,
  deleteWebhookForActor,
  listWebhookDeliveriesForActor,
  listWebhooksForActor,
  redeliverForActor,
} from '../../services/webhook.service.ts';

/** Webhooks (issue 14): 設定 > API連携 and programs with an API token, written in @timecard/contract. */
export async function webhookRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  mount(app, api.webhooks.list, deps, (_input, r) => listWebhooksForActor(ctx, r.actor!));
  mount(app, api.webhooks.create, deps, ({ body }, r) => createWebhookForActor(ctx, r.actor!, body));
  mount(app, api.webhooks.delete, deps, async ({ params }, r) => {
    await deleteWebhookForActor(ctx, r.actor!, params.id);
  });
  mount(app, api.webhooks.deliveries, deps, ({ params, query }, r) =>
    listWebhookDeliveriesForActor(ctx, r.actor!, params.id, query),
  );
  mount(app, api.webhooks.redeliver, deps, ({ params }, r) => redeliverForActor(ctx, r.actor!, params.id));
}
