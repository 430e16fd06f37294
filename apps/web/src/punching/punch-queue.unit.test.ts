import { describe, expect, it } from 'vitest';
import type { BoardStaff, PunchResult, PunchType } from './punch-model.ts';
import {
  applyPending,
  decide,
  flushQueue,
  memoryStorage,
  type NewQueuedPunch,
  type QueuedPunch,
  type SendOutcome,
} from './punch-queue.ts';

const SCOPE = 'demo/1';

function entry(staffId: number, type: PunchType, key: string, scope = SCOPE): NewQueuedPunch {
  return {
    key,
    scope,
    staffId,
    staffName: `スタッフ${staffId}`,
    type,
    deviceTime: '2026-11-28T00:00:00.000Z',
  };
}

function resultFor(item: QueuedPunch): PunchResult {
  return {
    punch: {
      id: item.seq,
      staffId: item.staffId,
      type: item.type,
      punchedAt: '2026-11-28T09:00:00+09:00',
      workDate: '2026-11-28',
      deviceAt: null,
    },
    status: { state: 'working', allowed: ['clock_out', 'break_start'], missingClockOut: false },
    replayed: false,
  };
}

const ok = (item: QueuedPunch): SendOutcome => ({ ok: true, result: resultFor(item) });
const fail = (status: number, code: string): SendOutcome => ({ ok: false, status, code, message: code });

/** A fake server: records what it received and answers from a script (default 201). */
function server(script: (item: QueuedPunch, attempt: number) => SendOutcome = ok) {
  const received: string[] = [];
  const attempts = new Map<string, number>();
  return {
    received,
    send: async (item: QueuedPunch) => {
      const attempt = (attempts.get(item.key) ?? 0) + 1;
      attempts.set(item.key, attempt);
      received.push(item.key);
      return script(item, attempt);
    },
  };
}

describe('decide', () => {
  it('removes a 2xx, keeps what may still go through, drops what the server refused for good', () => {
    expect(decide(ok({ ...entry(1, 'clock_in', 'k1'), seq: 1 }))).toBe('remove');
    expect(decide(fail(0, 'network_error'))).toBe('stop');
    expect(decide(fail(503, 'database_unavailable'))).toBe('stop');
    expect(decide(fail(500, 'internal_error'))).toBe('stop');
    expect(decide(fail(429, 'rate_limited'))).toBe('stop');
    expect(decide(fail(401, 'terminal_unauthenticated'))).toBe('stop');
    expect(decide(fail(409, 'punch_invalid_state'))).toBe('drop');
    expect(decide(fail(401, 'passcode_wrong'))).toBe('drop');
    expect(decide(fail(422, 'staff_not_in_use'))).toBe('drop');
    expect(decide(fail(404, 'staff_not_found'))).toBe('drop');
  });
});

