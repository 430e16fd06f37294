import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { crossTenant } from '../db/cross-tenant.ts';
import type { Database } from '../db/database.ts';
import { ApiClient } from '../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff, uniqueContractId } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';

/**
 * Issue 12 item 9: every route of the real app, sent hostile bodies, queries, path parameters and
 * headers derived from a request it accepts. Whatever comes in, the answer is never 5xx, and an
 * answer 4xx writes nothing (400: nothing at all; 401/403/409/422/429: nothing but the audit log,
 * which records refused logins on purpose).
 *
 * ROUTES below holds a request each route accepts. A route registered without an entry fails the
 * test: add one (the contract package of issue 14 will replace this table with the route schemas).
 */

type Auth = 'public' | 'console' | 'app' | 'terminal';
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface RouteExample {
  /** The credential the route needs: a 管理画面 session (with CSRF), an app session, a terminal. */
  auth: Auth;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: { [key: string]: Json };
  /** A raw body (the punch import takes CSV). */
  csv?: string;
  /** Headers the route needs, fresh for each request (an Idempotency-Key). */
  headers?: () => Record<string, string>;
  /** The route ends its credential (logout): each request gets a fresh one. */
  endsCredential?: boolean;
}

interface World {
  a: BuiltContract;
  b: BuiltContract;
  workerId: number;
  editedId: number;
  loginEmail: string;
  loginPassword: string;
  punchId: number;
  patternId: number;
  /** A saved 出力レイアウト of contract A. */
  layoutId: number;
  signupId: string;
  /** A Web出退勤画面 of contract A kept apart for 【解除】 (the shared terminal client stays open). */
  spareTerminalId: number;
  /** A webhook endpoint of contract A and one of its deliveries. */
  webhookId: number;
  webhookDeliveryId: number;
  /** A 打刻修正申請 of contract A's administrator (ワークフロー). */
  requestId: number;
}

const TOKEN = 'x'.repeat(43);
const punchHeaders = () => ({ 'idempotency-key': randomUUID() });

