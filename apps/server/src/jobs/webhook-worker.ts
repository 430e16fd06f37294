import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isAppError, WEBHOOK_EVENT_ID_HEADER, WEBHOOK_SIGNATURE_HEADER } from '@timecard/domain';
import type { BaseLogger } from 'pino';
import { type Database, withTenant } from '../db/database.ts';
import { webhookDisabledMail } from '../mail/webhook-mails.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { enqueueMail } from '../repositories/mail-outbox.repository.ts';
import { listAdminEmails } from '../repositories/staff.repository.ts';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  countEndpointFailure,
  disableEndpoint,
  findContractsWithDueDeliveries,
  markAttemptFailed,
  markDelivered,
} from '../repositories/webhook.repository.ts';
import { signWebhook } from '../services/webhook-signature.ts';
import {
  parseWebhookUrl,
  type Resolver,
  resolveWebhookTarget,
  type WebhookAllowList,
} from '../services/webhook-target.ts';
import { startPoller } from './poller.ts';

/** A delivery is retried with growing waits for this long after its event, then fails. */
export const RETRY_WINDOW_SECONDS = 24 * 3600;
/** An endpoint whose attempts all failed for this long, and at least DISABLE_AFTER_FAILURES times in a row, is turned off. */
export const DISABLE_AFTER_SECONDS = 24 * 3600;
export const DISABLE_AFTER_FAILURES = 20;
/** The whole of one attempt: DNS, connection, request and the answer's status. */
export const DELIVERY_TIMEOUT_MS = 10_000;
const BATCH_SIZE = 10;
// A claimed batch is sent side by side within DELIVERY_TIMEOUT_MS; the lease leaves ample room, and a
// worker killed mid-send leaves its batch due again when it ends.
const LEASE_SECONDS = 60;

export interface WebhookWorkerOptions {
  database: Database;
  allowList: WebhookAllowList;
  /** The public address, named in the mail to administrators. */
  publicUrl: string;
  log: Pick<BaseLogger, 'info' | 'warn' | 'error'>;
  /** How often to look for due deliveries; 0 turns polling off (tests call drain()). Default 1000. */
  pollMs?: number;
  /** Only these contracts' deliveries (tests on a shared database); default all. */
  contractIds?: readonly string[];
  /** The clock (tests move it to reach the next retry). */
  now?: () => Date;
  resolve?: Resolver;
}

export interface WebhookWorker {
  stop(): Promise<void>;
  /** Sends every delivery due now; resolves with how many were delivered (2xx). */
  drain(): Promise<number>;
}

/**
 * The webhook delivery worker (issue 14, ADR 021), started by the server like the mail outbox
 * worker: claims due deliveries (per contract, FOR UPDATE SKIP LOCKED, a lease), POSTs each signed
 * body with a 10 s limit, and records the outcome — 2xx delivered; otherwise due again after a
 * growing wait (30 s, 1 min, 2 min … 1 h) until 24 h after the event, then failed. An endpoint
 * failing for 24 h (and 20 attempts in a row) is turned off and the administrators get a mail.
 */
