import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { enqueueMail, findMail } from '../repositories/mail-outbox.repository.ts';
import { uniqueContractId } from '../testing/factories.ts';
import { startJobProcesses } from '../testing/job-processes.ts';
import { mailTo, type SmtpTestServer, startSmtpTestServer } from '../testing/smtp-test-server.ts';
import { openTestDatabase } from '../testing/test-database.ts';

// Issue 21: the mail outbox with several server processes on one PostgreSQL — every mail goes out
// once, and the mails of a process killed mid-send go out once its lease ends. (PGlite is one
// process's database: these run on PostgreSQL only.)
const url = inject('databaseUrl');
let database: Database;
let smtp: SmtpTestServer;

beforeAll(async () => {
  database = await openTestDatabase();
  smtp = await startSmtpTestServer();
});
afterAll(async () => {
  await smtp.stop();
  await database.close();
});

function recipients(count: number) {
  const domain = `${uniqueContractId('p')}.example.com`;
  return { suffix: `@${domain}`, addresses: Array.from({ length: count }, (_, i) => `staff${i}@${domain}`) };
}

async function enqueueAll(addresses: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const to of addresses)
    ids.push(await enqueueMail(database.db, { contractId: null, to, subject: '複数プロセス', text: '本文' }));
  return ids;
}

const receivedBy = (address: string) => smtp.mails.filter((mail) => mailTo(mail).includes(address)).length;

/** An SMTP server that accepts connections and never greets: a send hangs there. */
async function startSilentSmtp(): Promise<{ url: string; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe.runIf(url)('the mail outbox across server processes', () => {
  it('sends every mail once when two processes drain the same outbox at once', async () => {
    const { suffix, addresses } = recipients(40);
    await enqueueAll(addresses);
    const order = { mode: 'outbox', smtpUrl: smtp.url, suffix, leaseSeconds: 900 };
    const ends = await Promise.all((await startJobProcesses(url!, [order, order])).map((p) => p.ended));
    for (const end of ends) expect(end.code, end.stderr).toBe(0);
    const drained = ends.map((end) => Number(/drained (\d+)/.exec(end.stdout)![1]));
    expect(drained[0]! + drained[1]!).toBe(40);
    for (const address of addresses) expect(receivedBy(address)).toBe(1);
  });

  it('sends the mails of a process killed mid-send once, after its lease ends', async () => {
    const { suffix, addresses } = recipients(5);
    const ids = await enqueueAll(addresses);
    const silent = await startSilentSmtp();
    try {
      const [doomed] = await startJobProcesses(url!, [
        { mode: 'outbox', smtpUrl: silent.url, suffix, leaseSeconds: 2 },
      ]);
      // Claimed (leased) and stuck in the send: then the process dies.
      for (;;) {
        const rows = await Promise.all(ids.map((id) => findMail(database.db, id)));
        if (rows.every((row) => row!.attempts === 1)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      doomed!.child.kill('SIGKILL');
      await doomed!.ended;
    } finally {
      await silent.stop();
    }
    expect(addresses.map(receivedBy)).toEqual([0, 0, 0, 0, 0]);
    // Another process drains until the lease has ended and the mails are due again.
    const order = { mode: 'outbox', smtpUrl: smtp.url, suffix, leaseSeconds: 900 };
    let delivered = 0;
    while (delivered < 5) {
      const [survivor] = await startJobProcesses(url!, [order]);
      const end = await survivor!.ended;
      expect(end.code, end.stderr).toBe(0);
      delivered += Number(/drained (\d+)/.exec(end.stdout)![1]);
    }
    expect(delivered).toBe(5);
    for (const address of addresses) expect(receivedBy(address)).toBe(1);
    for (const id of ids)
      expect(await findMail(database.db, id)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
