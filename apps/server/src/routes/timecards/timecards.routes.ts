import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import {
  correctDay,
  correctPunches,
  getTimecard,
  listPeriodLocks,
  previewPeriodLock,
  setPeriodLock,
} from '../../services/timecard.service.ts';
import { getWorkRules, putWorkRules } from '../../services/work-rules.service.ts';

/**
 * タイムカード (勤怠 > 実績), corrections with 修正履歴, 締め処理 and 勤務ルール (issue 6), written once
 * in @timecard/contract. The services keep their own checks (rights before input where they had them).
 */
export async function timecardRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  const routes = api.timecards;

  mount(app, routes.get, deps, ({ params, query }, r) => getTimecard(ctx, r.actor!, params.id, query));
  mount(app, routes.addPunch, deps, ({ params, body }, r) =>
    correctPunches(ctx, r.actor!, { kind: 'add', staffId: params.id, input: body }),
  );
  mount(app, routes.correctDay, deps, ({ params, body }, r) =>
    correctDay(ctx, r.actor!, params.id, params.date, body),
  );
  mount(app, routes.changePunch, deps, ({ params, body }, r) =>
    correctPunches(ctx, r.actor!, { kind: 'change', punchId: params.id, input: body }),
  );
  mount(app, routes.deletePunch, deps, ({ params, body }, r) =>
    correctPunches(ctx, r.actor!, { kind: 'delete', punchId: params.id, input: body }),
  );

  mount(app, routes.listLocks, deps, (_input, r) => listPeriodLocks(ctx, r.actor!));
  mount(app, routes.previewLock, deps, ({ query }, r) => previewPeriodLock(ctx, r.actor!, query));
  mount(app, routes.lock, deps, ({ body }, r) => setPeriodLock(ctx, r.actor!, body, true));
  mount(app, routes.unlock, deps, ({ body }, r) => setPeriodLock(ctx, r.actor!, body, false));

  mount(app, routes.getContractRules, deps, (_input, r) => getWorkRules(ctx, r.actor!, { kind: 'contract' }));
  mount(app, routes.putContractRules, deps, ({ body }, r) =>
    putWorkRules(ctx, r.actor!, { kind: 'contract' }, body),
  );
  mount(app, routes.getOfficeRules, deps, ({ params }, r) =>
    getWorkRules(ctx, r.actor!, { kind: 'office', officeId: params.id }),
  );
  mount(app, routes.putOfficeRules, deps, ({ params, body }, r) =>
    putWorkRules(ctx, r.actor!, { kind: 'office', officeId: params.id }, body),
  );
  mount(app, routes.getStaffRules, deps, ({ params }, r) =>
    getWorkRules(ctx, r.actor!, { kind: 'staff', staffId: params.id }),
  );
  mount(app, routes.putStaffRules, deps, ({ params, body }, r) =>
    putWorkRules(ctx, r.actor!, { kind: 'staff', staffId: params.id }, body),
  );
}
