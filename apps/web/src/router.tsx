import type { ReactElement } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { ContractInfoPage, MyAccountPage, MyPage } from './admin/AccountPages.tsx';
import { AdminIndexPage } from './admin/AdminIndexPage.tsx';
import { AdminLayout } from './admin/AdminLayout.tsx';
import { AdminLoginPage } from './admin/AdminLoginPage.tsx';
import { LaborAlertSettingsPage } from './admin/alerts/LaborAlertSettingsPage.tsx';
import { LaborAlertsPage } from './admin/alerts/LaborAlertsPage.tsx';
import { MyClockPage } from './admin/attendance/MyClockPage.tsx';
import { TodayAttendancePage } from './admin/attendance/TodayAttendancePage.tsx';
import { WebClockPage } from './admin/attendance/WebClockPage.tsx';
import { ComingSoonPage } from './admin/ComingSoonPage.tsx';
import { ContractSelectPage } from './admin/ContractSelectPage.tsx';
import { DashboardPage } from './admin/DashboardPage.tsx';
import { LeavePage } from './admin/leave/LeavePage.tsx';
import { LeaveRegisterPage } from './admin/leave/LeaveRegisterPage.tsx';
import { LeaveStaffPage } from './admin/leave/LeaveStaffPage.tsx';
import { comingSoonRoutes } from './admin/navigation.ts';
import { OfficeFormPage } from './admin/offices/OfficeFormPage.tsx';
import { OfficeListPage } from './admin/offices/OfficeListPage.tsx';
import { PasswordResetPage } from './admin/PasswordResetPage.tsx';
import { PasswordResetRequestPage } from './admin/PasswordResetRequestPage.tsx';
import { ApiTokensPage } from './admin/plans/ApiTokensPage.tsx';
import { AuditLogPage } from './admin/plans/AuditLogPage.tsx';
import { PlanGate } from './admin/plans/PlanGate.tsx';
import { PlanPage } from './admin/plans/PlanPage.tsx';
import { type Permissions, RequireRight } from './admin/RequireRight.tsx';
import { ReportsPage } from './admin/reports/ReportsPage.tsx';
import { ApprovalRoutesPage } from './admin/requests/ApprovalRoutesPage.tsx';
import { MyRequestsPage } from './admin/requests/MyRequestsPage.tsx';
import { RequestDetailPage } from './admin/requests/RequestDetailPage.tsx';
import { WorkflowPage } from './admin/requests/WorkflowPage.tsx';
import { SignupPage } from './admin/SignupPage.tsx';
import { BasicSettingsPage } from './admin/settings/BasicSettingsPage.tsx';
import { WorkRulesPage } from './admin/settings/WorkRulesPage.tsx';
import { MyShiftsPage } from './admin/shifts/MyShiftsPage.tsx';
import { ShiftsPage } from './admin/shifts/ShiftsPage.tsx';
import { StaffFormPage } from './admin/staff/StaffFormPage.tsx';
import { StaffImportPage } from './admin/staff/StaffImportPage.tsx';
import { StaffListPage } from './admin/staff/StaffListPage.tsx';
import { StaffManagementPage } from './admin/staff/StaffManagementPage.tsx';
import { TimecardIndexPage, TimecardPage } from './admin/timecards/TimecardPage.tsx';
import { VerifyPage } from './admin/VerifyPage.tsx';
import { ClockPage } from './clock/ClockPage.tsx';
import { HomePage } from './shared/HomePage.tsx';
import { NotFoundPage } from './shared/NotFoundPage.tsx';
import { TerminalLoginPage } from './terminal/TerminalLoginPage.tsx';
import { TerminalOfficesPage } from './terminal/TerminalOfficesPage.tsx';
import { TerminalPage } from './terminal/TerminalPage.tsx';
import { TerminalSettingsPage } from './terminal/TerminalSettingsPage.tsx';

const rights: Record<string, (p: Permissions) => boolean> = {
  isAdmin: (p) => p.isAdmin,
  canViewStaff: (p) => p.canViewStaff,
  canEditStaff: (p) => p.canEditStaff,
  canViewOffices: (p) => p.canViewOffices,
  canViewAttendance: (p) => p.canViewAttendance,
  anyRight: (p) => !p.ownPagesOnly,
};

/** A page shown only with a right; without it, the no-right message alone (RequireRight). */
function gated(right: keyof typeof rights, page: ReactElement) {
  return <RequireRight allowed={rights[right]!}>{page}</RequireRight>;
}