const ROUTES: Record<string, (w: World) => RouteExample> = {
  'GET /healthz': () => ({ auth: 'public' }),
  'GET /readyz': () => ({ auth: 'public' }),
  'GET /api/openapi.json': () => ({ auth: 'public' }),
  'GET /api/docs': () => ({ auth: 'public' }),
  'GET /api/docs/init.js': () => ({ auth: 'public' }),
  'GET /api/docs/assets/*': () => ({ auth: 'public', params: { '*': 'swagger-ui.css' } }),
  'GET /api/v1/dev/mailbox': () => ({ auth: 'public', query: { to: 'someone@example.com', limit: '10' } }),
  'GET /api/v1/dev/mailbox/:id': () => ({ auth: 'public', params: { id: '1' } }),
  'GET /dev/mailbox': () => ({ auth: 'public', query: { to: 'someone@example.com', limit: '10' } }),

  'POST /api/v1/auth/login': (w) => ({
    auth: 'public',
    body: { login: w.loginEmail, password: w.loginPassword },
  }),
  'POST /api/v1/auth/logout': () => ({ auth: 'console', endsCredential: true }),
  'GET /api/v1/me': () => ({ auth: 'console' }),
  'POST /api/v1/auth/select-contract': (w) => ({ auth: 'console', body: { contractId: w.a.contractId } }),
  'POST /api/v1/auth/password-reset': (w) => ({ auth: 'public', body: { email: w.loginEmail } }),
  'GET /api/v1/auth/tokens/:token': () => ({ auth: 'public', params: { token: TOKEN } }),
  'POST /api/v1/auth/password-reset/confirm': () => ({
    auth: 'public',
    body: { token: TOKEN, password: 'a new password' },
  }),
  'POST /api/v1/auth/verify': () => ({
    auth: 'public',
    body: { token: TOKEN, password: 'a new password', loginId: 'fuzzer1' },
  }),
  'POST /api/v1/signup': (w) => ({
    auth: 'public',
    body: {
      companyName: '株式会社ファズ',
      contractId: w.signupId,
      adminName: '登録 太郎',
      email: `owner@${w.signupId}.example.com`,
      plan: 'standard',
    },
  }),
  'GET /api/v1/signup/contract-id': (w) => ({ auth: 'public', query: { id: w.signupId } }),

  'POST /api/v1/app/login': (w) => ({
    auth: 'public',
    body: { userId: w.loginEmail, password: w.loginPassword },
  }),
  'GET /api/v1/app/me': () => ({ auth: 'app' }),
  'POST /api/v1/app/select-office': (w) => ({
    auth: 'app',
    body: { contractId: w.a.contractId, officeId: 1 },
  }),
  'POST /api/v1/app/logout': () => ({ auth: 'app', endsCredential: true }),

  'GET /api/v1/staff': () => ({
    auth: 'console',
    query: { q: '山田', verification: 'pending', usage: 'all', cursor: '1', limit: '10' },
  }),
  'POST /api/v1/staff': () => ({
    auth: 'console',
    body: {
      name: '山田 花子',
      kana: 'ヤマダ ハナコ',
      code: 'F-NEW',
      email: null,
      employmentType: 'part_time',
      hiredOn: '2026-04-01',
      retiredOn: null,
      usage: 'active',
      loginStatus: 'allowed',
      isAdmin: false,
      passcode: '1234',
      offices: [
        { officeId: 1, shiftPlan: 'none', attendance: 'view', officeManage: 'none', staffManage: 'none' },
      ],
    },
  }),
  'GET /api/v1/staff/:id': (w) => ({ auth: 'console', params: { id: String(w.editedId) } }),
  'PATCH /api/v1/staff/:id': (w) => ({
    auth: 'console',
    params: { id: String(w.editedId) },
    body: { name: '編集 次郎', kana: 'ヘンシュウ', code: 'F-EDIT', hiredOn: '2026-04-01', usage: 'active' },
  }),
  'POST /api/v1/staff/:id/verification-mail': (w) => ({
    auth: 'console',
    params: { id: String(w.editedId) },
  }),

  'GET /api/v1/offices': () => ({ auth: 'console' }),
  'POST /api/v1/offices': () => ({
    auth: 'console',
    body: {
      name: '新宿店',
      shortName: '新宿',
      kana: 'シンジュク',
      address: '東京都新宿区',
      passcodeRequired: false,
    },
  }),
  'GET /api/v1/offices/:id': () => ({ auth: 'console', params: { id: '1' } }),
  'PATCH /api/v1/offices/:id': () => ({
    auth: 'console',
    params: { id: '1' },
    body: { name: '本店', shortName: '本', kana: 'ホンテン', address: '東京都', passcodeRequired: false },
  }),

  // Contract B's PIN: wrong PINs sent here must not lock contract A's terminals for the day.
  'POST /api/v1/clock/auth': (w) => ({
    auth: 'public',
    body: { contractId: w.b.contractId, officeId: 1, pin: '0000' },
  }),
  'GET /api/v1/terminal': () => ({ auth: 'terminal' }),
  'POST /api/v1/terminal/punches': (w) => ({
    auth: 'terminal',
    headers: punchHeaders,
    body: { staffId: w.workerId, type: 'clock_in', deviceTime: new Date().toISOString() },
  }),
  'POST /api/v1/terminal/logout': () => ({ auth: 'terminal', endsCredential: true }),

  'GET /api/v1/attendance/today': () => ({ auth: 'console' }),
  'GET /api/v1/me/punch-status': () => ({ auth: 'console' }),
  'POST /api/v1/me/punches': () => ({
    auth: 'console',
    headers: punchHeaders,
    body: {
      type: 'clock_in',
      officeId: 1,
      deviceTime: new Date().toISOString(),
      latitude: 35.69,
      longitude: 139.7,
    },
  }),

  'GET /api/v1/settings/punch': () => ({ auth: 'console' }),
  'PUT /api/v1/settings/punch': () => ({ auth: 'console', body: { clockPin: '0000' } }),

  'GET /api/v1/timecards/:id': (w) => ({
    auth: 'console',
    params: { id: String(w.workerId) },
    query: { from: '2026-10-01', to: '2026-10-31' },
  }),
  'POST /api/v1/timecards/:id/punches': (w) => ({
    auth: 'console',
    params: { id: String(w.workerId) },
    body: { type: 'clock_in', at: '2026-10-05T09:00', reason: '打刻忘れ' },
  }),
  'PATCH /api/v1/punches/:id': (w) => ({
    auth: 'console',
    params: { id: String(w.punchId) },
    body: { type: 'clock_in', at: '2026-10-02T09:05', reason: '時刻の誤り\n本人申告' },
  }),
  'DELETE /api/v1/punches/:id': (w) => ({
    auth: 'console',
    params: { id: String(w.punchId) },
    body: { reason: '二重打刻' },
  }),
  'GET /api/v1/period-locks': () => ({ auth: 'console' }),
  'GET /api/v1/period-locks/preview': () => ({ auth: 'console', query: { date: '2026-10-15' } }),
  'PUT /api/v1/timecards/:id/days/:date': (w) => ({
    auth: 'console',
    params: { id: String(w.workerId), date: '2026-10-07' },
    body: {
      punches: [
        { type: 'clock_in', at: '2026-10-07T09:00' },
        { type: 'clock_out', at: '2026-10-07T18:00' },
      ],
      reason: '打刻忘れ',
    },
  }),
  'POST /api/v1/period-locks': () => ({ auth: 'console', body: { date: '2020-01-15' } }),
  'POST /api/v1/period-locks/unlock': () => ({ auth: 'console', body: { date: '2020-01-15' } }),

  'GET /api/v1/settings/work-rules': () => ({ auth: 'console' }),
  'PUT /api/v1/settings/work-rules': () => ({ auth: 'console', body: WORK_RULES }),
  'GET /api/v1/offices/:id/work-rules': () => ({ auth: 'console', params: { id: '1' } }),
  'PUT /api/v1/offices/:id/work-rules': () => ({ auth: 'console', params: { id: '1' }, body: WORK_RULES }),
  'GET /api/v1/staff/:id/work-rules': (w) => ({ auth: 'console', params: { id: String(w.workerId) } }),
  'PUT /api/v1/staff/:id/work-rules': (w) => ({
    auth: 'console',
    params: { id: String(w.workerId) },
    body: WORK_RULES,
  }),

  'GET /api/v1/reports/attendance': () => ({ auth: 'console', query: REPORT_QUERY }),
  'GET /api/v1/reports/attendance.csv': () => ({
    auth: 'console',
    query: { ...REPORT_QUERY, layout: '既存' },
  }),
  'GET /api/v1/report-layouts': () => ({ auth: 'console' }),
  'POST /api/v1/report-layouts': () => ({ auth: 'console', body: EXPORT_LAYOUT }),
  'POST /api/v1/report-layouts/preview': () => ({ auth: 'console', body: EXPORT_LAYOUT }),
  'PUT /api/v1/report-layouts/:id': (w) => ({
    auth: 'console',
    params: { id: String(w.layoutId) },
    body: EXPORT_LAYOUT,
  }),
  'DELETE /api/v1/report-layouts/:id': (w) => ({ auth: 'console', params: { id: String(w.layoutId) } }),
  'GET /api/v1/offices/:id/shift-patterns': () => ({ auth: 'console', params: { id: '1' } }),
  'POST /api/v1/offices/:id/shift-patterns': () => ({
    auth: 'console',
    params: { id: '1' },
    body: SHIFT_PATTERN,
  }),
  'PUT /api/v1/shift-patterns/:id': (w) => ({
    auth: 'console',
    params: { id: String(w.patternId) },
    body: SHIFT_PATTERN,
  }),
  'DELETE /api/v1/shift-patterns/:id': (w) => ({ auth: 'console', params: { id: String(w.patternId) } }),
  'GET /api/v1/offices/:id/shifts': () => ({ auth: 'console', params: { id: '1' }, query: SHIFT_RANGE }),
  'PUT /api/v1/offices/:id/shifts': (w) => ({
    auth: 'console',
    params: { id: '1' },
    body: {
      cells: <Json[]>[
        { kind: 'pattern', staffId: w.workerId, date: '2026-11-02', patternId: w.patternId },
        {
          kind: 'custom',
          staffId: w.workerId,
          date: '2026-11-03',
          start: '22:00',
          end: '06:00',
          breaks: [['02:00', '02:30']],
        },
        { kind: 'off', staffId: w.workerId, date: '2026-11-04' },
      ],
    },
  }),
  'POST /api/v1/offices/:id/shifts/publish': () => ({
    auth: 'console',
    params: { id: '1' },
    body: SHIFT_RANGE,
  }),
  'POST /api/v1/offices/:id/shifts/copy': () => ({
    auth: 'console',
    params: { id: '1' },
    body: { ...SHIFT_RANGE, target: '2026-12-01' },
  }),
  'POST /api/v1/offices/:id/shift-imports': () => ({
    auth: 'console',
    params: { id: '1' },
    csv: 'staff_code,date,start,end,breaks\r\nW-1,2026-11-10,09:00,18:00,12:00-13:00\r\n',
  }),
  'GET /api/v1/offices/:id/shifts.csv': () => ({
    auth: 'console',
    params: { id: '1' },
    query: { ...SHIFT_RANGE, encoding: 'shift_jis' },
  }),
  'POST /api/v1/offices/:id/wish-periods': () => ({
    auth: 'console',
    params: { id: '1' },
    body: { from: '2027-01-01', to: '2027-01-31', deadline: '2026-12-20T18:00:00+09:00' },
  }),
  'GET /api/v1/me/shift-wishes': () => ({ auth: 'console', query: SHIFT_RANGE }),
  'PUT /api/v1/me/shift-wishes': () => ({
    auth: 'console',
    body: { kind: 'available', date: '2027-01-05', start: '09:00', end: '15:00', note: '午後は通院' },
  }),
  'GET /api/v1/me/shifts': () => ({ auth: 'console', query: SHIFT_RANGE }),

  'GET /api/v1/plans': () => ({ auth: 'console' }),
  'PUT /api/v1/plans/current': () => ({ auth: 'console', body: { plan: 'enterprise' } }),
  'GET /api/v1/audit-log': (w) => ({
    auth: 'console',
    query: {
      from: '2026-01-01',
      to: '2026-12-31',
      staffId: String(w.workerId),
      kind: 'punch',
      cursor: '999',
      limit: '20',
    },
  }),
  'GET /api/v1/audit-log.csv': (w) => ({
    auth: 'console',
    query: {
      from: '2026-01-01',
      to: '2026-12-31',
      staffId: String(w.workerId),
      kind: 'staff',
      encoding: 'shift_jis',
    },
  }),
  'GET /api/v1/audit-log/verify': () => ({ auth: 'console' }),
  'GET /api/v1/api-tokens': () => ({ auth: 'console' }),
  'POST /api/v1/api-tokens': () => ({
    auth: 'console',
    body: { name: '連携', scopes: ['timecards:read', 'shifts:write'], expiresOn: '2027-12-31' },
  }),
  'DELETE /api/v1/api-tokens/:id': () => ({ auth: 'console', params: { id: '1' } }),
  'GET /api/v1/punches': (w) => ({
    auth: 'console',
    query: { from: '2026-10-01', to: '2026-10-31', staffId: String(w.workerId), cursor: '1', limit: '50' },
  }),
  'GET /api/v1/punches/:id/photo': () => ({ auth: 'console', params: { id: '1' } }),
  'GET /api/v1/settings/photo-retention': () => ({ auth: 'console' }),
  'PUT /api/v1/settings/photo-retention': () => ({ auth: 'console', body: { days: 60 } }),
  'GET /api/v1/labor-alerts': () => ({
    auth: 'console',
    query: { from: '2026-10', to: '2026-12', officeId: '1', severity: 'violation', acknowledged: 'no' },
  }),
  'POST /api/v1/labor-alerts/acknowledgements': (w) => ({
    auth: 'console',
    body: { key: `BREAK_SHORTAGE:${w.workerId}:2026-10-06`, comment: '確認しました' },
  }),
  'GET /api/v1/labor-alerts/office-overtime': () => ({
    auth: 'console',
    query: { officeId: '1', month: '2026-10' },
  }),
  'GET /api/v1/labor-alerts/staff/:id/overtime': (w) => ({
    auth: 'console',
    params: { id: String(w.workerId) },
    query: { to: '2026-12' },
  }),
  'GET /api/v1/settings/labor-alerts': () => ({ auth: 'console' }),
  'PUT /api/v1/settings/labor-alerts': (w) => ({
    auth: 'console',
    body: {
      agreementStartMonth: '2026-04',
      specialClause: true,
      monthLimitMinutes: 2400,
      yearLimitMinutes: 36000,
      warningPercent: 80,
      consecutiveDays: 12,
      intervalMinutes: 660,
      longVacations: [{ from: '2026-08-01', to: '2026-09-30' }],
      studentStaffIds: [w.workerId],
    },
  }),
  'POST /api/v1/punches': (w) => ({
    auth: 'console',
    headers: punchHeaders,
    body: { staffId: w.workerId, type: 'clock_in', at: new Date(Date.now() - 60_000).toISOString() },
  }),
  'GET /api/v1/webhooks': () => ({ auth: 'console' }),
  'POST /api/v1/webhooks': () => ({
    auth: 'console',
    body: { url: 'https://93.184.215.14/hooks/timecard', events: ['punch.created', 'staff.updated'] },
  }),
  'DELETE /api/v1/webhooks/:id': (w) => ({ auth: 'console', params: { id: String(w.webhookId) } }),
  'GET /api/v1/webhooks/:id/deliveries': (w) => ({
    auth: 'console',
    params: { id: String(w.webhookId) },
    query: { cursor: '999', limit: '20' },
  }),
  'POST /api/v1/webhook-deliveries/:id/redeliver': (w) => ({
    auth: 'console',
    params: { id: String(w.webhookDeliveryId) },
  }),
  'GET /api/v1/held-punches': () => ({ auth: 'console' }),
  'POST /api/v1/held-punches/:id/accept': () => ({ auth: 'console', params: { id: '1' } }),
  'POST /api/v1/held-punches/:id/discard': () => ({ auth: 'console', params: { id: '1' } }),

  'POST /api/v1/punch-imports': () => ({
    auth: 'console',
    csv: 'staff_code,type,at\r\nW-1,clock_in,2026-10-06T09:00\r\nW-1,clock_out,2026-10-06T18:00\r\n',
  }),
  'POST /api/v1/staff-imports': () => ({
    auth: 'console',
    csv: '氏名,フリガナ,スタッフコード,メールアドレス,雇用区分,入社日,事業所,勤務形態\r\n取込 太郎,トリコミ タロウ,IMP-1,,パート・アルバイト,2026/11/02,本店,シフト\r\n',
  }),
  'GET /api/v1/staff-imports/template.csv': () => ({ auth: 'console' }),
  'POST /api/v1/requests': () => ({ auth: 'console', body: REQUEST_BODY }),
  'GET /api/v1/requests': (w) => ({
    auth: 'console',
    query: {
      status: 'pending',
      kind: 'punch_correction',
      officeId: '1',
      staffId: String(w.workerId),
      from: '2026-10-01',
      to: '2026-10-31',
      view: 'decide',
      cursor: '99',
      limit: '20',
    },
  }),
  'GET /api/v1/requests/pending-count': () => ({ auth: 'console' }),
  'GET /api/v1/requests/day': () => ({ auth: 'console', query: { date: '2026-10-08' } }),
  'GET /api/v1/requests/leave-balance': () => ({
    auth: 'console',
    query: { leaveTypeId: '1', from: '2026-10-08', to: '2026-10-09' },
  }),
  'GET /api/v1/requests/:id': (w) => ({ auth: 'console', params: { id: String(w.requestId) } }),
  'PUT /api/v1/requests/:id': (w) => ({
    auth: 'console',
    params: { id: String(w.requestId) },
    body: REQUEST_BODY,
  }),
  'POST /api/v1/requests/:id/approve': (w) => ({
    auth: 'console',
    params: { id: String(w.requestId) },
    body: { comment: '' },
  }),
  'POST /api/v1/requests/:id/reject': (w) => ({
    auth: 'console',
    params: { id: String(w.requestId) },
    body: { comment: '時刻をご確認ください' },
  }),
  'POST /api/v1/requests/:id/return': (w) => ({
    auth: 'console',
    params: { id: String(w.requestId) },
    body: { comment: '時刻をご確認ください' },
  }),
  'POST /api/v1/requests/:id/cancel': (w) => ({
    auth: 'console',
    params: { id: String(w.requestId) },
    body: {},
  }),
  'POST /api/v1/requests/:id/reopen': (w) => ({
    auth: 'console',
    params: { id: String(w.requestId) },
    body: {},
  }),
  'POST /api/v1/requests/bulk-approve': (w) => ({
    auth: 'console',
    body: { ids: [w.requestId], comment: '' },
  }),
  'GET /api/v1/settings/requests': () => ({ auth: 'console' }),
  'PUT /api/v1/settings/requests': () => ({ auth: 'console', body: { overtimeNeedsApproval: true } }),
  'GET /api/v1/approval-routes': () => ({ auth: 'console' }),
  'PUT /api/v1/approval-routes': (w) => ({
    auth: 'console',
    body: {
      officeId: 1,
      kind: 'overtime',
      steps: [
        { type: 'person', staffId: w.editedId },
        { type: 'right', right: 'attendance', level: 'edit' },
      ] as Json[],
    },
  }),
  'GET /api/v1/dashboard': () => ({ auth: 'console' }),
  'GET /api/v1/staff/passcode-warnings': () => ({ auth: 'console', query: { officeId: '1' } }),
  'GET /api/v1/terminals': () => ({ auth: 'console', query: { officeId: '1' } }),
  'GET /api/v1/leave/types': () => ({ auth: 'console' }),
  'POST /api/v1/leave/types': () => ({
    auth: 'console',
    body: { kind: 'special', name: '慶弔休暇', paid: true, allowFull: true, allowHalf: false },
  }),
  'PATCH /api/v1/leave/types/:id': () => ({
    auth: 'console',
    params: { id: '1' },
    body: { name: '夏季休暇', allowHalf: true },
  }),
  'GET /api/v1/leave': () => ({ auth: 'console', query: { asOf: '2026-11-30' } }),
  'GET /api/v1/leave/staff/:id': (w) => ({
    auth: 'console',
    params: { id: String(w.workerId) },
    query: { asOf: '2026-11-30' },
  }),
  'POST /api/v1/leave/records': (w) => ({
    auth: 'console',
    body: { staffId: w.workerId, date: '2026-11-16', leaveTypeId: 1, unit: 'am', reason: '通院' },
  }),
  'DELETE /api/v1/leave/records/:id': () => ({ auth: 'console', params: { id: '1' } }),
  'POST /api/v1/leave/staff/:id/grants': (w) => ({
    auth: 'console',
    params: { id: String(w.workerId) },
    body: { grantDate: '2026-04-01', days: 5.5, reason: '旧システムからの繰越' },
  }),
  'POST /api/v1/leave/staff/:id/adjustments': (w) => ({
    auth: 'console',
    params: { id: String(w.workerId) },
    body: { date: '2026-05-01', unit: 'hours', hours: 2, reason: '旧システムでの取得分' },
  }),
  'PUT /api/v1/leave/staff/:id/attendance-rates': (w) => ({
    auth: 'console',
    params: { id: String(w.workerId) },
    body: { grantDate: '2027-04-01', ratePercent: 85, reason: '休業を出勤扱い' },
  }),
  'GET /api/v1/leave/register': (w) => ({
    auth: 'console',
    query: { asOf: '2026-11-30', staffId: String(w.workerId) },
  }),
  'GET /api/v1/leave/register.csv': () => ({
    auth: 'console',
    query: { asOf: '2026-11-30', encoding: 'shift_jis' },
  }),
  // Last: these end terminals (the PIN stays 0000, so terminals opened later still open).
  'POST /api/v1/terminals/:id/revoke': (w) => ({
    auth: 'console',
    params: { id: String(w.spareTerminalId) },
  }),
  'POST /api/v1/settings/punch/revoke-terminals': () => ({ auth: 'console', body: { clockPin: '0000' } }),
};

