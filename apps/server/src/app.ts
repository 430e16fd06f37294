import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { AppError } from '@timecard/domain';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { Config, TrustProxy } from './config.ts';
import { runInActingContext } from './db/acting-context.ts';
import type { Database } from './db/database.ts';
import { registerErrorHandler, sendError } from './http/error-handler.ts';
import { serializeRequest } from './http/log-redaction.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { appRoutes } from './routes/app/app.routes.ts';
import { attendanceRoutes } from './routes/attendance/attendance.routes.ts';
import { authRoutes } from './routes/auth/auth.routes.ts';
import { dashboardRoutes } from './routes/dashboard/dashboard.routes.ts';
import { devMailboxRoutes } from './routes/dev/dev-mailbox.routes.ts';
import { apiDocsRoutes } from './routes/docs/api-docs.routes.ts';
import { healthRoutes } from './routes/health/health.routes.ts';
import { laborAlertRoutes } from './routes/labor-alerts/labor-alerts.routes.ts';
import { leaveRoutes } from './routes/leave/leave.routes.ts';
import { officeRoutes } from './routes/offices/offices.routes.ts';
import { planRoutes } from './routes/plans/plans.routes.ts';
import { reportRoutes } from './routes/reports/reports.routes.ts';
import { requestRoutes } from './routes/requests/requests.routes.ts';
import { settingsRoutes } from './routes/settings/settings.routes.ts';
import { shiftRoutes } from './routes/shifts/shifts.routes.ts';
import { signupRoutes } from './routes/signup/signup.routes.ts';
import { staffRoutes } from './routes/staff/staff.routes.ts';
import { staffImportRoutes } from './routes/staff/staff-imports.routes.ts';
import { terminalRoutes } from './routes/terminal/terminal.routes.ts';
import { terminalAdminRoutes } from './routes/terminals/terminals.routes.ts';
import { timecardRoutes } from './routes/timecards/timecards.routes.ts';
import { webhookRoutes } from './routes/webhooks/webhooks.routes.ts';
import type { AuthContext } from './services/auth.service.ts';
import { BackgroundTasks } from './services/background-tasks.ts';
import { WriteFaults } from './services/health.service.ts';
import { webhookAllowList } from './services/webhook-target.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Work requests started but did not wait for; tests wait with `app.background.idle()`. */
    background: BackgroundTasks;
  }
}

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface AppDeps {
  config: Config;
  database: Database;
  /** Serve the built web app (off in API-only tests). */
  serveWeb?: boolean;
  /** The services' clock (tests stop it, e.g. so that no throttle wait ends during a burst). */
  now?: () => Date;
  /** Told of every route as it is registered: the fuzz test walks them all. */
  onRoute?: (route: RouteOptions) => void;
}

/** Kept mail is shown only where no real mail server exists, and never in production. */
export function devMailboxEnabled(config: Pick<Config, 'production' | 'smtpUrl'>): boolean {
  return !config.production && !config.smtpUrl;
}

/** Builds the HTTP application: every route, the error format, request ids and the web app. */
export async function buildApp({
  config,
  database,
  serveWeb = true,
  now,
  onRoute,
}: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, serializers: { req: serializeRequest } },
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    trustProxy: trustProxyOption(config.trustProxy),
    // A URL Fastify cannot decode (`/staff/%ED%A0%80`) is answered before any route: same format.
    frameworkErrors: (error, request, reply) => {
      request.log.info({ err: error }, 'rejected request');
      sendError(request, reply, new AppError('bad_request'));
    },
    bodyLimit: 1024 * 1024,
    // Input is validated with zod at the service edge (packages/domain schemas), never with route
    // JSON schemas: without these two, Fastify would load Ajv and fast-json-stringify at every
    // start for nothing (~80 ms of a 2 s budget, bench/startup).
    schemaController: {
      compilersFactory: {
        buildValidator: () => () => {
          throw new Error('route JSON schemas are not used: validate with zod in the service');
        },
        buildSerializer: () => () => {
          throw new Error('response JSON schemas are not used');
        },
      },
    },
  });
  if (onRoute) app.addHook('onRoute', onRoute);
  // Each request its own acting context (the API token it came with, for the 操作ログ).
  app.addHook('onRequest', (_request, _reply, done) => runInActingContext(done));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerSecurityHeaders(app);
  const writeFaults = new WriteFaults();
  registerErrorHandler(app, { onDatabaseFault: (fault) => writeFaults.note(fault) });
  // JSON only: a cross-site form cannot send application/json without a CORS preflight, which
  // (with SameSite cookies and the CSRF header) keeps other sites from posting as our users.
  app.removeContentTypeParser('text/plain');
  await app.register(fastifyCookie);
  const devMailbox = devMailboxEnabled(config);
  await app.register(healthRoutes, { database, writeFaults });
  const background = new BackgroundTasks((error, task) =>
    app.log.error({ err: error, task }, 'background task failed'),
  );
  app.decorate('background', background);
  app.addHook('onClose', () => background.idle());
  const ctx: AuthContext = {
    db: database.db,
    publicUrl: config.publicUrl,
    background,
    webhookAllowList: webhookAllowList(config.webhookAllowHosts),
    ...(now ? { now } : {}),
  };
  await app.register(
    async (api) => {
      await api.register(authRoutes, { ctx });
      await api.register(appRoutes, { ctx });
      await api.register(signupRoutes, { ctx, localDevelopment: devMailbox });
      await api.register(staffRoutes, { ctx });
      await api.register(staffImportRoutes, { ctx });
      await api.register(officeRoutes, { ctx });
      await api.register(terminalRoutes, { ctx });
      await api.register(attendanceRoutes, { ctx });
      await api.register(settingsRoutes, { ctx });
      await api.register(terminalAdminRoutes, { ctx });
      await api.register(dashboardRoutes, { ctx });
      await api.register(timecardRoutes, { ctx });
      await api.register(reportRoutes, { ctx });
      await api.register(shiftRoutes, { ctx });
      await api.register(leaveRoutes, { ctx });
      await api.register(planRoutes, { ctx });
      await api.register(webhookRoutes, { ctx });
      await api.register(laborAlertRoutes, { ctx });
      await api.register(requestRoutes, { ctx });
    },
    { prefix: '/api/v1' },
  );
  if (devMailbox) await app.register(devMailboxRoutes, { database });
  await app.register(apiDocsRoutes);

  const hasWeb = serveWeb && existsSync(`${WEB_DIST}index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (hasWeb && request.method === 'GET' && !path.startsWith('/api/')) {
      // Client-side routes (/admin/..., /app/..., /clock/...) all load the single-page app.
      if (path.startsWith('/assets/')) return sendError(request, reply, new AppError('not_found'));
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(request, reply, new AppError('not_found'));
  });
  return app;
}

/**
 * Fastify's option for TRUST_PROXY. A hop count becomes "the socket and the n − 1 addresses before
 * it are proxies" (Fastify itself trusts no hop for a bare number): the client is then the address
 * the outermost proxy saw, whatever the client wrote to the left of it.
 */
function trustProxyOption(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}