export function startWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { database, log } = options;
  const pollMs = options.pollMs ?? 1000;
  const now = options.now ?? (() => new Date());
  const poller = startPoller({
    run: deliverAllDue,
    everyMs: pollMs,
    onError: (error) => log.error({ err: error }, 'webhook run failed; will try again'),
  });

  async function deliverAllDue(): Promise<number> {
    let delivered = 0;
    while (!poller.stopped) {
      const contracts = await findContractsWithDueDeliveries(database.db, now(), {
        limit: 100,
        contractIds: options.contractIds,
      });
      let claimedAny = false;
      for (const contractId of contracts) {
        if (poller.stopped) break;
        const batch = await claimDueDeliveries(database.db, contractId, {
          now: now(),
          limit: BATCH_SIZE,
          leaseSeconds: LEASE_SECONDS,
        });
        if (batch.length > 0) claimedAny = true;
        const outcomes = await Promise.all(batch.map((delivery) => deliverOne(delivery)));
        delivered += outcomes.filter(Boolean).length;
      }
      if (!claimedAny) break;
    }
    return delivered;
  }

  async function deliverOne(delivery: ClaimedDelivery): Promise<boolean> {
    const outcome = await send(delivery, options.allowList, now(), options.resolve);
    const at = now();
    const fields = {
      contractId: delivery.contractId,
      deliveryId: delivery.id,
      endpointId: delivery.endpointId,
      eventId: delivery.eventId,
      attempts: delivery.attempts,
    };
    if (outcome.ok) {
      await withTenant(database.db, delivery.contractId, (trx) =>
        markDelivered(trx, delivery.contractId, delivery, { statusCode: outcome.statusCode, at }),
      );
      log.info({ ...fields, statusCode: outcome.statusCode }, 'webhook delivered');
      return true;
    }
    const retryAt = nextAttemptAt(delivery.createdAt, delivery.attempts, at);
    await withTenant(database.db, delivery.contractId, async (trx) => {
      const recorded = await markAttemptFailed(trx, delivery.contractId, delivery, {
        statusCode: outcome.statusCode,
        error: outcome.error,
        at,
        retryAt,
      });
      if (!recorded) return;
      const streak = await countEndpointFailure(trx, delivery.contractId, delivery.endpointId, at);
      if (
        streak &&
        streak.consecutiveFailures >= DISABLE_AFTER_FAILURES &&
        streak.failingSince &&
        at.getTime() - streak.failingSince.getTime() >= DISABLE_AFTER_SECONDS * 1000
      ) {
        await disableAndTell(trx, delivery, streak.url, at);
      }
    });
    // Never the URL's query or the secret: only ids, the status and the error.
    const report = { ...fields, statusCode: outcome.statusCode, error: outcome.error };
    if (retryAt) log.warn({ ...report, retryAt }, 'webhook delivery failed; will retry');
    else log.error(report, 'webhook delivery failed; giving up');
    return false;
  }

  async function disableAndTell(
    trx: Parameters<typeof disableEndpoint>[0],
    delivery: ClaimedDelivery,
    url: string,
    at: Date,
  ) {
    if (!(await disableEndpoint(trx, delivery.contractId, delivery.endpointId, at))) return;
    await appendAudit(trx, delivery.contractId, {
      action: 'webhook.disabled',
      actorAccountId: null,
      actorStaffId: null,
      target: `webhook:${delivery.endpointId}`,
      details: { url },
    });
    const contract = await findContract(trx, delivery.contractId);
    const mail = webhookDisabledMail({
      contractName: contract?.name ?? delivery.contractId,
      url,
      link: `${options.publicUrl}/admin/settings/api`,
    });
    for (const to of await listAdminEmails(trx, delivery.contractId)) {
      await enqueueMail(trx, { contractId: delivery.contractId, to, ...mail });
    }
    log.warn(
      { contractId: delivery.contractId, endpointId: delivery.endpointId },
      'webhook endpoint disabled after failing for 24 h',
    );
  }

  return {
    stop: () => poller.stop(),
    drain() {
      if (poller.stopped) return Promise.reject(new Error('the webhook worker is stopped'));
      return poller.runNow();
    },
  };
}

/**
 * Seconds until the next try after `attempts` failed ones: 30, 60, 120 … capped at 3600.
 *
 * @example retryDelaySeconds(1) // 30
 * @example retryDelaySeconds(9) // 3600
 */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

/** When to try again, or null once the next try would fall past the 24 h after the event. */
export function nextAttemptAt(createdAt: Date, attempts: number, at: Date): Date | null {
  const next = new Date(at.getTime() + retryDelaySeconds(attempts) * 1000);
  return next.getTime() > createdAt.getTime() + RETRY_WINDOW_SECONDS * 1000 ? null : next;
}

type SendOutcome = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

/**
 * One attempt: the URL is checked again (its host resolved now, refused in a forbidden range) and
 * the request goes to the address that was checked. Redirects are not followed (a 3xx fails).
 */
async function send(
  delivery: ClaimedDelivery,
  allow: WebhookAllowList,
  at: Date,
  resolve: Resolver | undefined,
): Promise<SendOutcome> {
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  let target: Awaited<ReturnType<typeof resolveWebhookTarget>>;
  let url: ReturnType<typeof parseWebhookUrl>;
  try {
    url = parseWebhookUrl(delivery.url);
    target = await withTimeout(resolveWebhookTarget(url, allow, resolve), DELIVERY_TIMEOUT_MS);
  } catch (error) {
    return { ok: false, statusCode: null, error: describe(error) };
  }
  const signature = signWebhook(delivery.secret, delivery.body, Math.floor(at.getTime() / 1000));
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    } else callback(null, target.address, target.family);
  };
  return new Promise<SendOutcome>((done) => {
    const request = (url.url.protocol === 'https:' ? https : http).request(
      url.url,
      {
        method: 'POST',
        agent: false,
        lookup: pinned,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(delivery.body),
          'user-agent': 'Timecard-Webhooks/1',
          [WEBHOOK_EVENT_ID_HEADER]: delivery.eventId,
          'timecard-event-type': delivery.eventType,
          'timecard-delivery-id': String(delivery.id),
          [WEBHOOK_SIGNATURE_HEADER]: signature,
        },
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        // The answer's body is not kept; reading it lets the connection end.
        response.resume();
        response.on('end', () => clearTimeout(timer));
        response.on('error', () => clearTimeout(timer));
        done(
          statusCode >= 200 && statusCode < 300
            ? { ok: true, statusCode }
            : { ok: false, statusCode, error: `HTTP ${statusCode}` },
        );
      },
    );
    const timer = setTimeout(
      () => request.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`)),
      Math.max(0, deadline - Date.now()),
    );
    request.on('error', (error) => {
      clearTimeout(timer);
      done({ ok: false, statusCode: null, error: describe(error) });
    });
    request.end(delivery.body);
  });
}

function describe(error: unknown): string {
  if (isAppError(error)) return error.code;
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
