import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import { type CsvCell, encodeCsv } from '../../services/csv-writer.ts';
import {
  addLeaveAdjustment,
  addManualGrant,
  createLeaveType,
  deleteLeaveForActor,
  leaveOverviewForActor,
  leaveRegisterForActor,
  leaveRegisterRows,
  listLeaveTypesForActor,
  overrideAttendanceRate,
  recordLeaveForActor,
  staffLeaveForActor,
  updateLeaveTypeForActor,
} from '../../services/leave.service.ts';

/** 休暇管理 (issue 17), written once in @timecard/contract. */
export async function leaveRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  const routes = api.leave;
  mount(app, routes.listTypes, deps, (_input, r) => listLeaveTypesForActor(ctx, r.actor!));
  mount(app, routes.createType, deps, ({ body }, r) => createLeaveType(ctx, r.actor!, body));
  mount(app, routes.updateType, deps, ({ params, body }, r) =>
    updateLeaveTypeForActor(ctx, r.actor!, params.id, body),
  );
  mount(app, routes.overview, deps, ({ query }, r) => leaveOverviewForActor(ctx, r.actor!, query.asOf));
  mount(app, routes.staff, deps, ({ params, query }, r) =>
    staffLeaveForActor(ctx, r.actor!, params.id, query.asOf),
  );
  mount(app, routes.record, deps, ({ body }, r) => recordLeaveForActor(ctx, r.actor!, body));
  mount(app, routes.deleteRecord, deps, async ({ params }, r) => {
    await deleteLeaveForActor(ctx, r.actor!, params.id);
  });
  mount(app, routes.grant, deps, ({ params, body }, r) => addManualGrant(ctx, r.actor!, params.id, body));
  mount(app, routes.adjust, deps, ({ params, body }, r) =>
    addLeaveAdjustment(ctx, r.actor!, params.id, body),
  );
  mount(app, routes.overrideRate, deps, async ({ params, body }, r) => {
    await overrideAttendanceRate(ctx, r.actor!, params.id, body);
  });
  mount(app, routes.register, deps, ({ query }, r) => leaveRegisterForActor(ctx, r.actor!, query));
  mount(app, routes.registerCsv, deps, async ({ query }, r, reply) => {
    const register = await leaveRegisterForActor(ctx, r.actor!, query);
    reply
      .header('content-type', `text/csv; charset=${query.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}`)
      .header('content-disposition', `attachment; filename="leave_register_${register.asOf}.csv"`)
      .send(encodeCsv(leaveRegisterRows(register) as CsvCell[][], query.encoding));
  });
}
