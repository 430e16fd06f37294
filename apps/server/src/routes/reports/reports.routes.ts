import type { FastifyInstance } from 'fastify';
import { acceptCsvBodies } from '../../http/csv-body.ts';
import { requireActor } from '../../http/session.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import { importPunchesCsv } from '../../services/punch-import.service.ts';
import {
  attendanceCsv,
  attendanceSummaryForActor,
  type ReportQuery,
  ReportQuerySchema,
} from '../../services/report.service.ts';
import { parseOrThrow } from '../../services/validation.ts';

/** 集計・出力: the monthly summary as JSON for the screen and as the payroll CSV; punch CSV upload. */
export async function reportRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const actor = requireActor(ctx);
  acceptCsvBodies(app);

  app.get<{ Querystring: ReportQuery }>('/reports/attendance', { preHandler: actor }, async (request) =>
    attendanceSummaryForActor(ctx, request.actor!, request.query),
  );

  app.get<{ Querystring: ReportQuery }>(
    '/reports/attendance.csv',
    { preHandler: actor },
    async (request, reply) => {
      const query = parseOrThrow(ReportQuerySchema, request.query);
      const summary = await attendanceSummaryForActor(ctx, request.actor!, request.query);
      const body = attendanceCsv(summary.rows, { encoding: query.encoding, hours: query.hours });
      const name = `attendance_${summary.from}_${summary.to}.csv`;
      return reply
        .header('content-type', `text/csv; charset=${query.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}`)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(body);
    },
  );

  app.post('/punch-imports', { preHandler: actor }, async (request, reply) =>
    reply.status(201).send(await importPunchesCsv(ctx, request.actor!, request.body as Buffer)),
  );
}
