/** The four plans (product.md §5), in ascending order. */
export const PLANS = ['standard', 'premium', 'premium_plus', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

export const planLabels: Record<Plan, { ja: string; en: string }> = {
  standard: { ja: 'スタンダード', en: 'Standard' },
  premium: { ja: 'プレミアム', en: 'Premium' },
  premium_plus: { ja: 'プレミアムプラス', en: 'Premium Plus' },
  enterprise: { ja: 'エンタープライズ', en: 'Enterprise' },
};

/** Capabilities gated by plan (product.md §5); everything else is in every plan. */
export const FEATURE_MIN_PLAN = {
  shifts: 'premium',
  punch_photo_gps: 'premium',
  labor_alerts: 'premium',
  audit_log_view: 'premium',
  leave: 'premium_plus',
  requests: 'premium_plus',
  approval_routes: 'enterprise',
  api_tokens: 'enterprise',
  webhooks: 'enterprise',
  sso: 'enterprise',
} as const satisfies Record<string, Plan>;
export type Feature = keyof typeof FEATURE_MIN_PLAN;

export function isPlan(value: string): value is Plan {
  return (PLANS as readonly string[]).includes(value);
}

/** Whether a contract on `plan` may use `feature`. */
export function planAllows(plan: Plan, feature: Feature): boolean {
  return PLANS.indexOf(plan) >= PLANS.indexOf(FEATURE_MIN_PLAN[feature]);
}

/** Every gated capability, in the order the プラン page lists them. */
export const FEATURES = Object.keys(FEATURE_MIN_PLAN) as Feature[];

type Text = { ja: string; en: string };

/** What each gated capability is, in words (the プラン page, the plan notice of a menu entry). */
export const featureTexts: Record<Feature, { name: Text; description: Text }> = {
  shifts: {
    name: { ja: 'シフト管理', en: 'Shift planning' },
    description: {
      ja: 'シフトパターン・月間シフト表・希望シフトを作成し、遅刻・早退・欠勤をシフトで判定します。',
      en: 'Shift patterns, monthly shift tables and shift wishes; lateness and absence judged against the shift.',
    },
  },
  punch_photo_gps: {
    name: { ja: '打刻の写真・位置情報', en: 'Punch photos and location' },
    description: {
      ja: '打刻時の写真と位置情報を記録し、なりすまし打刻を防ぎます。',
      en: 'Records a photo and the location with each punch, against punching for someone else.',
    },
  },
  labor_alerts: {
    name: { ja: 'アラート', en: 'Alerts' },
    description: {
      ja: '36協定の上限や連続勤務など、労働時間の超過を事前に知らせます。',
      en: 'Warns before working hours exceed the 36 agreement limits or rest rules.',
    },
  },
  audit_log_view: {
    name: { ja: '操作ログ', en: 'Audit log' },
    description: {
      ja: '誰が・いつ・何を変更したかを一覧し、改ざんがないことを検証します。',
      en: 'Lists who changed what and when, and verifies that nothing was tampered with.',
    },
  },
  leave: {
    name: { ja: '休暇管理', en: 'Leave management' },
    description: {
      ja: '有給休暇の自動付与・残日数・年5日の取得義務と年次有給休暇管理簿を管理します。',
      en: 'Paid leave granted by law, balances, the five-day obligation and the annual leave register.',
    },
  },
  requests: {
    name: { ja: 'ワークフロー', en: 'Workflow' },
    description: {
      ja: '打刻修正・休暇・残業の申請と承認を行います。',
      en: 'Requests and approvals for punch corrections, leave and overtime.',
    },
  },
  approval_routes: {
    name: { ja: '承認経路の設定', en: 'Custom approval routes' },
    description: {
      ja: '事業所と申請の種類ごとに、最大3段階の承認経路を設定します。',
      en: 'Approval routes of up to 3 steps per office and kind of request.',
    },
  },
  api_tokens: {
    name: { ja: 'API連携', en: 'API access' },
    description: {
      ja: 'APIトークンで他のシステムから勤怠データを読み書きします。',
      en: 'Other systems read and write attendance data with API tokens.',
    },
  },
  webhooks: {
    name: { ja: 'Webhook', en: 'Webhooks' },
    description: {
      ja: '打刻や申請のたびに署名付きの通知を他のシステムへ送ります。',
      en: 'Sends signed notifications to other systems on punches and requests.',
    },
  },
  sso: {
    name: { ja: 'シングルサインオン', en: 'Single sign-on' },
    description: {
      ja: '社内の認証基盤で管理画面にログインします。',
      en: 'Sign in to the admin console through your company’s identity provider.',
    },
  },
};

/** What every plan includes (the first row of the プラン page). */
export const BASE_CAPABILITIES: Text[] = [
  {
    ja: 'タイムカード・アプリとWeb出退勤画面での打刻',
    en: 'Punching on the タイムカード・アプリ and the web clock',
  },
  { ja: 'タイムカード・修正・締め処理', en: 'Timecards, corrections and closing' },
  { ja: '労働基準法に沿った集計とCSV出力', en: 'Totals under the Labour Standards Act, CSV export' },
  { ja: 'スタッフ・事業所と事業所ごとの権限', en: 'Staff, offices and per-office rights' },
];

/** The capabilities a plan adds to the plan below it. */
export function featuresAddedBy(plan: Plan): Feature[] {
  return FEATURES.filter((feature) => FEATURE_MIN_PLAN[feature] === plan);
}