export const router = createBrowserRouter([
  { path: '/', element: <HomePage /> },
  { path: '/signup', element: <SignupPage /> },
  // 管理画面: pages without a session
  { path: '/admin', element: <AdminIndexPage /> },
  { path: '/admin/login', element: <AdminLoginPage /> },
  { path: '/admin/select-contract', element: <ContractSelectPage /> },
  { path: '/admin/password-reset', element: <PasswordResetRequestPage /> },
  { path: '/admin/password-reset/:token', element: <PasswordResetPage /> },
  { path: '/admin/verify/:token', element: <VerifyPage /> },
  // 管理画面: the logged-in layout
  {
    path: '/admin',
    element: <AdminLayout />,
    children: [
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'staff-management', element: <StaffManagementPage /> },
      { path: 'staff', element: gated('canViewStaff', <StaffListPage />) },
      { path: 'staff/new', element: gated('canEditStaff', <StaffFormPage />) },
      { path: 'staff/import', element: gated('canEditStaff', <StaffImportPage />) },
      { path: 'staff/:id', element: gated('canViewStaff', <StaffFormPage />) },
      { path: 'offices', element: gated('canViewOffices', <OfficeListPage />) },
      { path: 'offices/new', element: gated('isAdmin', <OfficeFormPage />) },
      { path: 'offices/:id', element: gated('canViewOffices', <OfficeFormPage />) },
      { path: 'my-page', element: <MyPage /> },
      { path: 'my-account', element: <MyAccountPage /> },
      { path: 'contract', element: <ContractInfoPage /> },
      // 勤怠 > 実績/タイムカード, 集計・出力, 設定 > 勤務ルール (issue 6)
      { path: 'timecards', element: <TimecardIndexPage /> },
      { path: 'timecards/:staffId', element: <TimecardPage /> },
      { path: 'attendance/timecards', element: <TimecardIndexPage /> },
      { path: 'reports', element: gated('canViewAttendance', <ReportsPage />) },
      { path: 'settings/work-rules', element: gated('isAdmin', <WorkRulesPage />) },
      { path: 'attendance/today', element: gated('anyRight', <TodayAttendancePage />) },
      { path: 'attendance/web-clock', element: <WebClockPage /> },
      { path: 'my-clock', element: <MyClockPage /> },
      {
        path: 'attendance/shifts',
        element: gated('anyRight', <PlanGate feature="shifts">{<ShiftsPage />}</PlanGate>),
      },
      { path: 'leave', element: gated('anyRight', <PlanGate feature="leave">{<LeavePage />}</PlanGate>) },
      {
        path: 'leave/staff/:id',
        element: gated('anyRight', <PlanGate feature="leave">{<LeaveStaffPage />}</PlanGate>),
      },
      {
        path: 'leave/register',
        element: gated('anyRight', <PlanGate feature="leave">{<LeaveRegisterPage />}</PlanGate>),
      },
      { path: 'my-shifts', element: <PlanGate feature="shifts">{<MyShiftsPage />}</PlanGate> },
      {
        path: 'workflow',
        element: gated('anyRight', <PlanGate feature="requests">{<WorkflowPage />}</PlanGate>),
      },
      {
        path: 'workflow/routes',
        element: gated('isAdmin', <PlanGate feature="approval_routes">{<ApprovalRoutesPage />}</PlanGate>),
      },
      {
        path: 'workflow/requests/:id',
        element: <PlanGate feature="requests">{<RequestDetailPage />}</PlanGate>,
      },
      { path: 'requests', element: <PlanGate feature="requests">{<MyRequestsPage />}</PlanGate> },
      { path: 'requests/:id', element: <PlanGate feature="requests">{<RequestDetailPage />}</PlanGate> },
      // 設定 > プラン and 操作ログ (issue 13)
      { path: 'settings/plan', element: gated('isAdmin', <PlanPage />) },
      {
        path: 'settings/api',
        element: gated('isAdmin', <PlanGate feature="api_tokens">{<ApiTokensPage />}</PlanGate>),
      },
      {
        path: 'settings/audit-log',
        element: gated('isAdmin', <PlanGate feature="audit_log_view">{<AuditLogPage />}</PlanGate>),
      },
      // 労務アラート and its settings (issue 19): staff see their own alerts.
      { path: 'alerts', element: <PlanGate feature="labor_alerts">{<LaborAlertsPage />}</PlanGate> },
      {
        path: 'settings/labor-alerts',
        element: gated('isAdmin', <PlanGate feature="labor_alerts">{<LaborAlertSettingsPage />}</PlanGate>),
      },
      { path: 'settings', element: <Navigate to="/admin/settings/basic" replace /> },
      { path: 'settings/basic', element: gated('isAdmin', <BasicSettingsPage />) },
      ...comingSoonRoutes().map(({ path, label, feature }) => ({
        path: path.replace(/^\/admin\//, ''),
        element: feature ? (
          <PlanGate key={label} feature={feature}>
            <ComingSoonPage label={label} />
          </PlanGate>
        ) : (
          <ComingSoonPage key={label} label={label} />
        ),
      })),
      { path: '*', element: <NotFoundPage embedded /> },
    ],
  },
  // タイムカード・アプリ
  { path: '/app', element: <TerminalLoginPage /> },
  { path: '/app/offices', element: <TerminalOfficesPage /> },
  { path: '/app/terminal', element: <TerminalPage /> },
  { path: '/app/settings', element: <TerminalSettingsPage /> },
  // Web出退勤画面
  { path: '/clock/:contractId/:officeId', element: <ClockPage /> },
  { path: '*', element: <NotFoundPage /> },
]);
