import { type Feature, featureTexts, type Plan, planAllows, planLabels } from '@timecard/domain';
import type { Me } from '../../shared/api.ts';

export type Language = 'ja' | 'en';

/** The UI's language as the domain's texts are keyed (ja unless English is chosen). */
export function languageOf(language: string | undefined): Language {
  return language?.startsWith('en') ? 'en' : 'ja';
}

/** Whether the session's contract has a capability (the server's plan guard decides; this only shows). */
export function hasFeature(me: Me | null | undefined, feature: Feature): boolean {
  const plan = me?.contract?.plan;
  return plan !== undefined && planAllows(plan as Plan, feature);
}

export function planName(plan: Plan, language: Language): string {
  return planLabels[plan][language];
}

export function featureName(feature: Feature, language: Language): string {
  return featureTexts[feature].name[language];
}