const REQUEST_BODY: { [key: string]: Json } = {
  kind: 'punch_correction',
  date: '2026-10-08',
  punches: [
    { type: 'clock_in', at: '2026-10-08T09:00' },
    { type: 'clock_out', at: '2026-10-08T18:00' },
  ],
  reason: '打刻忘れ',
};

const WORK_RULES: { [key: string]: Json } = {
  dayBoundary: '05:00',
  monthStartDay: 1,
  weekStart: 'sun',
  rounding: { unit: 15, clockIn: 'ceil', clockOut: 'floor' },
  schedule: {
    default: { start: '09:00', end: '18:00', breaks: [['12:00', '13:00']] },
    byWeekday: { sat: null },
    byDate: { '2026-10-10': null },
  },
};
const SHIFT_RANGE = { from: '2026-11-01', to: '2026-11-30' };
const SHIFT_PATTERN: { [key: string]: Json } = {
  name: '早番',
  color: '#0b7285',
  start: '09:00',
  end: '18:00',
  breaks: [['12:00', '13:00']],
};
const EXPORT_LAYOUT: { [key: string]: Json } = {
  name: '給与ソフト用',
  columns: [
    { key: 'code', header: '従業員コード' },
    { key: 'worked', header: '総労働時間' },
  ],
  timeFormat: 'decimal',
  encoding: 'shift_jis',
  lineEnding: 'crlf',
  quoting: 'all',
};
const REPORT_QUERY = {
  from: '2026-10-01',
  to: '2026-10-31',
  officeId: '1',
  staffCode: 'W-1',
  encoding: 'shift_jis',
  hours: 'decimal',
};

