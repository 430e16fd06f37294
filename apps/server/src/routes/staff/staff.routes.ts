import { AppError } from '@timecard/domain';
import type { FastifyInstance } from 'fastify';
import { requestLocale } from '../../http/locale.ts';
import { requireActor } from '../../http/session.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import {
  createStaffForActor,
  getStaffForActor,
  listStaffForActor,
  resendVerificationForActor,
  type StaffListQuery,
  updateStaffForActor,
} from '../../services/staff.service.ts';

const VERIFICATION_SENT = { ja: '認証メールを送信しました。', en: 'The verification mail has been sent.' };

export function idParam(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw new AppError('not_found');
  return id;
}

/** 従業員 / スタッフ管理 (docs/api.md "Staff"). */
export async function staffRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const actor = requireActor(ctx);
  type WithId = { Params: { id: string } };

  app.get<{ Querystring: StaffListQuery }>('/staff', { preHandler: actor }, async (request) =>
    listStaffForActor(ctx, request.actor!, request.query),
  );
  app.post('/staff', { preHandler: actor }, async (request, reply) =>
    reply.status(201).send(await createStaffForActor(ctx, request.actor!, request.body)),
  );
  app.get<WithId>('/staff/:id', { preHandler: actor }, async (request) =>
    getStaffForActor(ctx, request.actor!, idParam(request.params.id)),
  );
  app.patch<WithId>('/staff/:id', { preHandler: actor }, async (request) =>
    updateStaffForActor(ctx, request.actor!, idParam(request.params.id), request.body),
  );
  app.post<WithId>('/staff/:id/verification-mail', { preHandler: actor }, async (request) => {
    await resendVerificationForActor(ctx, request.actor!, idParam(request.params.id));
    return { message: VERIFICATION_SENT[requestLocale(request)] };
  });
}
