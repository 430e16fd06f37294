import alertsEn from './locales/alerts.en.json';
import alertsJa from './locales/alerts.ja.json';
import en from './locales/en.json';
import evidenceEn from './locales/evidence.en.json';
import evidenceJa from './locales/evidence.ja.json';
import ja from './locales/ja.json';
import leaveEn from './locales/leave.en.json';
import leaveJa from './locales/leave.ja.json';
import plansEn from './locales/plans.en.json';
import plansJa from './locales/plans.ja.json';
import punchEn from './locales/punch.en.json';
import punchJa from './locales/punch.ja.json';
import reportLayoutsEn from './locales/reportLayouts.en.json';
import reportLayoutsJa from './locales/reportLayouts.ja.json';
import requestsEn from './locales/requests.en.json';
import requestsJa from './locales/requests.ja.json';
import shiftsEn from './locales/shifts.en.json';
import shiftsJa from './locales/shifts.ja.json';
import staffImportEn from './locales/staffImport.en.json';
import staffImportJa from './locales/staffImport.ja.json';
import terminalsEn from './locales/terminals.en.json';
import terminalsJa from './locales/terminals.ja.json';
import timecardEn from './locales/timecard.en.json';
import timecardJa from './locales/timecard.ja.json';
import webhooksEn from './locales/webhooks.en.json';
import webhooksJa from './locales/webhooks.ja.json';

type Catalog = Record<string, unknown>;

/** Deep-merges catalog files: each area keeps its strings in its own pair of files. */
function merge(...parts: Catalog[]): Catalog {
  const result: Catalog = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = result[key];
      result[key] =
        existing && typeof existing === 'object' && value && typeof value === 'object'
          ? merge(existing as Catalog, value as Catalog)
          : value;
    }
  }
  return result;
}

/** The UI catalogs: Japanese (source) and English, from locales/*.json. */
export const catalogs = {
  ja: merge(
    ja,
    punchJa,
    timecardJa,
    shiftsJa,
    plansJa,
    staffImportJa,
    terminalsJa,
    reportLayoutsJa,
    webhooksJa,
    evidenceJa,
    alertsJa,
    requestsJa,
    leaveJa,
  ),
  en: merge(
    en,
    punchEn,
    timecardEn,
    shiftsEn,
    plansEn,
    staffImportEn,
    terminalsEn,
    reportLayoutsEn,
    webhooksEn,
    evidenceEn,
    alertsEn,
    requestsEn,
    leaveEn,
  ),
};
