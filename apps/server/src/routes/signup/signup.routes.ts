import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { isSameMachineRequest } from '../../http/local-request.ts';
import { requestLocale } from '../../http/locale.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import { isContractIdAvailable, signUp } from '../../services/contract.service.ts';

const SIGNUP_ACCEPTED = {
  ja: 'ご登録ありがとうございます。認証メールをお送りしました。メールのリンクからパスワードを設定してください。',
  en: 'Thank you for signing up. We have sent a verification mail: set your password from its link.',
};

/**
 * 新規登録 (sign-up) and the 契約ID availability check, written once in @timecard/contract.
 * `localDevelopment` (the dev mailbox is on: no SMTP, not production) lets a browser on this
 * machine sign up without the per-address limit, as the demo and the browser tests do; mail then
 * never leaves the machine.
 */
export async function signupRoutes(
  app: FastifyInstance,
  { ctx, localDevelopment }: { ctx: AuthContext; localDevelopment: boolean },
) {
  const deps = mountDeps(ctx);
  mount(app, api.signup.signup, deps, async ({ body }, request) => {
    const local = localDevelopment && isSameMachineRequest(request);
    await signUp(ctx, body, { ip: request.ip, limitPerAddress: !local });
    return { message: SIGNUP_ACCEPTED[requestLocale(request)] };
  });
  mount(app, api.signup.contractIdAvailable, deps, async ({ query }) => ({
    available: await isContractIdAvailable(ctx.db, query.id),
  }));
}