// ───────────────────────────── hostile values ─────────────────────────────

function nested(depth: number): Json {
  let value: Json = 'deep';
  for (let i = 0; i < depth; i += 1) value = { a: [value] };
  return value;
}

const BAD_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  "2026-10-01'",
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '+275760-09-13',
  '2026-10-01T25:00',
  '9999-12-31T23:59:59Z',
  "' OR '1'='1",
  '%_\\',
  '',
  ' ',
];
const hostileText = fc.oneof(
  fc.constantFrom(...BAD_TEXT),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(300, 5_000, 200_000).map((n) => 'x'.repeat(n)),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, 0.5, -0.5, 2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, -1e308, 5e-324),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const hostileShape = fc.oneof(
  fc.constantFrom<Json>(null, true, false, [], {}, [null], nested(64)),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);
const hostileJson: fc.Arbitrary<Json> = fc.oneof(hostileText, hostileNumber, hostileShape);

/** A query value: a string, a repeated key, or raw (badly) percent-encoded bytes. */
type QueryValue = string | string[] | { raw: string };
const hostileQuery: fc.Arbitrary<QueryValue> = fc.oneof(
  hostileText.filter((s) => s.length <= 10_000),
  hostileNumber.map(String),
  fc.array(fc.string({ maxLength: 10 }), { minLength: 2, maxLength: 3 }),
  fc
    .constantFrom(
      '%',
      '%zz',
      '%00',
      '%C0%AF',
      '%ED%A0%80',
      '%FF%FE',
      '1e3',
      '0x10',
      '-1',
      '99999999999',
      'NaN',
    )
    .map((raw) => ({ raw })),
);
const hostileParam = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '1.5',
    '1e3',
    '99999999999',
    '2147483648',
    'abc',
    '%00',
    '%ED%A0%80',
    '%25',
    '%201',
    '0x1',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }).map(encodeUtf8),
);
const hostileHeader = fc.constantFrom(
  '',
  'x',
  'a'.repeat(300),
  "2026-10-01'",
  '9999-12-31T00:00:00Z',
  '0000-01-01T00:00:00Z',
  'not a date',
);

