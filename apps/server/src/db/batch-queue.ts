/** One item's outcome in a batch: its value, or the error that refuses only this item. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Entry<T, R> {
  item: T;
  resolve(value: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit. Items of one group (e.g. one contract) are written one batch at a time: items
 * submitted in the same turn of the event loop, or while a batch of their group is being written,
 * go together in the next batch, so N concurrent requests cost the round trips of a few statements
 * instead of N times as many. A batch starts on the next turn of the event loop (setImmediate, no
 * timer), so batching adds no real latency to an idle server; under load the batches grow by
 * themselves. The turn matters for the embedded database, whose queries run on this thread: the
 * requests that arrived meanwhile are read before the next batch starts, not after. Groups are
 * independent and run side by side.
 *
 * `write` answers one outcome per item, in order; when it throws, every item of that batch gets
 * the error.
 */
export class BatchQueue<T, R> {
  readonly #waiting = new Map<string, Entry<T, R>[]>();

  constructor(
    private readonly write: (group: string, items: T[]) => Promise<Settled<R>[]>,
    private readonly maxBatch = 200,
  ) {}

  submit(group: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const waiting = this.#waiting.get(group);
      if (waiting) {
        waiting.push({ item, resolve, reject });
        return;
      }
      const entries = [{ item, resolve, reject }];
      this.#waiting.set(group, entries);
      setImmediate(() => void this.#drain(group, entries));
    });
  }

  /** Writes the group's waiting items batch after batch until none is left. */
  async #drain(group: string, waiting: Entry<T, R>[]): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting.splice(0, this.maxBatch);
      let outcomes: Settled<R>[];
      try {
        outcomes = await this.write(
          group,
          batch.map((entry) => entry.item),
        );
      } catch (error) {
        outcomes = batch.map(() => ({ ok: false, error }));
      }
      batch.forEach((entry, index) => {
        const outcome = outcomes[index] ?? { ok: false, error: new Error('batch answered too few outcomes') };
        if (outcome.ok) entry.resolve(outcome.value);
        else entry.reject(outcome.error);
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.#waiting.delete(group);
  }
}
