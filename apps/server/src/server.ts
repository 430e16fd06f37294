import type { FastifyBaseLogger } from 'fastify';
import { buildApp, devMailboxEnabled } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import type { EmbeddedDatabase } from './db/embedded.ts';
import { migrateToLatest } from './db/migrate.ts';
import { announceDemoContract } from './demo-banner.ts';
import { type EmbeddedMaintenance, startEmbeddedMaintenance } from './jobs/embedded-maintenance.ts';
import { type LaborAlertWorker, startLaborAlertWorker } from './jobs/labor-alert-worker.ts';
import { type LeaveGrantJob, startLeaveGrantJob } from './jobs/leave-grant-job.ts';
import { type OutboxWorker, startOutboxWorker } from './jobs/outbox-worker.ts';
import { type PhotoPurge, startPhotoPurge } from './jobs/photo-purge.ts';
import { type RequestDigestJob, startRequestDigest } from './jobs/request-digest.ts';
import { startWebhookWorker, type WebhookWorker } from './jobs/webhook-worker.ts';
import { DEV_MAILBOX_PATH } from './routes/dev/dev-mailbox.routes.ts';
import { seedDemoIfEmpty } from './services/demo.service.ts';
import { webhookAllowList } from './services/webhook-target.ts';

/**
 * Everything of a start but opening the embedded database, which main.ts began: the configuration,
 * the database, migrations, the app, the demo contract on a first start, the listener, the workers and
 * a graceful shutdown on SIGTERM/SIGINT.
 */
export async function startServer(embedded?: Promise<EmbeddedDatabase>): Promise<void> {
  const config = loadConfig();
  let log: FastifyBaseLogger | undefined;
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embedded,
    // PostgreSQL restarted or the network dropped: requests answer 503 meanwhile, and the pool
    // reconnects at the next query (issue 12 §2).
    onConnectionLost: (error) =>
      log?.warn(
        { err: error },
        'データベース接続が切れました / database connection lost; reconnecting on demand',
      ),
  });
  // The app is built while the embedded database may still be opening; migrations wait for it.
  const app = await buildApp({ config, database });
  log = app.log;
  await migrateToLatest(database.db);
  const demo = config.demo ? await seedDemoIfEmpty(database.db) : null;
  let outbox: OutboxWorker | undefined;
  let webhooks: WebhookWorker | undefined;
  let maintenance: EmbeddedMaintenance | undefined;
  let leaveGrants: LeaveGrantJob | undefined;
  let photoPurge: PhotoPurge | undefined;
  let laborAlerts: LaborAlertWorker | undefined;
  let digest: RequestDigestJob | undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // A keep-alive connection whose request was in flight goes idle only after close() began, and
    // would hold the exit for the keep-alive timeout (72 s): close such connections as they idle.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    await app.close();
    clearInterval(sweep);
    await digest?.stop();
    await outbox?.stop();
    await webhooks?.stop();
    await laborAlerts?.stop();
    await maintenance?.stop();
    await leaveGrants?.stop();
    await photoPurge?.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  outbox = startOutboxWorker({ database, config, log: app.log });
  webhooks = startWebhookWorker({
    database,
    allowList: webhookAllowList(config.webhookAllowHosts),
    publicUrl: config.publicUrl,
    log: app.log,
  });
  laborAlerts = startLaborAlertWorker({ database, publicUrl: config.publicUrl, log: app.log });
  digest = startRequestDigest({
    database,
    publicUrl: config.publicUrl,
    delaySeconds: config.requestDigestSeconds,
    log: app.log,
  });
  if (database.engine === 'pglite') maintenance = startEmbeddedMaintenance({ database, log: app.log });
  leaveGrants = startLeaveGrantJob({ database, log: app.log });
  photoPurge = startPhotoPurge({ database, log: app.log });
  app.log.info(
    { engine: database.engine, url: config.publicUrl },
    `タイムカードを起動しました / Timecard is running at ${config.publicUrl}`,
  );
  if (devMailboxEnabled(config)) {
    const mailbox = `http://localhost:${config.port}${DEV_MAILBOX_PATH}`;
    app.log.info(
      { devMailbox: mailbox },
      `開発用メールボックス（SMTP_URL 未設定・このマシンのブラウザからのみ）/ dev mailbox (no SMTP_URL; only from a browser on this machine): ${mailbox}`,
    );
  }
  // Printed once, on the first start only, last so that it is what the person sees, and never in
  // the JSON log: the password is stored nowhere in clear.
  if (demo) announceDemoContract(demo, config.publicUrl, app.log);
}
