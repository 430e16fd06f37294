import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decide,
  REQUEST_ACTIONS,
  REQUEST_KINDS,
  type RequestAction,
  type RequestPosition,
} from './request-state.ts';

// Issue 18: whatever approvers and applicants click, in whatever order (two approvers at once are
// two approvals in a row on the locked row), a request's change is applied at most once, and only
// by the approval of its last step — never after a 却下 or a 取消.
describe('the request state machine (fast-check)', () => {
  const kind = fc.constantFrom(...REQUEST_KINDS);
  const steps = fc.integer({ min: 1, max: 3 });
  const actions = fc.array(fc.constantFrom(...REQUEST_ACTIONS), { maxLength: 30 });

  it('applies a request at most once, only from 申請中 at its last step, and never a rejected one', () => {
    fc.assert(
      fc.property(kind, steps, actions, (k, n, path: RequestAction[]) => {
        let position: RequestPosition = { status: 'pending', step: 0, steps: n };
        let applied = 0;
        let everRejected = false;
        for (const action of path) {
          const before = position;
          const result = decide(k, position, action);
          if (!result.ok) continue;
          if (result.apply) {
            applied += 1;
            expect(before.status).toBe('pending');
            expect(before.step).toBe(n - 1);
            expect(result.next.status).toBe('approved');
          }
          if (result.next.status === 'rejected') everRejected = true;
          position = result.next;
        }
        expect(applied).toBeLessThanOrEqual(1);
        if (everRejected) expect(applied).toBe(0);
        if (applied === 1) expect(['approved', 'reopened']).toContain(position.status);
        if (position.status === 'approved') expect(applied).toBe(1);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts no decision once 承認, 却下 or 取消 (the second of two clicks is refused)', () => {
    fc.assert(
      fc.property(kind, steps, fc.constantFrom(...REQUEST_ACTIONS), (k, n, action) => {
        for (const status of ['approved', 'rejected', 'cancelled'] as const) {
          const result = decide(k, { status, step: n - 1, steps: n }, action);
          const reopening = action === 'reopen' && status === 'approved' && k === 'attendance_confirmation';
          expect(result.ok).toBe(reopening);
          if (result.ok) expect(result.apply).toBe(false);
        }
      }),
    );
  });

  it('walks every step of a 3-step route before applying; 差戻し and resend start again at step 1', () => {
    const k = 'punch_correction';
    let p: RequestPosition = { status: 'pending', step: 0, steps: 3 };
    const approve = () => {
      const r = decide(k, p, 'approve');
      if (!r.ok) throw new Error(r.code);
      p = r.next;
      return r.apply;
    };
    expect(approve()).toBe(false);
    expect(p).toEqual({ status: 'pending', step: 1, steps: 3 });
    const returned = decide(k, p, 'return');
    expect(returned.ok && returned.next.status).toBe('returned');
    if (returned.ok) p = returned.next;
    expect(decide(k, p, 'approve')).toEqual({ ok: false, code: 'request_not_pending' });
    const resent = decide(k, p, 'resend');
    if (resent.ok) p = resent.next;
    expect(p).toEqual({ status: 'pending', step: 0, steps: 3 });
    expect([approve(), approve(), approve()]).toEqual([false, false, true]);
    expect(decide(k, p, 'approve')).toEqual({ ok: false, code: 'request_not_pending' });
    expect(decide(k, p, 'reopen')).toEqual({ ok: false, code: 'request_not_reopenable' });
  });
});
