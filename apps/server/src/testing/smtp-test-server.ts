import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpTestServer {
  /** For SMTP_URL: `smtp://127.0.0.1:<port>`. */
  url: string;
  /** Every mail accepted so far, parsed, in order of arrival. */
  mails: ParsedMail[];
  /** The first mail (received or still to come) that matches; rejects after `timeoutMs`. */
  waitForMail(predicate: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  /** Refuses the next `count` mails at the end of DATA with `code` (4xx temporary, 5xx permanent). */
  failNext(count: number, code?: number): void;
  stop(): Promise<void>;
}

/** The address a parsed mail was sent to (its To header), for predicates. */
export function mailTo(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((group) => group.value.map((address) => address.address ?? ''));
}

/**
 * A real SMTP server in the test process (style.md §6: real SMTP, no mocks). Plain TCP on
 * 127.0.0.1 without STARTTLS or authentication, like a local relay.
 *
 * @example
 * const smtp = await startSmtpTestServer();
 * const config = loadConfig({ SMTP_URL: smtp.url, LOG_LEVEL: 'silent' });
 * const mail = await smtp.waitForMail((m) => mailTo(m).includes('a@example.com'));
 */
export async function startSmtpTestServer(): Promise<SmtpTestServer> {
  const mails: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  let failures: { remaining: number; code: number } = { remaining: 0, code: 451 };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        if (failures.remaining > 0) {
          failures = { ...failures, remaining: failures.remaining - 1 };
          const refusal = Object.assign(new Error('test server refuses this mail'), {
            responseCode: failures.code,
          });
          callback(refusal);
          return;
        }
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            mails.push(mail);
            for (const wake of waiters) wake();
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  // A client that drops its connection must not become an unhandled 'error' event.
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    waitForMail(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = mails.find(predicate);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timeout = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching mail within ${timeoutMs} ms (${mails.length} received)`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timeout);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    failNext(count, code = 451) {
      failures = { remaining: count, code };
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
