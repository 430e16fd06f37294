import { api } from '@timecard/contract';
import { AppError } from '@timecard/domain';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { requestLocale } from '../../http/locale.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import { passcodeWarningsForActor } from '../../services/dashboard.service.ts';
import {
  createStaffForActor,
  getStaffForActor,
  listStaffForActor,
  resendVerificationForActor,
  updateStaffForActor,
} from '../../services/staff.service.ts';

const VERIFICATION_SENT = { ja: '認証メールを送信しました。', en: 'The verification mail has been sent.' };

export function idParam(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw new AppError('not_found');
  return id;
}

/** 従業員 / スタッフ管理, written once in @timecard/contract (areas/staff). */
export async function staffRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  const routes = api.staff;
  mount(app, routes.list, deps, ({ query }, r) => listStaffForActor(ctx, r.actor!, query));
  mount(app, routes.create, deps, ({ body }, r) => createStaffForActor(ctx, r.actor!, body));
  mount(app, routes.passcodeWarnings, deps, ({ query }, r) => passcodeWarningsForActor(ctx, r.actor!, query));
  mount(app, routes.get, deps, ({ params }, r) => getStaffForActor(ctx, r.actor!, params.id));
  mount(app, routes.update, deps, ({ params, body }, r) =>
    updateStaffForActor(ctx, r.actor!, params.id, body),
  );
  mount(app, routes.sendVerificationMail, deps, async ({ params }, r) => {
    await resendVerificationForActor(ctx, r.actor!, params.id);
    return { message: VERIFICATION_SENT[requestLocale(r)] };
  });
}
