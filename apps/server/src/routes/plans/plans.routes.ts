import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { requestLocale } from '../../http/locale.ts';
import { mount } from '../../http/mount.ts';
import { punchByApi } from '../../services/api-punch.service.ts';
import {
  createApiTokenForActor,
  deleteApiTokenForActor,
  listApiTokensForActor,
} from '../../services/api-token.service.ts';
import { auditLogCsv, listAuditLog, verifyAuditLog } from '../../services/audit-log.service.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import { acceptHeldPunch, discardHeldPunch, listHeldPunches } from '../../services/held-punch.service.ts';
import { changePlan, listPlans } from '../../services/plan.service.ts';
import {
  photoRetentionForActor,
  punchPhotoForActor,
  setPhotoRetentionForActor,
} from '../../services/punch-evidence.service.ts';
import { listPunchesForActor } from '../../services/punch-list.service.ts';

/**
 * 設定 > プラン and 設定 > 操作ログ (issue 13), and the punches held for closed periods (issue 11),
 * written once in @timecard/contract.
 */
export async function planRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  mount(app, api.plans.list, deps, (_input, r) => listPlans(r.actor!));
  mount(app, api.plans.change, deps, ({ body }, r) => changePlan(ctx, r.actor!, body.plan));
  mount(app, api.audit.list, deps, ({ query }, r) => listAuditLog(ctx, r.actor!, query, requestLocale(r)));
  mount(app, api.audit.csv, deps, async ({ query }, r, reply) => {
    const csv = await auditLogCsv(ctx, r.actor!, query, requestLocale(r));
    reply
      .header('content-type', `text/csv; charset=${query.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}`)
      .header('content-disposition', 'attachment; filename="audit_log.csv"')
      .send(csv);
  });
  mount(app, api.audit.verify, deps, (_input, r) => verifyAuditLog(ctx, r.actor!));
  // 設定 > API連携 (issue 14)
  mount(app, api.apiTokens.list, deps, (_input, r) => listApiTokensForActor(ctx, r.actor!));
  mount(app, api.apiTokens.create, deps, ({ body }, r) => createApiTokenForActor(ctx, r.actor!, body));
  mount(app, api.apiTokens.delete, deps, async ({ params }, r) => {
    await deleteApiTokenForActor(ctx, r.actor!, params.id);
  });
  // The public punch list (issue 14)
  mount(app, api.punches.list, deps, ({ query }, r) => listPunchesForActor(ctx, r.actor!, query));
  // 打刻の写真 (issue 20): private, never cached by a shared cache.
  mount(app, api.punches.photo, deps, async ({ params }, r, reply) => {
    const jpeg = await punchPhotoForActor(ctx, r.actor!, params.id);
    reply.header('content-type', 'image/jpeg').header('cache-control', 'private, max-age=300').send(jpeg);
  });
  mount(app, api.punches.create, deps, async ({ body, headers }, r, reply) => {
    const result = await punchByApi(ctx, r.actor!, body, headers['idempotency-key']);
    reply.status(result.replayed ? 200 : 201);
    return result;
  });
  mount(app, api.punches.photoRetention, deps, (_input, r) => photoRetentionForActor(ctx, r.actor!));
  mount(app, api.punches.setPhotoRetention, deps, ({ body }, r) =>
    setPhotoRetentionForActor(ctx, r.actor!, body.days),
  );
  // 締め済みの期間に届いた打刻 (issue 11 §4)
  mount(app, api.heldPunches.list, deps, (_input, r) => listHeldPunches(ctx, r.actor!));
  mount(app, api.heldPunches.accept, deps, ({ params }, r) => acceptHeldPunch(ctx, r.actor!, params.id));
  mount(app, api.heldPunches.discard, deps, async ({ params }, r) => {
    await discardHeldPunch(ctx, r.actor!, params.id);
  });
}
