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