describe('flushQueue', () => {
  it('sends every entry once, in the order of the taps, and empties the queue', async () => {
    const storage = memoryStorage();
    for (const [i, type] of (['clock_in', 'break_start', 'break_end', 'clock_out'] as const).entries()) {
      await storage.add(entry(1, type, `key-${i}`));
    }
    const fake = server();
    const report = await flushQueue(storage, SCOPE, fake.send);
    expect(fake.received).toEqual(['key-0', 'key-1', 'key-2', 'key-3']);
    expect(report.sent.map((e) => e.type)).toEqual(['clock_in', 'break_start', 'break_end', 'clock_out']);
    expect(report.stoppedBy).toBeNull();
    expect(await storage.list()).toEqual([]);
  });

  it('stops at a network error, keeps that entry and every later one, and resumes with the same keys', async () => {
    const storage = memoryStorage();
    await storage.add(entry(1, 'clock_in', 'a-1'));
    await storage.add(entry(2, 'clock_in', 'b-1'));
    await storage.add(entry(1, 'break_start', 'a-2'));
    let online = true;
    const fake = server((item) => {
      if (item.key === 'b-1' && online) {
        online = false;
        return fail(0, 'network_error');
      }
      return ok(item);
    });
    const first = await flushQueue(storage, SCOPE, fake.send);
    expect(first.sent.map((e) => e.key)).toEqual(['a-1']);
    expect(first.stoppedBy?.code).toBe('network_error');
    // a-2 was not tried: it must not overtake b-1.
    expect(fake.received).toEqual(['a-1', 'b-1']);
    expect((await storage.list()).map((e) => e.key)).toEqual(['b-1', 'a-2']);

    const second = await flushQueue(storage, SCOPE, fake.send);
    expect(second.sent.map((e) => e.key)).toEqual(['b-1', 'a-2']);
    expect(fake.received).toEqual(['a-1', 'b-1', 'b-1', 'a-2']);
    expect(await storage.list()).toEqual([]);
  });

  it('drops an entry the state machine refuses (409), reports it, and goes on with the next', async () => {
    const storage = memoryStorage();
    await storage.add(entry(1, 'clock_out', 'x-1'));
    await storage.add(entry(2, 'clock_in', 'y-1'));
    const dropped: string[] = [];
    const fake = server((item) => (item.key === 'x-1' ? fail(409, 'punch_invalid_state') : ok(item)));
    const report = await flushQueue(storage, SCOPE, fake.send, {
      onDropped: (item, outcome) => dropped.push(`${item.key}:${outcome.code}`),
    });
    expect(dropped).toEqual(['x-1:punch_invalid_state']);
    expect(report.sent.map((e) => e.key)).toEqual(['y-1']);
    expect(await storage.list()).toEqual([]);
  });

  it('keeps everything on a 5xx and on a terminal no longer authenticated', async () => {
    for (const outcome of [fail(503, 'database_unavailable'), fail(401, 'terminal_unauthenticated')]) {
      const storage = memoryStorage();
      await storage.add(entry(1, 'clock_in', 'k-1'));
      await storage.add(entry(1, 'clock_out', 'k-2'));
      const fake = server(() => outcome);
      const report = await flushQueue(storage, SCOPE, fake.send);
      expect(report.stoppedBy).toEqual(outcome);
      expect(fake.received).toEqual(['k-1']);
      expect((await storage.list()).map((e) => e.key)).toEqual(['k-1', 'k-2']);
    }
  });

  it('sends only the entries of its own terminal', async () => {
    const storage = memoryStorage();
    await storage.add(entry(1, 'clock_in', 'here-1'));
    await storage.add(entry(9, 'clock_in', 'elsewhere-1', 'demo/2'));
    const fake = server();
    await flushQueue(storage, SCOPE, fake.send);
    expect(fake.received).toEqual(['here-1']);
    expect((await storage.list()).map((e) => e.key)).toEqual(['elsewhere-1']);
  });

  it('removes an entry whose punch the server already had (200 replayed), so a retry records nothing twice', async () => {
    const storage = memoryStorage();
    await storage.add(entry(1, 'clock_in', 'sent-but-unanswered'));
    const recorded = new Set<string>();
    const fake = server((item) => {
      const replayed = recorded.has(item.key);
      recorded.add(item.key);
      return { ok: true, result: { ...resultFor(item), replayed } };
    });
    recorded.add('sent-but-unanswered'); // the first attempt reached the server; its answer was lost
    const sent: boolean[] = [];
    await flushQueue(storage, SCOPE, fake.send, { onSent: (_item, result) => sent.push(result.replayed) });
    expect(sent).toEqual([true]);
    expect(recorded.size).toBe(1);
    expect(await storage.list()).toEqual([]);
  });
});

describe('applyPending', () => {
  const person = (id: number): BoardStaff => ({
    id,
    name: `スタッフ${id}`,
    kana: '',
    code: null,
    state: 'off',
    allowed: ['clock_in'],
    missingClockOut: false,
    lastPunchAt: null,
    hasPasscode: false,
    shift: null,
  });

  it('shows each person in the state after their last queued punch, with the number waiting', async () => {
    const storage = memoryStorage();
    await storage.add(entry(1, 'clock_in', 'p-1'));
    await storage.add(entry(1, 'break_start', 'p-2'));
    const [one, two] = applyPending([person(1), person(2)], await storage.list());
    expect(one).toMatchObject({ state: 'on_break', allowed: ['break_end'], pending: 2 });
    expect(two).toMatchObject({ state: 'off', allowed: ['clock_in'], pending: 0 });
  });
});