/** One change to the example request. */
type Mutation =
  | { kind: 'body'; path: (string | number)[]; value: Json; headline?: true }
  | { kind: 'wholeBody'; value: Json }
  | { kind: 'rawBody'; text: string; contentType: string }
  | { kind: 'query'; key: string; value: QueryValue; headline?: true }
  | { kind: 'param'; key: string; value: string }
  | { kind: 'header'; key: string; value: string };

/** Every leaf of a JSON value: where a hostile value can replace a good one. */
function leafPaths(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value) && value.length > 0) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  }
  return [path];
}

function withValueAt(root: Json, path: (string | number)[], value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  // A body replaced by an earlier mutation (raw bytes, null) has no value here: build the path anew.
  const copy: Json = Array.isArray(root) ? [...root] : { ...(root as Record<string, Json> | null) };
  (copy as Record<string | number, Json>)[head] = withValueAt(
    (root as Record<string | number, Json> | null)?.[head] ?? null,
    rest,
    value,
  );
  return copy;
}

function mutations(example: RouteExample, headerKeys: string[]): fc.Arbitrary<Mutation> {
  const options: fc.Arbitrary<Mutation>[] = [];
  if (example.body) {
    const paths = leafPaths(example.body);
    options.push(
      fc.record({ kind: fc.constant('body' as const), path: fc.constantFrom(...paths), value: hostileJson }),
      fc.record({ kind: fc.constant('wholeBody' as const), value: hostileJson }),
      fc.record({
        kind: fc.constant('rawBody' as const),
        text: fc.constantFrom(
          '{"a":',
          '{"__proto__":{"x":1}}',
          '{"constructor":{"prototype":{"x":1}}}',
          '\u0000',
          '[]',
          'null',
          '"',
        ),
        contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
      }),
    );
  }
  if (example.csv !== undefined) {
    options.push(
      fc.record({
        kind: fc.constant('rawBody' as const),
        text: fc
          .tuple(fc.constantFrom(...example.csv.split('\r\n')[1]!.split(',')), hostileText)
          .map(([good, bad]) => example.csv!.replace(good, bad.replaceAll(',', ''))),
        contentType: fc.constant('text/csv'),
      }),
      fc.record({ kind: fc.constant('wholeBody' as const), value: hostileJson }),
    );
  }
  const queryKeys = Object.keys(example.query ?? {});
  if (queryKeys.length > 0) {
    options.push(
      fc.record({
        kind: fc.constant('query' as const),
        key: fc.constantFrom(...queryKeys),
        value: hostileQuery,
      }),
    );
  }
  const paramKeys = Object.keys(example.params ?? {});
  if (paramKeys.length > 0) {
    options.push(
      fc.record({
        kind: fc.constant('param' as const),
        key: fc.constantFrom(...paramKeys),
        value: hostileParam,
      }),
    );
  }
  if (headerKeys.length > 0) {
    options.push(
      fc.record({
        kind: fc.constant('header' as const),
        key: fc.constantFrom(...headerKeys),
        value: hostileHeader,
      }),
    );
  }
  // A route without any input still gets junk it must ignore or refuse.
  if (options.length === 0) {
    options.push(
      fc.record({
        kind: fc.constant('query' as const),
        key: fc.constantFrom('q', 'from', 'id'),
        value: hostileQuery,
      }),
      fc.record({ kind: fc.constant('wholeBody' as const), value: hostileJson }),
    );
  }
  return fc.oneof(...options);
}

