import { describe, expect, it } from 'vitest';
import { BatchQueue, type Settled } from './batch-queue.ts';

/** A write that records its batches and finishes only when the test lets it. */
function gatedWriter() {
  const batches: { group: string; items: number[] }[] = [];
  const gates: (() => void)[] = [];
  const write = async (group: string, items: number[]): Promise<Settled<number>[]> => {
    batches.push({ group, items });
    await new Promise<void>((resolve) => gates.push(resolve));
    return items.map((n) =>
      n < 0 ? { ok: false, error: new Error(`refused ${n}`) } : { ok: true, value: n * 10 },
    );
  };
  const openNext = async () => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()!();
  };
  return { batches, write, openNext };
}

describe('BatchQueue (group commit)', () => {
  it('writes the items of one turn together, and those that arrive while it writes in the next batch, in order', async () => {
    const writer = gatedWriter();
    const queue = new BatchQueue(writer.write);
    const first = [1, 2].map((n) => queue.submit('c1', n));
    await writer.openNext();
    const rest = [3, 4, 5].map((n) => queue.submit('c1', n));
    expect(await Promise.all(first)).toEqual([10, 20]);
    await writer.openNext();
    expect(await Promise.all(rest)).toEqual([30, 40, 50]);
    expect(writer.batches).toEqual([
      { group: 'c1', items: [1, 2] },
      { group: 'c1', items: [3, 4, 5] },
    ]);
  });

  it('writes a lone item without waiting for company', async () => {
    const queue = new BatchQueue<number, number>(async (_group, items) =>
      items.map((n) => ({ ok: true, value: n })),
    );
    expect(await queue.submit('c', 7)).toBe(7);
  });

  it('runs groups side by side and keeps their items apart', async () => {
    const writer = gatedWriter();
    const queue = new BatchQueue(writer.write);
    const a = queue.submit('a', 1);
    const b = queue.submit('b', 2);
    await new Promise((resolve) => setImmediate(resolve));
    // Both are being written at once: neither waits for the other.
    expect(writer.batches).toEqual([
      { group: 'a', items: [1] },
      { group: 'b', items: [2] },
    ]);
    await writer.openNext();
    await writer.openNext();
    expect([await a, await b]).toEqual([10, 20]);
  });

  it('refuses only the item whose outcome is an error, and all of a batch whose write throws', async () => {
    const writer = gatedWriter();
    const queue = new BatchQueue(writer.write);
    const good = queue.submit('c', 1);
    const bad = queue.submit('c', -1);
    await writer.openNext();
    expect(writer.batches).toEqual([{ group: 'c', items: [1, -1] }]);
    expect(await good).toBe(10);
    await expect(bad).rejects.toThrow('refused -1');

    let calls = 0;
    const failing = new BatchQueue<number, number>(async (_group, items) => {
      calls += 1;
      if (calls === 2) throw new Error('connection lost');
      await new Promise((resolve) => setImmediate(resolve));
      return items.map((n) => ({ ok: true, value: n }));
    });
    expect(await failing.submit('c', 1)).toBe(1);
    const lost = [failing.submit('c', 2), failing.submit('c', 3)];
    await expect(lost[0]).rejects.toThrow('connection lost');
    await expect(lost[1]).rejects.toThrow('connection lost');
    // The queue goes on with the next items.
    expect(await failing.submit('c', 4)).toBe(4);
  });

  it('splits a long queue into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const queue = new BatchQueue<number, number>(async (_group, items) => {
      sizes.push(items.length);
      await new Promise((resolve) => setImmediate(resolve));
      return items.map((n) => ({ ok: true, value: n }));
    }, 3);
    const results = await Promise.all(Array.from({ length: 8 }, (_, n) => queue.submit('c', n)));
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(sizes).toEqual([3, 3, 2]);
  });
});
