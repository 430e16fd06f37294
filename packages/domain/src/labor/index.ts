export {
  type AggregateAttendanceInput,
  type AttendanceTotals,
  aggregateAttendance,
  aggregateAttendanceExplained,
  type IncompleteWorkday,
  MINUTE_TOTAL_FIELDS,
  type MinuteTotals,
  type OvertimeSteps,
  type PaidLeaveRecord,
  roundHalfHour,
  type VariablePeriod,
  type WarningCode,
} from './aggregate-attendance.ts';
export {
  type Agreement36Config,
  type Agreement36Month,
  type Agreement36Result,
  type Agreement36Violation,
  type Agreement36ViolationCode,
  checkAgreement36,
} from './agreement36.ts';
export {
  aggregateForStaff,
  type DayStanding,
  dayStanding,
  type Employment,
  employedRange,
  emptyTotals,
  explainForStaff,
  lastEndedWorkDate,
} from './judged-days.ts';
export { LaborInputError, type LaborInputErrorCode } from './labor-error.ts';
export {
  defaultLaborSettings,
  type LaborSettings,
  LaborSettingsSchema,
  type WorkSchedule,
  WorkScheduleSchema,
} from './labor-settings.schema.ts';
export {
  type AttendanceRate,
  type GrantPaidLeaveInput,
  grantPaidLeave,
  type PaidLeaveEntitlement,
  type PaidLeaveGrant,
} from './paid-leave.ts';
export type { AttendanceEvent, AttendanceEventType, IncompleteCode } from './punch-segments.ts';
export {
  type ApprovedOvertime,
  cutUnapprovedOvertime,
  type UnapprovedOvertime,
} from './unapproved-overtime.ts';
export { WEEKDAYS, type Weekday } from './wall-time.ts';
