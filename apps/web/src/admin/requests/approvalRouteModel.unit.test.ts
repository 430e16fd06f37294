import { describe, expect, it } from 'vitest';
import { type ApprovalRoutes, draftOf, NEW_STEP, routeRowsOf, stepsOf } from './approvalRouteModel.ts';

const DEFAULT_ROUTE: ApprovalRoutes['defaultRoute'] = [{ type: 'right', right: 'attendance', level: 'edit' }];

describe('承認経路 page model', () => {
  it('lists every office and 申請の種類, its own route or the default one', () => {
    const rows = routeRowsOf(
      {
        defaultRoute: DEFAULT_ROUTE,
        items: [
          { officeId: 2, kind: 'leave', steps: [{ type: 'person', staffId: 7 }, { type: 'admin' }] },
          // An empty route is the default as well.
          { officeId: 1, kind: 'overtime', steps: [] },
        ],
      },
      [{ id: 1 }, { id: 2 }],
    );
    expect(rows.map((r) => `${r.officeId}:${r.kind}:${r.isDefault ? 'default' : r.steps.length}`)).toEqual([
      '1:punch_correction:default',
      '1:leave:default',
      '1:overtime:default',
      '1:attendance_confirmation:default',
      '2:punch_correction:default',
      '2:leave:2',
      '2:overtime:default',
      '2:attendance_confirmation:default',
    ]);
    expect(rows[0]!.steps).toEqual(DEFAULT_ROUTE);
  });

  it('turns the form back into steps, and names the step that lacks its person', () => {
    const drafts = [
      draftOf({ type: 'person', staffId: 7 }),
      { ...NEW_STEP, right: 'shiftPlan' as const, level: 'view' as const },
      draftOf({ type: 'admin' }),
    ];
    expect(stepsOf(drafts)).toEqual({
      steps: [
        { type: 'person', staffId: 7 },
        { type: 'right', right: 'shiftPlan', level: 'view' },
        { type: 'admin' },
      ],
    });
    expect(stepsOf([NEW_STEP, { ...NEW_STEP, type: 'person' }])).toEqual({ missingPerson: 1 });
    // Switching a step's type keeps what was chosen before.
    expect(draftOf({ type: 'right', right: 'staffManage', level: 'view' })).toEqual({
      type: 'right',
      staffId: '',
      right: 'staffManage',
      level: 'view',
    });
  });
});
