import type { ApprovalStep } from '@timecard/domain';
import { DEFAULT_APPROVAL_ROUTE } from '@timecard/domain';
import type { BaseLogger } from 'pino';
import { type Database, enterTenant, type Tx } from '../db/database.ts';
import { approverDigestMail, type MailRequest } from '../mail/request-mails.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { enqueueMail } from '../repositories/mail-outbox.repository.ts';
import {
  claimDueDigest,
  deleteDigest,
  listActiveAdmins,
  listOfficeDeciders,
  listUnnotified,
  markNotified,
  type RequestRow,
} from '../repositories/request.repository.ts';
import { findStaff } from '../repositories/staff.repository.ts';
import type { AuthContext } from '../services/auth.service.ts';
import { mailRequest } from '../services/request.service.ts';
import { startPoller } from './poller.ts';

export interface RequestDigestOptions {
  database: Database;
  publicUrl: string;
  /** New requests gather this long (from the first one) before the digest goes out. */
  delaySeconds: number;
  log: Pick<BaseLogger, 'info' | 'warn' | 'error'>;
  /** How often to look for due digests; 0 turns polling off (tests call runOnce()). Default 10 s. */
  pollMs?: number;
  now?: () => Date;
}

export interface RequestDigestJob {
  /** Sends every digest due now; resolves with how many contracts were done. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

interface Recipient {
  name: string;
  email: string;
  requests: MailRequest[];
}

/**
 * ワークフロー's mail to approvers (issue 18): one digest per approver of the requests that wait for
 * them, however many came in meanwhile. Each contract's digest is claimed, written to the mail
 * outbox and marked sent in one transaction (FOR UPDATE SKIP LOCKED on `request_digests`), so that
 * several server processes send it once, and a process killed midway leaves it to the next run.
 */
export function startRequestDigest(options: RequestDigestOptions): RequestDigestJob {
  const { database, log } = options;
  const pollMs = options.pollMs ?? 10_000;
  const poller = startPoller({
    run: runAll,
    everyMs: pollMs,
    firstAfterMs: Math.min(pollMs, 1000),
    onError: (error) => log.error({ err: error }, 'request digest failed; retrying on the next run'),
  });

  async function digestOne(): Promise<boolean> {
    const now = options.now ? options.now() : new Date();
    const due = new Date(now.getTime() - options.delaySeconds * 1000);
    return database.db.transaction().execute(async (trx) => {
      const contractId = await claimDueDigest(trx, due);
      if (!contractId) return false;
      await enterTenant(trx, contractId);
      const rows = await listUnnotified(trx, contractId);
      const ctx = { db: database.db, publicUrl: options.publicUrl } as AuthContext;
      const recipients = new Map<number, Recipient>();
      for (const row of rows) {
        for (const person of await approversOf(trx, contractId, row)) {
          if (!person.email) continue;
          const entry = recipients.get(person.id) ?? { name: person.name, email: person.email, requests: [] };
          entry.requests.push(mailRequest(ctx, row, true));
          recipients.set(person.id, entry);
        }
      }
      const contract = await findContract(trx, contractId);
      for (const r of recipients.values()) {
        const mail = approverDigestMail({
          name: r.name,
          contractName: contract?.name ?? contractId,
          requests: r.requests,
        });
        await enqueueMail(trx, { contractId, to: r.email, ...mail });
      }
      await markNotified(
        trx,
        contractId,
        rows.map((r) => r.id),
        now,
      );
      await deleteDigest(trx, contractId);
      return true;
    });
  }

  async function runAll(): Promise<number> {
    let done = 0;
    while (!poller.stopped && (await digestOne())) done += 1;
    return done;
  }

  return { runOnce: () => poller.runNow(), stop: () => poller.stop() };
}

/**
 * Who decides a request's current step: the step's person, or those with its right on the office;
 * when nobody is found (an office without managers), the administrators. Never the applicant.
 */
async function approversOf(trx: Tx, contractId: string, row: RequestRow) {
  const steps =
    (row.route as ApprovalStep[]).length > 0 ? (row.route as ApprovalStep[]) : DEFAULT_APPROVAL_ROUTE;
  const step = steps[row.step];
  let people: { id: number; name: string; email: string | null; isAdmin: boolean }[] = [];
  if (step?.type === 'person') {
    const person = await findStaff(trx, contractId, step.staffId);
    if (person && person.usage === 'active') people = [person];
  } else if (step?.type === 'right' && row.officeId !== null) {
    people = await listOfficeDeciders(trx, contractId, row.officeId, step.right, step.level);
  }
  people = people.filter((p) => p.id !== row.staffId);
  if (people.length === 0)
    people = (await listActiveAdmins(trx, contractId)).filter((p) => p.id !== row.staffId);
  return people;
}
