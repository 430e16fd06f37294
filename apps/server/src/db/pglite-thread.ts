import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { parse, serialize } from 'pg-protocol';
import type { FromWorker, ToWorker } from './pglite-worker.ts';

// Beside the bundle's chunks in dist/ (build.ts makes it an entry point), or beside this file in
// the source tree, where the worker registers tsx first (Node 20 workers do not inherit --import).
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_FILE = new URL(FROM_SOURCE ? './pglite-worker.ts' : './pglite-worker.mjs', import.meta.url);

/** PGlite running in a worker thread: wire-protocol bytes in, the backend's answer out. */
export class PGliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve(bytes: Uint8Array): void; reject(error: Error): void }>();
  #nextId = 1;
  #failure: Error | undefined;
  readonly ready: Promise<void>;
  #closed: (() => void) | undefined;

  constructor(pgdata: string) {
    this.#worker = FROM_SOURCE
      ? new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_FILE.href)}); })`,
          { eval: true, workerData: { pgdata } },
        )
      : new Worker(WORKER_FILE, { workerData: { pgdata } });
    this.ready = new Promise((resolve, reject) => {
      this.#worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'failed') reject(new Error(message.message));
        else if (message.type === 'closed') this.#closed?.();
        else {
          const waiting = this.#pending.get(message.id);
          this.#pending.delete(message.id);
          if (message.type === 'result') waiting?.resolve(message.bytes);
          else waiting?.reject(new Error(message.message));
        }
      });
      // The worker died (out of memory, a crash in PGlite): nothing more can be answered.
      const fail = (error: Error) => {
        this.#failure = error;
        reject(error);
        for (const waiting of this.#pending.values()) waiting.reject(error);
        this.#pending.clear();
        this.#closed?.();
      };
      this.#worker.on('error', fail);
      this.#worker.on('exit', (code) => fail(new Error(`the embedded database thread exited (${code})`)));
    });
  }

  /** Runs a buffer of protocol messages; resolves with everything the backend wrote back. */
  exec(bytes: Uint8Array): Promise<Uint8Array> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      const message: ToWorker = { type: 'exec', id, bytes };
      this.#worker.postMessage(message);
    });
  }

  /** Closes PGlite (a clean shutdown of the data directory) and ends the thread. */
  async close(): Promise<void> {
    if (!this.#failure) {
      await new Promise<void>((resolve) => {
        this.#closed = resolve;
        const message: ToWorker = { type: 'close' };
        this.#worker.postMessage(message);
      });
    }
    await this.#worker.terminate();
  }
}

/**
 * What node-postgres needs of a connection, over a PGliteThread (modelled on PGlite's own
 * node-postgres adapter): the messages of an extended query are gathered until Sync and sent in
 * one exchange with the thread; the answer is parsed and emitted as the socket's messages would be.
 */
class ThreadConnection extends EventEmitter {
  readonly #thread: PGliteThread;
  #outgoing: Buffer[] = [];
  readonly #incoming = new PassThrough();
  /** Exchanges with the thread, one after the other. */
  #chain: Promise<unknown> = Promise.resolve();
  _connecting = false;
  readonly stream = { destroy: () => this.end() };
  parsedStatements: Record<string, unknown> = {};
  submittedNamedStatements: Record<string, unknown> = {};

  constructor(thread: PGliteThread) {
    super();
    this.#thread = thread;
    void parse(this.#incoming, (message) => {
      this.emit('message', message);
      this.emit(message.name === 'error' ? 'errorMessage' : message.name, message);
    });
  }

  async connect() {
    this._connecting = true;
    await this.#thread.ready;
    process.nextTick(() => this.emit('readyForQuery'));
  }

  requestSsl() {}
  startup() {}
  password() {}
  cancel() {}
  ref() {}
  unref() {}

  query(text: string) {
    this.#outgoing.push(serialize.query(text));
    this.#send();
  }
  parse(query: Parameters<typeof serialize.parse>[0]) {
    this.#outgoing.push(serialize.parse(query));
  }
  bind(config: Parameters<typeof serialize.bind>[0]) {
    this.#outgoing.push(serialize.bind(config));
  }
  describe(message: Parameters<typeof serialize.describe>[0]) {
    this.#outgoing.push(serialize.describe(message));
  }
  execute(config: Parameters<typeof serialize.execute>[0]) {
    this.#outgoing.push(serialize.execute(config));
  }
  close(message: Parameters<typeof serialize.close>[0]) {
    this.#outgoing.push(serialize.close(message));
  }
  flush() {
    this.#send();
  }
  sync() {
    this.#outgoing.push(serialize.sync());
    this.#send();
  }
  sendCopyFromChunk(chunk: Buffer) {
    this.#outgoing.push(serialize.copyData(chunk));
  }
  endCopyFrom() {
    this.#outgoing.push(serialize.copyDone());
    this.#send();
  }
  sendCopyFail(message: string) {
    this.#outgoing.push(serialize.copyFail(message));
    this.#send();
  }

  /** The client is done with this connection; the pool's next client attaches its own listeners. */
  end() {
    this.#chain = this.#chain.then(() => this.emit('end'));
    for (const name of this.eventNames()) if (name !== 'newListener') this.removeAllListeners(name);
    this._connecting = false;
  }

  #send() {
    if (this.#outgoing.length === 0) return;
    const bytes = Buffer.concat(this.#outgoing);
    this.#outgoing = [];
    this.#chain = this.#chain
      .then(() => this.#thread.exec(bytes))
      .then((answer) => {
        this.#incoming.write(answer);
      })
      .catch((error: unknown) => this.emit('error', error));
  }
}

/** A node-postgres pool configuration whose one client talks to the thread. */
export function threadPoolConfig(thread: PGliteThread) {
  return {
    max: 1,
    user: 'postgres',
    database: 'postgres',
    password: 'unused',
    connection: new ThreadConnection(thread),
  };
}
