import { memoryStorage, type NewQueuedPunch, type QueuedPunch, type QueueStorage } from './punch-queue.ts';

const DB_NAME = 'timecard-terminal';
const STORE = 'punch-queue';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      // The auto-increment key is the order of the taps: the queue is sent in that order.
      request.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
}

/** Runs one request in its own transaction and resolves once the transaction is durable. */
async function run<T>(
  database: IDBDatabase,
  mode: IDBTransactionMode,
  make: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const transaction = database.transaction(STORE, mode, { durability: 'strict' });
  const result = promised(make(transaction.objectStore(STORE)));
  await new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
  return result;
}

/**
 * The queue in IndexedDB, so punches tapped offline survive a reload or a closed tab. Falls back to
 * memory where IndexedDB cannot be opened (some private windows).
 */
export function indexedDbStorage(): QueueStorage {
  let opened: Promise<QueueStorage> | null = null;
  const storage = (): Promise<QueueStorage> => {
    opened ??= (async () => {
      if (typeof indexedDB === 'undefined') return memoryStorage();
      try {
        const database = await openDatabase();
        return {
          async list() {
            const all = await run(database, 'readonly', (store) => store.getAll());
            return (all as QueuedPunch[]).sort((a, b) => a.seq - b.seq);
          },
          async add(entry: NewQueuedPunch) {
            const seq = await run(database, 'readwrite', (store) => store.add(entry));
            return { ...entry, seq: Number(seq) };
          },
          async remove(seq: number) {
            await run(database, 'readwrite', (store) => store.delete(seq));
          },
        } satisfies QueueStorage;
      } catch {
        return memoryStorage();
      }
    })();
    return opened;
  };
  return {
    list: async () => (await storage()).list(),
    add: async (entry) => (await storage()).add(entry),
    remove: async (seq) => (await storage()).remove(seq),
  };
}
