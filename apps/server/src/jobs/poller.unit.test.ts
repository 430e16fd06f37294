import { describe, expect, it } from 'vitest';
import { startPoller } from './poller.ts';

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 2));
  if (!condition()) throw new Error('condition never held');
};

describe('startPoller', () => {
  it('never runs twice at once: a runNow() during a scheduled run waits for it', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    const poller = startPoller({
      everyMs: 1,
      onError: () => undefined,
      run: async () => {
        active += 1;
        most = Math.max(most, active);
        await new Promise((r) => setTimeout(r, 5));
        active -= 1;
        return ++runs;
      },
    });
    await until(() => runs >= 1);
    const results = await Promise.all([poller.runNow(), poller.runNow(), poller.runNow()]);
    await poller.stop();
    expect(most).toBe(1);
    expect(new Set(results).size).toBe(3);
  });

  it('goes on after a failed run and tells onError', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const poller = startPoller({
      everyMs: 1,
      onError: (error) => errors.push(error),
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('SMTP down');
        return calls;
      },
    });
    await until(() => calls >= 3);
    await poller.stop();
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('SMTP down');
  });

  it('stop() waits for the run in flight and schedules nothing after it', async () => {
    let finished = false;
    let started = 0;
    const poller = startPoller({
      everyMs: 1,
      onError: () => undefined,
      run: async () => {
        started += 1;
        await new Promise((r) => setTimeout(r, 20));
        finished = true;
      },
    });
    await until(() => started === 1);
    await poller.stop();
    expect(finished).toBe(true);
    expect(poller.stopped).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(started).toBe(1);
  });

  it('does not poll when everyMs is 0; runNow() still works', async () => {
    let runs = 0;
    const poller = startPoller({ everyMs: 0, onError: () => undefined, run: async () => ++runs });
    await new Promise((r) => setTimeout(r, 20));
    expect(runs).toBe(0);
    expect(await poller.runNow()).toBe(1);
    await poller.stop();
  });
});
