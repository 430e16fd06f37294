/**
 * The 操作ログ in words (issue 13): each recorded action, the kind the page filters by, and a
 * sentence in both languages with `{target}` (a person's name, an office …) filled in, e.g.
 * 「山田 花子 の打刻を修正しました」. An action missing here is shown by its code, never hidden.
 */
export const AUDIT_KINDS = [
  'punch',
  'staff',
  'office',
  'shift',
  'period',
  'leave',
  'settings',
  'terminal',
  'auth',
  'contract',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

type Text = { ja: string; en: string };

export const auditKindLabels: Record<AuditKind, Text> = {
  punch: { ja: '打刻', en: 'Punches' },
  staff: { ja: 'スタッフ', en: 'Staff' },
  office: { ja: '事業所', en: 'Offices' },
  shift: { ja: 'シフト', en: 'Shifts' },
  period: { ja: '締め処理', en: 'Closing' },
  leave: { ja: '休暇', en: 'Leave' },
  settings: { ja: '設定', en: 'Settings' },
  terminal: { ja: '端末', en: 'Terminals' },
  auth: { ja: 'ログイン', en: 'Sign-in' },
  contract: { ja: '契約', en: 'Contract' },
};

export const auditActionTexts: Record<string, Text> = {
  'punch.add': { ja: '{target} の打刻を追加しました', en: 'Added a punch of {target}' },
  'punch.change': { ja: '{target} の打刻を修正しました', en: 'Corrected a punch of {target}' },
  'punch.delete': { ja: '{target} の打刻を削除しました', en: 'Deleted a punch of {target}' },
  'punch.held_accepted': {
    ja: '{target} の締め済み期間に届いた打刻を取り込みました',
    en: 'Took in a punch of {target} that arrived for a closed period',
  },
  'punch.held_discarded': {
    ja: '{target} の締め済み期間に届いた打刻を破棄しました',
    en: 'Discarded a punch of {target} that arrived for a closed period',
  },
  'punch.photo_viewed': { ja: '{target} の打刻写真を閲覧しました', en: 'Viewed the punch photo of {target}' },
  'punch.photos_purged': {
    ja: '保存期間を過ぎた打刻写真を削除しました',
    en: 'Deleted punch photos past their retention period',
  },
  'punch.api': {
    ja: '{target} の打刻をAPIで記録しました',
    en: 'Recorded a punch of {target} through the API',
  },
  'settings.photo_retention_changed': {
    ja: '打刻写真の保存期間を変更しました',
    en: 'Changed how long punch photos are kept',
  },
  'punch.import': { ja: '打刻をCSVから取り込みました', en: 'Imported punches from CSV' },
  'staff.create': { ja: '{target} を登録しました', en: 'Registered {target}' },
  'staff.update': { ja: '{target} の情報を変更しました', en: 'Changed the details of {target}' },
  'staff.login_stopped': { ja: '{target} のログインを停止しました', en: 'Stopped sign-in for {target}' },
  'staff.login_allowed': { ja: '{target} のログインを許可しました', en: 'Allowed sign-in for {target}' },
  'staff.verification_resent': {
    ja: '{target} に認証メールを再送信しました',
    en: 'Sent the verification mail to {target} again',
  },
  'staff.verified': { ja: '{target} がメールアドレスを認証しました', en: '{target} verified their e-mail' },
  'staff.import': { ja: 'スタッフをCSVから取り込みました', en: 'Imported staff from CSV' },
  'office.create': { ja: '事業所「{target}」を登録しました', en: 'Registered the office {target}' },
  'office.update': { ja: '事業所「{target}」を変更しました', en: 'Changed the office {target}' },
  'shift.publish': { ja: '{target} のシフトを公開しました', en: 'Published the shifts of {target}' },
  'shift.import': { ja: '{target} のシフトを取り込みました', en: 'Imported the shifts of {target}' },
  'shift_pattern.create': { ja: 'シフトパターンを追加しました', en: 'Added a shift pattern' },
  'shift_pattern.update': { ja: 'シフトパターンを変更しました', en: 'Changed a shift pattern' },
  'shift_pattern.archive': { ja: 'シフトパターンを削除しました', en: 'Deleted a shift pattern' },
  'leave.record': { ja: '{target} の休暇を登録しました', en: 'Recorded leave of {target}' },
  'leave.delete': { ja: '{target} の休暇を取り消しました', en: 'Cancelled leave of {target}' },
  'leave.grant': { ja: '{target} に有給休暇を付与しました', en: 'Granted paid leave to {target}' },
  'leave.adjust': { ja: '{target} の有給残日数を調整しました', en: 'Adjusted the paid leave of {target}' },
  'leave.rate_override': {
    ja: '{target} の出勤率を設定しました',
    en: 'Set the attendance rate of {target}',
  },
  'leave_type.create': { ja: '休暇区分「{target}」を追加しました', en: 'Added the leave type {target}' },
  'leave_type.update': { ja: '休暇区分「{target}」を変更しました', en: 'Changed the leave type {target}' },
  'period.lock': { ja: '期間を締めました', en: 'Closed a period' },
  'period.unlock': { ja: '締めを解除しました', en: 'Reopened a period' },
  'settings.clock_pin_changed': { ja: 'PINコードを変更しました', en: 'Changed the PIN' },
  'settings.work_rules_changed': { ja: '勤務ルールを変更しました', en: 'Changed the work rules' },
  'terminal.opened': { ja: '端末を登録しました（{target}）', en: 'Opened a terminal ({target})' },
  'terminal.closed': { ja: '端末をログアウトしました（{target}）', en: 'Closed a terminal ({target})' },
  'terminal.revoked': { ja: '端末を解除しました（{target}）', en: 'Revoked a terminal ({target})' },
  'terminal.pin_limit_reached': {
    ja: 'PINコードの誤入力が上限に達しました',
    en: 'Too many wrong PINs were entered',
  },
  'auth.login': { ja: '管理画面にログインしました', en: 'Signed in to the admin console' },
  'auth.app_login': {
    ja: 'タイムカード・アプリにログインしました',
    en: 'Signed in to the タイムカード・アプリ',
  },
  'auth.login_failed': { ja: 'ログインに失敗しました', en: 'A sign-in failed' },
  'auth.login_refused_stopped': {
    ja: 'ログイン停止中のためログインを拒否しました',
    en: 'Refused a sign-in: sign-in is stopped',
  },
  'auth.password_reset': { ja: 'パスワードを再設定しました', en: 'Reset the password' },
  'contract.create': { ja: '契約を作成しました', en: 'Created the contract' },
  'contract.signup': { ja: '新規登録で契約を作成しました', en: 'Signed up for the contract' },
  'contract.plan_changed': { ja: 'プランを変更しました', en: 'Changed the plan' },
  'api_token.created': { ja: 'APIトークンを作成しました', en: 'Made an API token' },
  'api_token.deleted': { ja: 'APIトークンを削除しました', en: 'Deleted an API token' },
  'export_layout.create': { ja: '出力レイアウトを作成しました', en: 'Made an output layout' },
  'export_layout.update': { ja: '出力レイアウトを変更しました', en: 'Changed an output layout' },
  'export_layout.delete': { ja: '出力レイアウトを削除しました', en: 'Deleted an output layout' },
  'webhook.created': { ja: 'Webhookを追加しました', en: 'Added a webhook' },
  'webhook.deleted': { ja: 'Webhookを削除しました', en: 'Deleted a webhook' },
  'webhook.redelivered': { ja: 'Webhookを再送しました', en: 'Sent a webhook again' },
  'webhook.disabled': {
    ja: '送信の失敗が続いたためWebhookを無効にしました',
    en: 'Disabled a webhook after repeated failed deliveries',
  },
};

/** The kind an action is filtered under: `shift_pattern.create` is a シフト change. */
export function auditKindOf(action: string): AuditKind | null {
  const prefix = action.split('.')[0]!;
  const kind =
    prefix === 'shift_pattern'
      ? 'shift'
      : prefix === 'api_token' || prefix === 'export_layout' || prefix === 'webhook'
        ? 'settings'
        : prefix === 'leave_type'
          ? 'leave'
          : prefix;
  return (AUDIT_KINDS as readonly string[]).includes(kind) ? (kind as AuditKind) : null;
}

/** The actions of a kind, for the filter (`kind=shift` → shift.* and shift_pattern.*). */
export function auditActionPrefixes(kind: AuditKind): string[] {
  if (kind === 'shift') return ['shift.', 'shift_pattern.'];
  if (kind === 'settings') return ['settings.', 'api_token.', 'export_layout.', 'webhook.'];
  if (kind === 'leave') return ['leave.', 'leave_type.'];
  return [`${kind}.`];
}

/** 「山田 花子 の打刻を修正しました」: the sentence of an action, with its target's name. */
export function describeAuditAction(action: string, target: string | null, locale: 'ja' | 'en'): string {
  const text = auditActionTexts[action];
  if (!text) return action;
  return text[locale].replace('{target}', target ?? (locale === 'ja' ? '（不明）' : '(unknown)'));
}
