import { AppError, type Locale } from '@timecard/domain';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.ts';
import { errorBody } from '../../http/error-handler.ts';
import { requestLocale } from '../../http/locale.ts';
import {
  checkLiveness,
  checkReadiness,
  type HealthResult,
  type WriteFaults,
} from '../../services/health.service.ts';

/**
 * Liveness (/healthz: the database answers) and readiness (/readyz: it also accepts a write): 200,
 * or 503 with the error code (database_unavailable, database_write_failed with its cause).
 */
export async function healthRoutes(
  app: FastifyInstance,
  { database, writeFaults }: { database: Database; writeFaults: WriteFaults },
) {
  const failure = (result: Extract<HealthResult, { ok: false }>, locale: Locale) => {
    const { error } = errorBody(new AppError(result.fault.code), locale);
    return {
      ...error,
      ...('cause' in result.fault ? { cause: result.fault.cause, sqlState: result.fault.sqlState } : {}),
    };
  };

  app.get('/healthz', async (request, reply) => {
    const result = await checkLiveness(database.db);
    if (result.ok) return { status: 'ok', engine: database.engine };
    return reply.status(503).send({
      status: 'unavailable',
      engine: database.engine,
      error: failure(result, requestLocale(request)),
    });
  });

  app.get('/readyz', async (request, reply) => {
    const result = await checkReadiness(database.db, writeFaults);
    if (result.ok) return { status: 'ready' };
    request.log.warn({ err: result.error, fault: result.fault }, 'not ready: the database fails');
    return reply.status(503).send({ status: 'unavailable', error: failure(result, requestLocale(request)) });
  });
}
