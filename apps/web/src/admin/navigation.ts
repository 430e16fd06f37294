import type { Feature } from '@timecard/domain';
import type { permissionsOf } from '../shared/api.ts';

type Permissions = ReturnType<typeof permissionsOf>;

export interface NavItem {
  /** i18n key of the label. */
  label: string;
  to?: string;
  /** Without `to`, a group; with it, sub-pages shown below the link. */
  children?: NavItem[];
  /** Shown only when it answers true. */
  visible?: (p: Permissions) => boolean;
  /** Not built yet: the route shows 「この機能は準備中です。」. */
  comingSoon?: boolean;
  /** A capability gated by plan: below it, the entry carries the plan's badge (issue 13). */
  feature?: Feature;
  /** Shows a count beside the label: requests waiting for the signed-in person's decision. */
  countBadge?: 'pendingRequests';
}

const anyRight = (p: Permissions) => !p.ownPagesOnly;

/** The main menu of product.md §2, in its order. */
export const NAV_ITEMS: NavItem[] = [
  { label: 'admin.nav.home', to: '/admin/dashboard', visible: anyRight },
  { label: 'admin.nav.offices', to: '/admin/offices', visible: (p) => p.canViewOffices },
  {
    label: 'admin.nav.staff',
    to: '/admin/staff',
    visible: (p) => p.canViewStaff,
    // 従業員 > CSV取込 (issue 11 §6): administrators and 従業員管理 編集.
    children: [{ label: 'admin.nav.staffImport', to: '/admin/staff/import', visible: (p) => p.canEditStaff }],
  },
  {
    label: 'admin.nav.attendance',
    visible: anyRight,
    children: [
      { label: 'admin.nav.today', to: '/admin/attendance/today' },
      { label: 'admin.nav.timecards', to: '/admin/timecards' },
      { label: 'admin.nav.shifts', to: '/admin/attendance/shifts', feature: 'shifts' },
      { label: 'admin.nav.webClock', to: '/admin/attendance/web-clock' },
    ],
  },
  { label: 'admin.nav.leave', to: '/admin/leave', feature: 'leave', visible: anyRight },
  {
    label: 'admin.nav.workflow',
    visible: anyRight,
    // ワークフロー > 申請一覧 (issue 18): approvers decide here; the badge counts what waits for them.
    children: [
      {
        label: 'requests.nav.list',
        to: '/admin/workflow',
        feature: 'requests',
        countBadge: 'pendingRequests',
      },
      // ワークフロー > 承認経路 (エンタープライズ): administrators set custom routes per office and kind.
      {
        label: 'requests.nav.routes',
        to: '/admin/workflow/routes',
        feature: 'approval_routes',
        visible: (p) => p.isAdmin,
      },
    ],
  },
  // 労務アラート (issue 19): everyone; staff without rights see their own alerts.
  { label: 'admin.nav.alerts', to: '/admin/alerts', feature: 'labor_alerts' },
  { label: 'admin.nav.reports', to: '/admin/reports', visible: (p) => p.canViewAttendance },
  {
    label: 'admin.nav.settings',
    visible: (p) => p.isAdmin,
    children: [
      { label: 'punch.nav.basicSettings', to: '/admin/settings/basic' },
      { label: 'punch.nav.workRules', to: '/admin/settings/work-rules' },
      { label: 'punch.nav.plan', to: '/admin/settings/plan' },
      { label: 'plans.nav.auditLog', to: '/admin/settings/audit-log', feature: 'audit_log_view' },
      { label: 'plans.nav.apiTokens', to: '/admin/settings/api', feature: 'api_tokens' },
      { label: 'alerts.nav.settings', to: '/admin/settings/labor-alerts', feature: 'labor_alerts' },
    ],
  },
  // 個別Web出退勤画面: everyone punches for themself, staff without rights too.
  { label: 'punch.nav.myClock', to: '/admin/my-clock' },
  // Staff without rights see their own timecard only (product.md §2).
  { label: 'timecard.nav.myTimecard', to: '/admin/timecards', visible: (p) => p.ownPagesOnly },
  // Everyone sends their own 申請 (打刻修正申請, 休暇申請, 残業申請, 勤怠確定).
  { label: 'requests.nav.mine', to: '/admin/requests', feature: 'requests' },
  // Everyone sees their own published shifts and writes their 希望シフト.
  { label: 'admin.nav.myShifts', to: '/admin/my-shifts', feature: 'shifts' },
  { label: 'admin.nav.myPage', to: '/admin/my-page' },
];

/** Every not-yet-built page with its title key, for the router. */
export function comingSoonRoutes(
  items: NavItem[] = NAV_ITEMS,
): { path: string; label: string; feature?: Feature | undefined }[] {
  return items.flatMap((item) => [
    ...(item.comingSoon && item.to ? [{ path: item.to, label: item.label, feature: item.feature }] : []),
    ...comingSoonRoutes(item.children ?? []),
  ]);
}
