import type { FastifyInstance } from 'fastify';
import { isSameMachineRequest } from '../../http/local-request.ts';
import { requestLocale } from '../../http/locale.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import { isContractIdAvailable, signUp } from '../../services/contract.service.ts';

const SIGNUP_ACCEPTED = {
  ja: 'ご登録ありがとうございます。認証メールをお送りしました。メールのリンクからパスワードを設定してください。',
  en: 'Thank you for signing up. We have sent a verification mail: set your password from its link.',
};

/**
 * 新規登録 (sign-up) and the 契約ID availability check. `localDevelopment` (the dev mailbox is on:
 * no SMTP, not production) lets a browser on this machine sign up without the per-address limit,
 * as the demo and the browser tests do; mail then never leaves the machine.
 */
export async function signupRoutes(
  app: FastifyInstance,
  { ctx, localDevelopment }: { ctx: AuthContext; localDevelopment: boolean },
) {
  app.post('/signup', async (request, reply) => {
    const local = localDevelopment && isSameMachineRequest(request);
    await signUp(ctx, request.body as never, { ip: request.ip, limitPerAddress: !local });
    return reply.status(201).send({ message: SIGNUP_ACCEPTED[requestLocale(request)] });
  });

  app.get<{ Querystring: { id?: string } }>('/signup/contract-id', async (request) => ({
    available: await isContractIdAvailable(ctx.db, request.query.id ?? ''),
  }));
}
