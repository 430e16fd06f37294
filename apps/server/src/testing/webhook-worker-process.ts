import pino from 'pino';
import { openDatabase } from '../db/database.ts';
import { startWebhookWorker } from '../jobs/webhook-worker.ts';
import { webhookAllowList } from '../services/webhook-target.ts';

// A webhook worker in a process of its own, for the test that kills one mid-delivery
// (jobs/webhook-worker.db.test.ts): DATABASE_URL, the one contract to serve in CONTRACT_ID.
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, poolSize: 2 });
startWebhookWorker({
  database,
  allowList: webhookAllowList(['127.0.0.1']),
  publicUrl: 'https://timecard.example.jp',
  log: pino({ level: 'silent' }),
  pollMs: 100,
  contractIds: [process.env.CONTRACT_ID!],
});
process.stdout.write('ready\n');
// The worker's timer does not hold a process open (unref); this one does, until the test kills it.
setInterval(() => {}, 60_000);