/** The headline cases of issue 12, tried on every field before the random ones. */
function headlineMutations(example: RouteExample): Mutation[][] {
  const list: Mutation[] = [];
  for (const path of example.body ? leafPaths(example.body) : []) {
    for (const value of ['a\u0000b', "2026-10-01'", 2 ** 31, { nested: {} }] as Json[]) {
      list.push({ kind: 'body', path, value, headline: true });
    }
  }
  for (const key of Object.keys(example.query ?? {})) {
    for (const value of ['a\u0000b', "2026-10-01'", '99999999999', ['a', 'b']] as QueryValue[]) {
      list.push({ kind: 'query', key, value, headline: true });
    }
  }
  return list.map((m) => [m]);
}

// ───────────────────────────── requests ─────────────────────────────

function encodeUtf8(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

function queryString(query: Record<string, QueryValue>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string') parts.push(`${key}=${encodeUtf8(value)}`);
    else if (Array.isArray(value)) for (const v of value) parts.push(`${key}=${encodeUtf8(v)}`);
    else parts.push(`${key}=${value.raw}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

let database: Database;
let app: FastifyInstance;
let world: World;
const registered: string[] = [];
const clients = {} as Record<Exclude<Auth, 'public'>, ApiClient>;
const COOKIES = { console: 'tc_session', app: 'tc_app', terminal: 'tc_terminal' } as const;

async function freshClient(auth: Exclude<Auth, 'public'>): Promise<ApiClient> {
  const client = new ApiClient(app);
  if (auth === 'console') await client.login(world.a.adminEmail, world.a.adminPassword);
  if (auth === 'app') {
    const answer = await client.post('/app/login', {
      userId: world.a.adminEmail,
      password: world.a.adminPassword,
    });
    expect(answer.status).toBe(200);
  }
  if (auth === 'terminal') {
    const answer = await client.post('/clock/auth', {
      contractId: world.a.contractId,
      officeId: 1,
      pin: '0000',
    });
    expect(answer.status).toBe(200);
  }
  return client;
}

async function send(route: string, example: RouteExample, applied: Mutation[], client?: ApiClient) {
  const [method, template] = route.split(' ') as [string, string];
  const params: Record<string, string> = { ...example.params };
  const query: Record<string, QueryValue> = { ...example.query };
  const headers: Record<string, string> = { ...example.headers?.() };
  let body: Json | undefined = example.body;
  let raw: { text: string; contentType: string } | undefined =
    example.csv !== undefined ? { text: example.csv, contentType: 'text/csv' } : undefined;
  for (const m of applied) {
    if (m.kind === 'body') body = withValueAt(body ?? {}, m.path, m.value);
    if (m.kind === 'wholeBody') [body, raw] = [m.value, undefined];
    if (m.kind === 'rawBody') [body, raw] = [undefined, { text: m.text, contentType: m.contentType }];
    if (m.kind === 'query') query[m.key] = m.value;
    if (m.kind === 'param') params[m.key] = m.value;
    if (m.kind === 'header') headers[m.key] = m.value;
  }
  const path = template.replace(/:(\w+)/g, (_, name: string) =>
    params[name] === example.params?.[name] ? encodeURIComponent(params[name]!) : params[name]!,
  );
  if (client && example.auth !== 'public') {
    headers.cookie = `${COOKIES[example.auth]}=${client.cookie(COOKIES[example.auth])}`;
    if (method !== 'GET' && client.csrfToken) headers['x-csrf-token'] = client.csrfToken;
  }
  if (raw) headers['content-type'] = raw.contentType;
  else if (body !== undefined) headers['content-type'] = 'application/json';
  return app.inject({
    method: method as 'GET',
    url: `${path}${queryString(query)}`,
    headers,
    remoteAddress: '203.0.113.7',
    ...(raw ? { payload: raw.text } : body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

// ───────────────────────────── what was written ─────────────────────────────

/**
 * A checksum of every row this file's contracts own, and of the audit log apart. `last_seen_at` is
 * left out (a credential's use is recorded, not data); sessions and login_throttle are left out
 * (logins and counted failures are their purpose).
 */
let tenantTables: string[] = [];

async function prepareSnapshot() {
  const { rows } = await sql<{ tableName: string }>`
    select distinct table_name from information_schema.columns
    where table_schema = current_schema() and column_name = 'contract_id' and table_name <> 'sessions'
    order by table_name`.execute(database.db);
  tenantTables = rows.map((r) => r.tableName);
}

async function snapshot(): Promise<{ data: string; audit: string }> {
  const ids = [world.a.contractId, world.b.contractId, world.signupId];
  const domains = ids.map((id) => `${id}.example.com`);
  const rowsOf = (table: string, where: RawBuilder<unknown>) =>
    sql`select ${sql.lit(table)} as t, (to_jsonb(x) - 'last_seen_at')::text as r from ${sql.table(table)} x where ${where}`;
  const parts = [
    ...tenantTables.map((table) => rowsOf(table, sql`x.contract_id = any(${ids})`)),
    rowsOf('contracts', sql`x.id = any(${ids})`),
    rowsOf('accounts', sql`split_part(x.email, '@', 2) = any(${domains})`),
  ];
  // Across the test's contracts at once (a deliberate cross-tenant read, db/cross-tenant.ts).
  const { rows } = await sql<{ data: string; audit: string }>`
    ${crossTenant('test')} select
      md5(coalesce(string_agg(t || r, '|' order by t, r) filter (where t <> 'audit_log'), '')) as data,
      md5(coalesce(string_agg(r, '|' order by r) filter (where t = 'audit_log'), '')) as audit
    from (${sql.join(parts, sql` union all `)}) s`.execute(database.db);
  return rows[0]!;
}

// ───────────────────────────── the test ─────────────────────────────

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    database,
    serveWeb: false,
    onRoute: (route) => {
      for (const method of [route.method].flat())
        if (method !== 'HEAD') registered.push(`${method} ${route.url}`);
    },
  });
  await app.ready();
  const a = await buildContract(database.db);
  const b = await buildContract(database.db);
  const worker = await buildStaff(database.db, a.contractId, {
    name: '勤務 一郎',
    code: 'W-1',
    email: null,
    offices: [{ officeId: 1 }],
  });
  const edited = await buildStaff(database.db, a.contractId, {
    name: '編集 次郎',
    email: null,
    offices: [{ officeId: 1 }],
  });
  const login = await buildStaff(database.db, a.contractId, {
    name: 'ログイン 三郎',
    offices: [{ officeId: 1 }],
  });
  world = {
    a,
    b,
    workerId: worker.staffId,
    editedId: edited.staffId,
    loginEmail: login.email!,
    loginPassword: login.password,
    punchId: 0,
    patternId: 0,
    layoutId: 0,
    signupId: uniqueContractId('s'),
    spareTerminalId: 0,
    webhookId: 0,
    webhookDeliveryId: 0,
    requestId: 0,
  };
  clients.console = await freshClient('console');
  clients.app = await freshClient('app');
  clients.terminal = await freshClient('terminal');
  const spare = await freshClient('terminal');
  const terminals = await clients.console.get('/terminals');
  expect(spare.cookie(COOKIES.terminal)).toBeDefined();
  world.spareTerminalId = Math.max(...terminals.body.items.map((t: { id: number }) => t.id));
  await prepareSnapshot();
  // The checker itself: it sees the tables that matter, and a write changes the checksum.
  expect(tenantTables).toEqual(
    expect.arrayContaining(['audit_log', 'offices', 'punches', 'staff', 'terminals']),
  );
  const empty = await snapshot();
  const added = await clients.console.post(`/timecards/${worker.staffId}/punches`, {
    type: 'clock_in',
    at: '2026-10-02T09:00',
    reason: '打刻忘れ',
  });
  expect(added.status).toBe(201);
  const punch = await database.db
    .selectFrom('punches')
    .select('id')
    .where('contractId', '=', a.contractId)
    .where('staffId', '=', worker.staffId)
    .executeTakeFirstOrThrow();
  world.punchId = punch.id;
  const hook = await clients.console.post('/webhooks', {
    url: 'https://93.184.215.14/hooks/timecard',
    events: ['punch.corrected'],
  });
  expect(hook.status).toBe(201);
  world.webhookId = hook.body.id;
  await clients.console.post(`/timecards/${worker.staffId}/punches`, {
    type: 'clock_out',
    at: '2026-10-02T18:00',
    reason: '打刻忘れ',
  });
  const delivery = await database.db
    .selectFrom('webhookDeliveries')
    .select('id')
    .where('contractId', '=', a.contractId)
    .executeTakeFirstOrThrow();
  world.webhookDeliveryId = delivery.id;
  const pattern = await clients.console.post('/offices/1/shift-patterns', SHIFT_PATTERN);
  expect(pattern.status).toBe(201);
  world.patternId = pattern.body.id;
  const layout = await clients.console.post('/report-layouts', { ...EXPORT_LAYOUT, name: '既存' });
  expect(layout.status).toBe(201);
  world.layoutId = layout.body.id;
  const request = await clients.console.post('/requests', {
    ...REQUEST_BODY,
    date: '2026-10-09',
    punches: [],
  });
  expect(request.status).toBe(201);
  world.requestId = request.body.id;
  expect((await snapshot()).data).not.toBe(empty.data);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('every route, sent hostile input', () => {
  it('has an example request for every registered route, and none for a route that is gone', () => {
    expect(
      registered.filter((route) => !ROUTES[route]).sort(),
      'routes without an example in ROUTES',
    ).toEqual([]);
    expect(
      Object.keys(ROUTES).filter((route) => !registered.includes(route)),
      'examples of no route',
    ).toEqual([]);
  });

  it.each(Object.keys(ROUTES))('%s: never 5xx; a 4xx writes nothing', async (route) => {
    const example = ROUTES[route]!(world);
    const headerKeys = Object.keys(example.headers?.() ?? {});
    let before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutations(example, headerKeys), { minLength: 1, maxLength: 2 }),
        async (applied) => {
          const client =
            example.auth === 'public'
              ? undefined
              : example.endsCredential
                ? await freshClient(example.auth)
                : clients[example.auth];
          if (example.endsCredential) before = await snapshot();
          const response = await send(route, example, applied, client);
          // Work started after the answer (the audit of a failed login) belongs to this request.
          await app.background.idle();
          const what = `${route} ${JSON.stringify(applied).slice(0, 300)} → ${response.statusCode} ${response.body.slice(0, 300)}`;
          expect(response.statusCode, what).toBeLessThan(500);
          const after = await snapshot();
          if (response.statusCode >= 400) {
            expect(response.json(), what).toMatchObject({
              error: { code: expect.stringMatching(/^[a-z_]+$/) },
            });
            expect(after.data, `${what}: wrote data`).toBe(before.data);
            if (response.statusCode === 400) {
              expect(after.audit, `${what}: wrote to the audit log`).toBe(before.audit);
              // A headline case names its field (a field-less 400 is the database's last resort).
              const [only] = applied;
              if (
                applied.length === 1 &&
                (only!.kind === 'body' || only!.kind === 'query') &&
                only!.headline
              ) {
                expect(response.json().error.fields, `${what}: names no field`).toBeDefined();
              }
            }
          }
          before = after;
        },
      ),
      // Bounded so that the file stays well under a minute on PGlite; a logout pays a login per run.
      { numRuns: example.endsCredential ? 5 : 12, examples: headlineMutations(example).map((m) => [m]) },
    );
  });
});
