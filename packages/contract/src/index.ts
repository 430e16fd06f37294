import { apiTokenRoutes } from './areas/api-tokens.contract.ts';
import { attendanceRoutes } from './areas/attendance.contract.ts';
import { appRoutes, authRoutes, signupRoutes } from './areas/auth.contract.ts';
import { devRoutes } from './areas/dev.contract.ts';
import { heldPunchRoutes } from './areas/held-punches.contract.ts';
import { laborAlertRoutes } from './areas/labor-alerts.contract.ts';
import { leaveRoutes } from './areas/leave.contract.ts';
import { officeRoutes } from './areas/offices.contract.ts';
import { auditRoutes, planRoutes } from './areas/plans.contract.ts';
import { punchRoutes } from './areas/punches.contract.ts';
import { punchingRoutes } from './areas/punching.contract.ts';
import { reportRoutes } from './areas/reports.contract.ts';
import { approvalRouteRoutes, requestRoutes } from './areas/requests.contract.ts';
import { settingsRoutes } from './areas/settings.contract.ts';
import { shiftRoutes } from './areas/shifts.contract.ts';
import { staffRoutes } from './areas/staff.contract.ts';
import { staffImportRoutes } from './areas/staff-imports.contract.ts';
import { timecardRoutes } from './areas/timecards.contract.ts';
import { webhookRoutes } from './areas/webhooks.contract.ts';
import type { RouteSpec } from './route.ts';

export * from './areas/api-tokens.contract.ts';
export * from './areas/attendance.contract.ts';
export * from './areas/auth.contract.ts';
export * from './areas/dev.contract.ts';
export * from './areas/held-punches.contract.ts';
export * from './areas/labor-alerts.contract.ts';
export * from './areas/leave.contract.ts';
export * from './areas/offices.contract.ts';
export * from './areas/plans.contract.ts';
export * from './areas/punches.contract.ts';
export * from './areas/punching.contract.ts';
export * from './areas/reports.contract.ts';
export * from './areas/requests.contract.ts';
export * from './areas/settings.contract.ts';
export * from './areas/shifts.contract.ts';
export * from './areas/staff.contract.ts';
export * from './areas/staff-imports.contract.ts';
export * from './areas/timecards.contract.ts';
export * from './areas/webhooks.contract.ts';
export * from './common.ts';
export * from './route.ts';

/**
 * Every route of the API written with the contract, by area: the one source for the server (which
 * mounts them), the web client (which calls them with their types) and the OpenAPI document.
 * Every `/api/v1` route is here; only /healthz, /readyz, /api/openapi.json, /api/docs and the dev
 * mailbox's HTML page stay outside (docs/api.md says why).
 */
export const api = {
  auth: authRoutes,
  app: appRoutes,
  signup: signupRoutes,
  settings: settingsRoutes,
  attendance: attendanceRoutes,
  dev: devRoutes,
  staff: staffRoutes,
  offices: officeRoutes,
  punching: punchingRoutes,
  shifts: shiftRoutes,
  plans: planRoutes,
  audit: auditRoutes,
  staffImports: staffImportRoutes,
  heldPunches: heldPunchRoutes,
  apiTokens: apiTokenRoutes,
  punches: punchRoutes,
  timecards: timecardRoutes,
  reports: reportRoutes,
  leave: leaveRoutes,
  webhooks: webhookRoutes,
  laborAlerts: laborAlertRoutes,
  requests: requestRoutes,
  approvalRoutes: approvalRouteRoutes,
} as const;

/** Every contract route, flat: what the server mounts and the OpenAPI document shows. */
export const allRoutes: readonly RouteSpec[] = Object.values(
  api as Record<string, Record<string, RouteSpec>>,
).flatMap((area) => Object.values(area));
