import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { acceptCsvBodies } from '../../http/csv-body.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import { importPunchesCsv } from '../../services/punch-import.service.ts';
import { attendanceCsv, attendanceSummaryForActor } from '../../services/report.service.ts';

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
    const summary = await attendanceSummaryForActor(ctx, r.actor!, query);
    const body = attendanceCsv(summary.rows, { encoding: query.encoding, hours: query.hours });
    const name = `attendance_${summary.from}_${summary.to}.csv`;
    reply
      .header('content-type', `text/csv; charset=${query.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}`)
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(body);
  });
  mount(app, routes.importPunches, deps, ({ body }, r) => importPunchesCsv(ctx, r.actor!, body));
}
