import type { FastifyInstance } from 'fastify';
import { requireActor } from '../../http/session.ts';
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
import { idParam } from '../staff/staff.routes.ts';

/** タイムカード (勤怠 > 実績), corrections with 修正履歴, 締め処理 and 勤務ルール (issue 6). */
export async function timecardRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const actor = requireActor(ctx);
  type WithId = { Params: { id: string } };

  app.get<WithId>('/timecards/:id', { preHandler: actor }, async (request) =>
    getTimecard(ctx, request.actor!, idParam(request.params.id), request.query),
  );
  app.post<WithId>('/timecards/:id/punches', { preHandler: actor }, async (request, reply) =>
    reply.status(201).send(
      await correctPunches(ctx, request.actor!, {
        kind: 'add',
        staffId: idParam(request.params.id),
        input: request.body,
      }),
    ),
  );
  app.put<{ Params: { id: string; date: string } }>(
    '/timecards/:id/days/:date',
    { preHandler: actor },
    async (request) =>
      correctDay(ctx, request.actor!, idParam(request.params.id), request.params.date, request.body),
  );
  app.patch<WithId>('/punches/:id', { preHandler: actor }, async (request) =>
    correctPunches(ctx, request.actor!, {
      kind: 'change',
      punchId: idParam(request.params.id),
      input: request.body,
    }),
  );
  app.delete<WithId>('/punches/:id', { preHandler: actor }, async (request) =>
    correctPunches(ctx, request.actor!, {
      kind: 'delete',
      punchId: idParam(request.params.id),
      input: request.body ?? {},
    }),
  );

  app.get('/period-locks', { preHandler: actor }, async (request) => listPeriodLocks(ctx, request.actor!));
  app.get('/period-locks/preview', { preHandler: actor }, async (request) =>
    previewPeriodLock(ctx, request.actor!, request.query),
  );
  app.post('/period-locks', { preHandler: actor }, async (request) =>
    setPeriodLock(ctx, request.actor!, request.body, true),
  );
  app.post('/period-locks/unlock', { preHandler: actor }, async (request) =>
    setPeriodLock(ctx, request.actor!, request.body, false),
  );

  app.get('/settings/work-rules', { preHandler: actor }, async (request) =>
    getWorkRules(ctx, request.actor!, { kind: 'contract' }),
  );
  app.put('/settings/work-rules', { preHandler: actor }, async (request) =>
    putWorkRules(ctx, request.actor!, { kind: 'contract' }, request.body),
  );
  app.get<WithId>('/offices/:id/work-rules', { preHandler: actor }, async (request) =>
    getWorkRules(ctx, request.actor!, { kind: 'office', officeId: idParam(request.params.id) }),
  );
  app.put<WithId>('/offices/:id/work-rules', { preHandler: actor }, async (request) =>
    putWorkRules(ctx, request.actor!, { kind: 'office', officeId: idParam(request.params.id) }, request.body),
  );
  app.get<WithId>('/staff/:id/work-rules', { preHandler: actor }, async (request) =>
    getWorkRules(ctx, request.actor!, { kind: 'staff', staffId: idParam(request.params.id) }),
  );
  app.put<WithId>('/staff/:id/work-rules', { preHandler: actor }, async (request) =>
    putWorkRules(ctx, request.actor!, { kind: 'staff', staffId: idParam(request.params.id) }, request.body),
  );
}
