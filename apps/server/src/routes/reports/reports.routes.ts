import { Readable } from 'node:stream';
import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { acceptCsvBodies } from '../../http/csv-body.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import {
  attendanceCsvForActor,
  createLayout,
  deleteLayout,
  listLayouts,
  previewLayout,
  updateLayout,
} from '../../services/export-layout.service.ts';
import { importPunchesCsv } from '../../services/punch-import.service.ts';
import { attendanceSummaryForActor } from '../../services/report.service.ts';

/**
 * 集計・出力: the monthly summary as JSON for the screen and as the payroll CSV; punch CSV upload.
 * Written once in @timecard/contract.
 */
export async function reportRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  const routes = api.reports;
  acceptCsvBodies(app);

  mount(app, routes.attendance, deps, ({ query }, r) => attendanceSummaryForActor(ctx, r.actor!, query));
  mount(app, routes.attendanceCsv, deps, async ({ query }, r, reply) => {
    const file = await attendanceCsvForActor(ctx, r.actor!, query);
    const name = `attendance_${file.from}_${file.to}.csv`;
    return (
      reply
        .header('content-type', `text/csv; charset=${file.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}`)
        .header('content-disposition', `attachment; filename="${name}"`)
        // Streamed a page of people at a time (issue 21): a contract of 10,000 starts at once.
        .send(Readable.from(file.body))
    );
  });
  mount(app, routes.listLayouts, deps, (_input, r) => listLayouts(ctx, r.actor!));
  mount(app, routes.createLayout, deps, ({ body }, r) => createLayout(ctx, r.actor!, body));
  mount(app, routes.previewLayout, deps, async ({ body }, r) => previewLayout(r.actor!, body));
  mount(app, routes.updateLayout, deps, ({ params, body }, r) =>
    updateLayout(ctx, r.actor!, params.id, body),
  );
  mount(app, routes.deleteLayout, deps, async ({ params }, r) => {
    await deleteLayout(ctx, r.actor!, params.id);
  });
  mount(app, routes.importPunches, deps, ({ body }, r) => importPunchesCsv(ctx, r.actor!, body));
}
