import { AppError, FEATURE_MIN_PLAN, planAllows } from '@timecard/domain';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../services/auth.service.ts';
import type { MountDeps } from './mount.ts';
import { CONSOLE_COOKIE, requireActor } from './session.ts';

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
