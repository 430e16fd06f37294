import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of the database, in camelCase (Kysely's CamelCasePlugin maps them to snake_case).
 * Keep in step with migrations/; schema.db.test.ts checks every column here exists.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column with a default (now()). */
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
/** A jsonb column with a default; written as a JSON string. */
type JsonDefault = ColumnType<Record<string, unknown>, string | undefined, string>;
export type Right = 'none' | 'view' | 'edit';

export interface ContractsTable {
  id: string;
  name: string;
  plan: 'standard' | 'premium' | 'premium_plus' | 'enterprise';
  timeZone: Generated<string>;
  clockPin: Generated<string>;
  settings: JsonDefault;
  createdAt: TimestampDefault;
  updatedAt: TimestampDefault;
}

export interface AccountsTable {
  id: Generated<number>;
  email: string;
  loginId: string | null;
  name: Generated<string>;
  passwordHash: string | null;
  emailVerifiedAt: Timestamp | null;
  passwordChangedAt: Timestamp | null;
  createdAt: TimestampDefault;
  updatedAt: TimestampDefault;
}

export interface IdCountersTable {
  contractId: string;
  name: string;
  lastId: number;
}

export interface OfficesTable {
  contractId: string;
  id: number;
  name: string;
  shortName: Generated<string>;
  kana: Generated<string>;
  address: Generated<string>;
  passcodeRequired: Generated<boolean>;
  settings: JsonDefault;
  createdAt: TimestampDefault;
  updatedAt: TimestampDefault;
}

export interface StaffTable {
  contractId: string;
  id: number;
  accountId: number | null;
  name: string;
  kana: Generated<string>;
  code: string | null;
  email: string | null;
  employmentType: Generated<'full_time' | 'part_time' | 'contract' | 'temporary' | 'other'>;
  hiredOn: string | null;
  retiredOn: string | null;
  workStyle: Generated<'fixed' | 'shift'>;
  internationalStudent: Generated<boolean>;
  /** 週所定労働日数 and 週所定労働時間 (minutes), for 比例付与 of paid leave. */
  weeklyDays: Generated<number>;
  weeklyMinutes: Generated<number>;
  leaveGrantMode: Generated<'statutory' | 'manual'>;
  passcodeHash: string | null;
  usage: Generated<'active' | 'inactive'>;
  loginStatus: Generated<'allowed' | 'stopped'>;
  isAdmin: Generated<boolean>;
  verifiedAt: Timestamp | null;
  settings: JsonDefault;
  createdAt: TimestampDefault;
  updatedAt: TimestampDefault;
}

export interface StaffOfficesTable {
  contractId: string;
  staffId: number;
  officeId: number;
  shiftPlan: Generated<Right>;
  attendance: Generated<Right>;
  officeManage: Generated<Right>;
  staffManage: Generated<Right>;
}

export interface SessionsTable {
  id: Generated<number>;
  tokenHash: Buffer;
  accountId: number;
  contractId: string | null;
  kind: 'console' | 'app';
  loginEmail: string;
  csrfToken: string;
  createdAt: TimestampDefault;
  lastSeenAt: TimestampDefault;
  expiresAt: Timestamp;
}

export interface AuthTokensTable {
  id: Generated<number>;
  tokenHash: Buffer;
  kind: 'verify' | 'reset';
  accountId: number;
  contractId: string | null;
  staffId: number | null;
  createdAt: TimestampDefault;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: Generated<number>;
  blockedUntil: Timestamp | null;
  updatedAt: TimestampDefault;
}

export interface HealthProbeTable {
  id: number;
  checkedAt: Timestamp;
}

export interface AuditLogTable {
  contractId: string;
  id: Generated<number>;
  at: TimestampDefault;
  actorAccountId: number | null;
  actorStaffId: number | null;
  action: string;
  target: string | null;
  details: JsonDefault;
  ip: string | null;
  prevHash: string | null;
  hash: string;
  /** 1: the hash covers what was done; 2: also who did it and from where. */
  chainVersion: Generated<number>;
}

export interface MailOutboxTable {
  id: Generated<number>;
  contractId: string | null;
  toAddress: string;
  subject: string;
  bodyText: string;
  status: Generated<'pending' | 'sent' | 'failed' | 'kept'>;
  attempts: Generated<number>;
  nextAttemptAt: TimestampDefault;
  lastError: string | null;
  createdAt: TimestampDefault;
  sentAt: Timestamp | null;
}

export interface PunchesTable {
  contractId: string;
  id: Generated<number>;
  staffId: number;
  officeId: number | null;
  type: 'clock_in' | 'clock_out' | 'break_start' | 'break_end';
  punchedAt: Timestamp;
  deviceAt: Timestamp | null;
  workDate: string;
  source: 'web_clock' | 'app' | 'personal' | 'import' | 'admin' | 'api';
  idempotencyKey: string;
  terminalId: number | null;
  actorAccountId: number | null;
  supersedesId: number | null;
  deleted: Generated<boolean>;
  reason: string | null;
  flags: JsonDefault;
  createdAt: TimestampDefault;
  /** Set by the database (punch_chain_link): the person's chain of punches (issue 13). */
  chainSeq: Generated<number>;
  prevHash: Generated<string | null>;
  rowHash: Generated<string>;
}

export interface TerminalsTable {
  contractId: string;
  id: Generated<number>;
  officeId: number;
  kind: 'web_clock' | 'app';
  tokenHash: Buffer;
  openedByAccountId: number | null;
  userAgent: string | null;
  createdAt: TimestampDefault;
  lastSeenAt: TimestampDefault;
  revokedAt: Timestamp | null;
}

/** An API token (issue 14): only its hash is kept. */
export interface ApiTokensTable {
  contractId: string;
  id: Generated<number>;
  name: string;
  tokenHash: Buffer;
  prefix: string;
  scopes: string[];
  createdByStaffId: number | null;
  createdByAccountId: number | null;
  createdAt: TimestampDefault;
  expiresAt: Timestamp | null;
  lastUsedAt: Timestamp | null;
  deletedAt: Timestamp | null;
}

/** A saved 出力レイアウト of 集計・出力 (issue 14). */
export interface ExportLayoutsTable {
  contractId: string;
  id: Generated<number>;
  name: string;
  columns: ColumnType<{ key: string; header: string }[], string, string>;
  timeFormat: 'hmm' | 'decimal' | 'minutes';
  encoding: 'shift_jis' | 'utf-8';
  lineEnding: 'crlf' | 'lf';
  quoting: 'minimal' | 'all';
  createdAt: TimestampDefault;
  updatedAt: TimestampDefault;
}

/** A punch for a closed period, waiting for an administrator (issue 11 §4). */
/** The photo taken with a punch (issue 20), keyed by the punch's idempotency key. */
export interface PunchPhotosTable {
  contractId: string;
  idempotencyKey: string;
  staffId: number;
  receivedAt: Date;
  jpeg: Buffer;
}

export interface HeldPunchesTable {
  contractId: string;
  id: Generated<number>;
  staffId: number;
  officeId: number | null;
  type: 'clock_in' | 'clock_out' | 'break_start' | 'break_end';
  punchedAt: Timestamp;
  deviceAt: Timestamp | null;
  workDate: string;
  source: 'web_clock' | 'app' | 'personal' | 'import' | 'admin' | 'api';
  idempotencyKey: string;
  terminalId: number | null;
  actorAccountId: number | null;
  flags: JsonDefault;
  createdAt: TimestampDefault;
  resolution: 'accepted' | 'discarded' | null;
  resolvedAt: Timestamp | null;
  resolvedByAccountId: number | null;
}

export interface PeriodLocksTable {
  contractId: string;
  periodFrom: string;
  periodTo: string;
  lockedByAccountId: number | null;
  lockedAt: TimestampDefault;
}

/** A JSON array column with a default; written as a JSON string. */
type JsonArrayDefault<T> = ColumnType<T, string | undefined, string>;

export interface ShiftPatternsTable {
  contractId: string;
  id: Generated<number>;
  officeId: number;
  name: string;
  color: string;
  startTime: string;
  endTime: string;
  breaks: JsonArrayDefault<[string, string][]>;
  archived: Generated<boolean>;
  createdAt: TimestampDefault;
}

export interface ShiftsTable {
  contractId: string;
  staffId: number;
  workDate: string;
  officeId: number;
  patternId: number | null;
  isOff: Generated<boolean>;
  startTime: string | null;
  endTime: string | null;
  breaks: JsonArrayDefault<[string, string][]>;
  deleted: Generated<boolean>;
  publishedAt: Timestamp | null;
  publishedIsOff: boolean | null;
  publishedStartTime: string | null;
  publishedEndTime: string | null;
  publishedBreaks: ColumnType<[string, string][] | null, string | null, string | null>;
  publishedPatternId: number | null;
  publishedDeleted: boolean | null;
  updatedAt: TimestampDefault;
  updatedByAccountId: number | null;
}

export interface ShiftWishPeriodsTable {
  contractId: string;
  id: Generated<number>;
  officeId: number;
  periodFrom: string;
  periodTo: string;
  deadline: Timestamp;
  createdAt: TimestampDefault;
}

export interface ShiftWishesTable {
  contractId: string;
  staffId: number;
  workDate: string;
  kind: 'available' | 'off';
  startTime: string | null;
  endTime: string | null;
  note: Generated<string>;
  updatedAt: TimestampDefault;
}

/** 労務アラート (issue 19): the contract's 36協定 settings and alert thresholds. */
export interface LaborAlertSettingsTable {
  contractId: string;
  agreementStartMonth: Generated<string>;
  specialClause: Generated<boolean>;
  monthLimitMinutes: Generated<number>;
  yearLimitMinutes: Generated<number>;
  warningPercent: Generated<number>;
  consecutiveDays: Generated<number>;
  intervalMinutes: Generated<number>;
  longVacations: ColumnType<{ from: string; to: string }[], string | undefined, string>;
  updatedAt: TimestampDefault;
}

/** Per person and pay-period month: the engine's totals and day alerts, recomputed when stale. */
export interface StaffMonthTotalsTable {
  contractId: string;
  staffId: number;
  month: string;
  version: Generated<number>;
  computedVersion: Generated<number>;
  leaseToken: string | null;
  leaseUntil: Timestamp | null;
  periodFrom: string | null;
  periodTo: string | null;
  judgedThrough: string | null;
  overtimeMinutes: Generated<number>;
  legalHolidayMinutes: Generated<number>;
  workedMinutes: Generated<number>;
  items: ColumnType<Record<string, unknown>[], string | undefined, string>;
  computedAt: Timestamp | null;
}

export interface LaborAlertAcksTable {
  contractId: string;
  alertKey: string;
  staffId: number;
  accountId: number | null;
  comment: Generated<string>;
  acknowledgedAt: TimestampDefault;
}

export interface LaborAlertDigestsTable {
  contractId: string;
  digestDate: string;
  alertCount: number;
  createdAt: TimestampDefault;
}

export interface LaborAlertDigestSeenTable {
  contractId: string;
  alertKey: string;
  digestDate: string;
}

/** Global: contracts whose staff_month_totals have stale rows. */
export interface LaborTotalsQueueTable {
  contractId: string;
  generation: Generated<number>;
  queuedAt: TimestampDefault;
  leaseUntil: Timestamp | null;
}

/** A 申請 (issue 18): its kind, state, the 承認経路 it follows and the change it asks for. */
export interface RequestsTable {
  contractId: string;
  id: number;
  staffId: number;
  officeId: number | null;
  kind: 'punch_correction' | 'leave' | 'overtime' | 'attendance_confirmation';
  status: Generated<'pending' | 'approved' | 'rejected' | 'returned' | 'cancelled' | 'reopened'>;
  route: ColumnType<unknown[], string, string>;
  step: Generated<number>;
  dateFrom: string;
  dateTo: string;
  body: ColumnType<Record<string, unknown>, string, string>;
  before: ColumnType<unknown[] | null, string | null, string | null>;
  reason: Generated<string>;
  appliedAt: Timestamp | null;
  notifiedAt: Timestamp | null;
  createdAt: TimestampDefault;
  updatedAt: TimestampDefault;
}

export interface RequestEventsTable {
  contractId: string;
  id: Generated<number>;
  requestId: number;
  action: 'create' | 'resend' | 'approve' | 'reject' | 'return' | 'cancel' | 'reopen';
  step: number;
  actorStaffId: number | null;
  actorAccountId: number | null;
  comment: Generated<string>;
  createdAt: TimestampDefault;
}

export interface ApprovalRoutesTable {
  contractId: string;
  officeId: number;
  kind: 'punch_correction' | 'leave' | 'overtime' | 'attendance_confirmation';
  steps: ColumnType<unknown[], string, string>;
  updatedAt: TimestampDefault;
}

/** Contracts whose approvers have a digest due (global: the job claims across contracts). */
export interface RequestDigestsTable {
  contractId: string;
  dueAt: Timestamp;
}

/** numeric columns come back as strings from PostgreSQL; written as numbers. */
type Numeric = ColumnType<string, number | string, number | string>;

export interface LeaveTypesTable {
  contractId: string;
  id: Generated<number>;
  kind: 'annual' | 'special' | 'unpaid';
  name: string;
  paid: boolean;
  allowFull: Generated<boolean>;
  allowHalf: Generated<boolean>;
  allowHours: Generated<boolean>;
  archived: Generated<boolean>;
  createdAt: TimestampDefault;
}

export interface LeaveGrantsTable {
  contractId: string;
  id: Generated<number>;
  staffId: number;
  grantDate: string;
  days: Numeric;
  expiresOn: string;
  source: 'statutory' | 'manual';
  serviceYears: Numeric | null;
  skipped: Generated<boolean>;
  attendanceRate: Numeric | null;
  reason: Generated<string>;
  createdAt: TimestampDefault;
  createdByStaffId: number | null;
}

export interface LeaveRateOverridesTable {
  contractId: string;
  staffId: number;
  grantDate: string;
  rate: Numeric;
  reason: string;
  updatedAt: TimestampDefault;
  updatedByStaffId: number | null;
}

export interface LeaveRecordsTable {
  contractId: string;
  id: Generated<number>;
  staffId: number;
  leaveDate: string;
  leaveTypeId: number;
  kind: Generated<'leave' | 'adjustment'>;
  unit: 'full' | 'am' | 'pm' | 'hours';
  hours: number | null;
  reason: Generated<string>;
  requestId: number | null;
  createdAt: TimestampDefault;
  createdByStaffId: number | null;
}

/** Which contract a terminal's or an API token's hash belongs to (global: read before the contract is known). */
export interface TokenDirectoryTable {
  tokenHash: Buffer;
  contractId: string;
  kind: 'terminal' | 'api_token';
  createdAt: TimestampDefault;
}

/** The contracts where an account has a staff row (global: read at login, before a contract is chosen). */
export interface AccountMembershipsTable {
  accountId: number;
  contractId: string;
}

/** A unit of background work done (jobs/exactly-once.ts): written in the transaction that did it. */
export interface JobRunsTable {
  contractId: string;
  job: string;
  unitKey: string;
  doneAt: TimestampDefault;
}

export interface DB {
  contracts: ContractsTable;
  accounts: AccountsTable;
  idCounters: IdCountersTable;
  offices: OfficesTable;
  staff: StaffTable;
  staffOffices: StaffOfficesTable;
  sessions: SessionsTable;
  authTokens: AuthTokensTable;
  loginThrottle: LoginThrottleTable;
  healthProbe: HealthProbeTable;
  auditLog: AuditLogTable;
  mailOutbox: MailOutboxTable;
  punches: PunchesTable;
  terminals: TerminalsTable;
  periodLocks: PeriodLocksTable;
  heldPunches: HeldPunchesTable;
  punchPhotos: PunchPhotosTable;
  apiTokens: ApiTokensTable;
  exportLayouts: ExportLayoutsTable;
  shiftPatterns: ShiftPatternsTable;
  shifts: ShiftsTable;
  shiftWishPeriods: ShiftWishPeriodsTable;
  shiftWishes: ShiftWishesTable;
  laborAlertSettings: LaborAlertSettingsTable;
  staffMonthTotals: StaffMonthTotalsTable;
  laborAlertAcks: LaborAlertAcksTable;
  laborAlertDigests: LaborAlertDigestsTable;
  laborAlertDigestSeen: LaborAlertDigestSeenTable;
  laborTotalsQueue: LaborTotalsQueueTable;
  requests: RequestsTable;
  requestEvents: RequestEventsTable;
  approvalRoutes: ApprovalRoutesTable;
  requestDigests: RequestDigestsTable;
  leaveTypes: LeaveTypesTable;
  leaveGrants: LeaveGrantsTable;
  leaveRateOverrides: LeaveRateOverridesTable;
  leaveRecords: LeaveRecordsTable;
  tokenDirectory: TokenDirectoryTable;
  accountMemberships: AccountMembershipsTable;
  jobRuns: JobRunsTable;
  webhookEndpoints: WebhookEndpointsTable;
  webhookEvents: WebhookEventsTable;
  webhookDeliveries: WebhookDeliveriesTable;
}

/** Where a contract's webhooks go (issue 14, ADR 021); `secret` signs, never logged. */
export interface WebhookEndpointsTable {
  contractId: string;
  id: Generated<number>;
  url: string;
  events: string[];
  secret: string;
  state: Generated<'active' | 'disabled'>;
  consecutiveFailures: Generated<number>;
  failingSince: Timestamp | null;
  disabledAt: Timestamp | null;
  createdByStaffId: number | null;
  createdByAccountId: number | null;
  createdAt: TimestampDefault;
  deletedAt: Timestamp | null;
}

/** The webhook outbox: an event, written with the change it tells of. */
export interface WebhookEventsTable {
  contractId: string;
  id: Generated<number>;
  publicId: string;
  type: string;
  body: string;
  createdAt: TimestampDefault;
}

export interface WebhookDeliveriesTable {
  contractId: string;
  id: Generated<number>;
  endpointId: number;
  eventId: number;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  nextAttemptAt: TimestampDefault;
  lastAttemptAt: Timestamp | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Timestamp | null;
  redeliveryOf: number | null;
  createdAt: TimestampDefault;
}

/**
 * Global tables: shared by all contracts (a contract_id column, if any, is not their key). Every
 * other table is a tenant table, distributed by contract_id on Citus (docs/operations.md "Scaling
 * out on Citus"). Reference tables are copied to every node (tenant tables may reference them and
 * join them in a router query); coordinator tables live on the coordinator only and are read
 * before a contract is known (sign-in, sessions) or by operator jobs (the mail outbox).
 */
export const REFERENCE_TABLES = ['contracts', 'accounts', 'token_directory', 'account_memberships'] as const;
export const COORDINATOR_TABLES = [
  'sessions',
  'auth_tokens',
  'login_throttle',
  'mail_outbox',
  // The digest queue of ワークフロー: claimed across contracts by the digest job (issue 18).
  'request_digests',
  'health_probe',
  'kysely_migration',
  'kysely_migration_lock',
] as const;
export const GLOBAL_TABLES = [...REFERENCE_TABLES, ...COORDINATOR_TABLES] as const;
