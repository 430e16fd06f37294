/**
 * A worker thread that owns the embedded PGlite (pglite-thread.ts starts it). It opens the data
 * directory, then answers each request — a buffer of PostgreSQL wire-protocol messages — with the
 * backend's raw answer. PGlite runs PostgreSQL on the thread that calls it; here that thread is not
 * the server's, so opening the database and running queries leave the event loop free.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

export type ToWorker = { type: 'exec'; id: number; bytes: Uint8Array } | { type: 'close' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; bytes: Uint8Array }
  | { type: 'error'; id: number; message: string }
  | { type: 'closed' };

const port = parentPort!;
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

const pglite = new PGlite((workerData as { pgdata: string }).pgdata);
pglite.waitReady.then(
  () => send({ type: 'ready' }),
  (error: unknown) =>
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
);

// One request at a time, in order: PGlite runs one statement at a time anyway.
let queue: Promise<unknown> = pglite.waitReady.catch(() => {});
port.on('message', (message: ToWorker) => {
  queue = queue.then(async () => {
    if (message.type === 'close') {
      await pglite.close();
      send({ type: 'closed' });
      return;
    }
    try {
      // PGlite answers with a copy of its output buffer, so it can be handed over (transferred).
      const bytes = await pglite.execProtocolRaw(message.bytes);
      send({ type: 'result', id: message.id, bytes }, [bytes.buffer as ArrayBuffer]);
    } catch (error) {
      send({
        type: 'error',
        id: message.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
});
