import { AppError, FEATURE_MIN_PLAN, type Plan, planAllows } from '@timecard/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actingContext } from '../db/acting-context.ts';
import { findLiveApiToken, touchApiToken } from '../repositories/api-token.repository.ts';
import { countInWindow } from '../repositories/throttle.repository.ts';
import { API_TOKEN_PREFIX } from '../services/api-token.service.ts';
import type { AuthContext } from '../services/auth.service.ts';
import { loadTerminal } from '../services/terminal.service.ts';
import { hashToken } from '../services/token.ts';
import type { MountDeps } from './mount.ts';
import { CONSOLE_COOKIE, requireActor } from './session.ts';
import { terminalToken } from './terminal-cookie.ts';

/** What one API token may ask in a minute (issue 14). */
export const API_TOKEN_REQUESTS_PER_MINUTE = 600;
const API_TOKEN_WINDOW_SECONDS = 60;

/**
 * The credential guards and the plan guard every contract route is mounted with (architecture.md,
 * API conventions; product.md §5). A route names its credentials and its feature in the contract;
 * nothing else checks a plan.
 */
export function mountDeps(ctx: AuthContext): MountDeps {
  return {
    credentials: {
      console: {
        present: (request: FastifyRequest) => Boolean(request.cookies[CONSOLE_COOKIE]),
        check: requireActor(ctx) as never,
      },
      terminal: {
        present: (request: FastifyRequest) => terminalToken(request) !== undefined,
        check: async (request: FastifyRequest) => {
          request.terminal = await loadTerminal(ctx, terminalToken(request)!);
        },
      },
      token: {
        present: (request: FastifyRequest) => bearerToken(request) !== null,
        check: async (request: FastifyRequest, reply: FastifyReply) => {
          const now = ctx.now?.() ?? new Date();
          const token = await findLiveApiToken(ctx.db, hashToken(bearerToken(request)!), now);
          if (!token) throw new AppError('api_token_invalid');
          // A budget per token and minute, counted atomically; the headers tell the caller where it
          // stands (draft-ietf-httpapi-ratelimit-headers).
          const { count, windowStart } = await countInWindow(
            ctx.db,
            `api:token:${token.contractId}:${token.id}`,
            API_TOKEN_WINDOW_SECONDS,
            now,
          );
          const reset = Math.max(
            0,
            Math.ceil((windowStart.getTime() + API_TOKEN_WINDOW_SECONDS * 1000 - now.getTime()) / 1000),
          );
          reply.header('ratelimit-limit', String(API_TOKEN_REQUESTS_PER_MINUTE));
          reply.header('ratelimit-remaining', String(Math.max(0, API_TOKEN_REQUESTS_PER_MINUTE - count)));
          reply.header('ratelimit-reset', String(reset));
          if (count > API_TOKEN_REQUESTS_PER_MINUTE)
            throw new AppError('rate_limited', { seconds: Math.max(1, reset) });
          // Tokens are an エンタープライズ capability: below it, a token opens nothing.
          if (!planAllows(token.plan as Plan, 'api_tokens')) {
            throw new AppError('plan_required', { plan: FEATURE_MIN_PLAN.api_tokens, feature: 'api_tokens' });
          }
          if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
            await touchApiToken(ctx.db, token.contractId, token.id, now);
          }
          request.apiToken = { id: token.id, name: token.name, scopes: token.scopes };
          const acting = actingContext();
          if (acting) acting.apiToken = { id: token.id, name: token.name };
          // The token acts with its maker's name in the 操作ログ and an administrator's reach,
          // narrowed by its scopes (checked by mount for every route).
          request.actor = {
            accountId: Number(token.createdByAccountId ?? 0),
            contractId: token.contractId,
            staffId: token.createdByStaffId ?? 0,
            isAdmin: true,
            plan: token.plan as Plan,
            roles: new Map(),
          };
        },
      },
    },
    requireFeature(request, feature) {
      const plan = request.actor?.plan;
      if (!plan) throw new AppError('unauthenticated');
      if (!planAllows(plan, feature)) {
        throw new AppError('plan_required', { plan: FEATURE_MIN_PLAN[feature], feature });
      }
    },
  };
}

/** `Authorization: Bearer tct_…`, or null. */
function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer (\S+)$/.exec(header);
  return match && match[1]!.startsWith(API_TOKEN_PREFIX) ? match[1]! : null;
}
