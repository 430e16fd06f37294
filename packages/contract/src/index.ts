import { apiTokenRoutes } from './areas/api-tokens.contract.ts';
import { heldPunchRoutes } from './areas/held-punches.contract.ts';
import { leaveRoutes } from './areas/leave.contract.ts';
import { officeRoutes } from './areas/offices.contract.ts';
import { auditRoutes, planRoutes } from './areas/plans.contract.ts';
import { punchRoutes } from './areas/punches.contract.ts';
import { punchingRoutes } from './areas/punching.contract.ts';
import { reportRoutes } from './areas/reports.contract.ts';
import { shiftRoutes } from './areas/shifts.contract.ts';
import { staffRoutes } from './areas/staff.contract.ts';
import { staffImportRoutes } from './areas/staff-imports.contract.ts';
import { timecardRoutes } from './areas/timecards.contract.ts';
import { webhookRoutes } from './areas/webhooks.contract.ts';
import type { RouteSpec } from './route.ts';

export * from './areas/api-tokens.contract.ts';
export * from './areas/held-punches.contract.ts';
export * from './areas/leave.contract.ts';
export * from './areas/offices.contract.ts';
export * from './areas/plans.contract.ts';
export * from './areas/punches.contract.ts';
export * from './areas/punching.contract.ts';
export * from './areas/reports.contract.ts';
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
 * Areas move here one by one (ADR 010); the rest are still hand-written routes.
 */
export const api = {
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
} as const;

/** Every contract route, flat: what the server mounts and the OpenAPI document shows. */
export const allRoutes: readonly RouteSpec[] = Object.values(
  api as Record<string, Record<string, RouteSpec>>,
).flatMap((area) => Object.values(area));
