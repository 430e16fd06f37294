import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { acceptCsvBodies } from '../../http/csv-body.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import { encodeCsv } from '../../services/csv-writer.ts';
import { csvRejectionAsFields } from '../../services/punch-import.service.ts';
import {
  copyShifts,
  createPattern,
  deletePattern,
  listPatterns,
  myShifts,
  myWishes,
  openWishPeriod,
  publishShiftTable,
  saveMyWish,
  saveShiftCells,
  shiftTable,
  updatePattern,
} from '../../services/shift.service.ts';
import { exportShiftsCsv, importShiftsCsv } from '../../services/shift-import.service.ts';

/** シフト管理 (issue 15), written once in @timecard/contract: each route's input, answer and plan. */
export async function shiftRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  const routes = api.shifts;
  acceptCsvBodies(app);
  mount(app, routes.listPatterns, deps, ({ params }, r) => listPatterns(ctx, r.actor!, params.id));
  mount(app, routes.createPattern, deps, ({ params, body }, r) =>
    createPattern(ctx, r.actor!, params.id, body),
  );
  mount(app, routes.updatePattern, deps, ({ params, body }, r) =>
    updatePattern(ctx, r.actor!, params.id, body),
  );
  mount(app, routes.deletePattern, deps, async ({ params }, r) => {
    await deletePattern(ctx, r.actor!, params.id);
  });
  mount(app, routes.table, deps, ({ params, query }, r) => shiftTable(ctx, r.actor!, params.id, query));
  mount(app, routes.saveCells, deps, ({ params, body }, r) =>
    saveShiftCells(ctx, r.actor!, params.id, body.cells),
  );
  mount(app, routes.publish, deps, ({ params, body }, r) =>
    publishShiftTable(ctx, r.actor!, params.id, body),
  );
  mount(app, routes.copy, deps, ({ params, body }, r) => copyShifts(ctx, r.actor!, params.id, body));
  mount(app, routes.importCsv, deps, ({ params, body }, r) =>
    importShiftsCsv(ctx, r.actor!, params.id, body).catch((error) => {
      throw csvRejectionAsFields(error);
    }),
  );
  mount(app, routes.exportCsv, deps, async ({ params, query }, r, reply) => {
    const rows = await exportShiftsCsv(ctx, r.actor!, params.id, query);
    reply
      .header('content-type', `text/csv; charset=${query.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}`)
      .header(
        'content-disposition',
        `attachment; filename="shifts_${params.id}_${query.from}_${query.to}.csv"`,
      )
      .send(encodeCsv(rows, query.encoding));
  });
  mount(app, routes.openWishes, deps, ({ params, body }, r) =>
    openWishPeriod(ctx, r.actor!, params.id, body),
  );
  mount(app, routes.myWishes, deps, ({ query }, r) => myWishes(ctx, r.actor!, query));
  mount(app, routes.saveMyWish, deps, ({ body }, r) => saveMyWish(ctx, r.actor!, body));
  mount(app, routes.myShifts, deps, ({ query }, r) => myShifts(ctx, r.actor!, query));
}
