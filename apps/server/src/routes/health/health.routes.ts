import type { FastifyInstance } from 'fastify';
import { type Database, ping } from '../../db/database.ts';

/** Liveness and readiness: 200 when the database answers, 503 when it does not. */
export async function healthRoutes(app: FastifyInstance, { database }: { database: Database }) {
  const check = async () => ({ ok: await ping(database.db), engine: database.engine });
  app.get('/healthz', async (_request, reply) => {
    const result = await check();
    return reply
      .status(result.ok ? 200 : 503)
      .send({ status: result.ok ? 'ok' : 'unavailable', engine: result.engine });
  });
  app.get('/readyz', async (_request, reply) => {
    const result = await check();
    return reply.status(result.ok ? 200 : 503).send({ status: result.ok ? 'ready' : 'unavailable' });
  });
}
