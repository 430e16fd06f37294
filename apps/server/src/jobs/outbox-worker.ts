import type { BaseLogger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { createMailTransport, type MailTransport, outboxMessageId } from '../mail/mail-transport.ts';
import {
  claimDueMails,
  keepDueMails,
  markMailFailed,
  markMailSent,
  type OutboxMail,
  type OutboxScope,
} from '../repositories/mail-outbox.repository.ts';
import { startPoller } from './poller.ts';

/** After this many failed attempts (about 4 h of retries) a mail is marked 'failed'. */
export const MAX_ATTEMPTS = 10;
const BATCH_SIZE = 10;
// A claimed batch must be sent before its lease ends, or another worker may send it again:
// 10 mails × the transport's worst case (10 s connect + 10 s greeting + 30 s idle) is well under it.
const LEASE_SECONDS = 15 * 60;

export interface OutboxWorkerOptions {
  database: Database;
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'production'>;
  /** A pino logger (the app's `app.log`). */
  log: Pick<BaseLogger, 'info' | 'warn' | 'error'>;
  /** How often to look for due mail; 0 turns polling off (tests call drain()). Default 1000. */
  pollMs?: number;
  /** Only these mails (tests on a shared database); default all. */
  scope?: OutboxScope;
  /** How long a claimed batch is this worker's (default 15 min); tests of a killed worker shorten it. */
  leaseSeconds?: number;
}

export interface OutboxWorker {
  /** Ends polling, waits for the batch in flight, closes the SMTP transport. Mail left stays queued. */
  stop(): Promise<void>;
  /**
   * Sends (or, without SMTP_URL, keeps) every mail due now and resolves with how many were
   * delivered or kept. A failed delivery is not counted: it stays pending for a later retry.
   */
  drain(): Promise<number>;
}

/**
 * Delivers the mail outbox: claims due mails, sends each over SMTP, and records the outcome. A
 * failure keeps the mail pending with a growing delay (1, 2, 4 … 60 min), so an SMTP outage loses
 * nothing. Without SMTP_URL the mails are marked 'kept' for the dev mailbox instead.
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { database, config, log, scope } = options;
  const pollMs = options.pollMs ?? 1000;
  const leaseSeconds = options.leaseSeconds ?? LEASE_SECONDS;
  const transport: MailTransport | undefined = config.smtpUrl
    ? createMailTransport({ smtpUrl: config.smtpUrl, mailFrom: config.mailFrom })
    : undefined;
  if (!transport && config.production) {
    log.warn('SMTP_URL is not set: mail is kept in the database and not delivered');
  }

  // Runs are chained, never concurrent: a poll and a drain() must not send the same batch twice.
  const poller = startPoller({
    run: deliverAllDue,
    everyMs: pollMs,
    onError: (error) => log.error({ err: error }, 'mail outbox run failed; will try again'),
  });

  async function deliverAllDue(): Promise<number> {
    let delivered = 0;
    while (!poller.stopped) {
      const batch = transport
        ? await sendBatch(transport)
        : await keepDueMails(database.db, { limit: BATCH_SIZE, scope }).then(logKept);
      delivered += batch.delivered;
      if (batch.claimed < BATCH_SIZE) break;
    }
    return delivered;
  }

  async function sendBatch(smtp: MailTransport) {
    const mails = await claimDueMails(database.db, { limit: BATCH_SIZE, leaseSeconds, scope });
    let delivered = 0;
    for (const mail of mails) {
      try {
        await smtp.send({
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: outboxMessageId(mail, config.mailFrom),
        });
      } catch (error) {
        await recordFailure(mail, error);
        continue;
      }
      await markMailSent(database.db, mail.id);
      delivered += 1;
      log.info({ mailId: mail.id, contractId: mail.contractId, attempts: mail.attempts }, 'mail sent');
    }
    return { claimed: mails.length, delivered };
  }

  async function recordFailure(mail: OutboxMail, error: unknown) {
    const retryInSeconds = retryDelaySeconds(mail.attempts);
    const message = error instanceof Error ? error.message : String(error);
    await markMailFailed(database.db, { id: mail.id, error: message, retryInSeconds });
    const fields = { mailId: mail.id, contractId: mail.contractId, attempts: mail.attempts, err: error };
    if (retryInSeconds === null) log.error(fields, 'mail delivery failed; giving up');
    else log.warn({ ...fields, retryInSeconds }, 'mail delivery failed; will retry');
  }

  function logKept(mails: OutboxMail[]) {
    for (const mail of mails) {
      if (config.production) {
        log.warn({ mailId: mail.id, contractId: mail.contractId }, 'mail kept undelivered (no SMTP_URL)');
      } else {
        // Never the text: its links log anyone in, and logs travel further than this machine.
        log.info(
          { mailId: mail.id, to: mail.to, subject: mail.subject },
          'mail kept for the dev mailbox (/dev/mailbox)',
        );
      }
    }
    return { claimed: mails.length, delivered: mails.length };
  }

  return {
    async stop() {
      if (poller.stopped) return;
      await poller.stop();
      transport?.close();
    },
    drain() {
      if (poller.stopped) return Promise.reject(new Error('the outbox worker is stopped'));
      return poller.runNow();
    },
  };
}

/**
 * Seconds until the next try after `attempts` failed ones: 60, 120, 240 … capped at 3600; null
 * once MAX_ATTEMPTS is reached (the mail is then 'failed' and needs an operator's retry).
 *
 * @example retryDelaySeconds(1) // 60
 * @example retryDelaySeconds(7) // 3600
 */
export function retryDelaySeconds(attempts: number): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return Math.min(60 * 2 ** Math.max(0, attempts - 1), 3600);
}
