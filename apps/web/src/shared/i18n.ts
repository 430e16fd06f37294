import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogs } from './catalogs.ts';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'timecard.lang';

function initialLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === 'en' ? 'en' : 'ja';
}

// Japanese is the source language: keys are stable ids, never English sentences (style.md).
void i18n.use(initReactI18next).init({
  resources: { ja: { translation: catalogs.ja }, en: { translation: catalogs.en } },
  lng: initialLanguage(),
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
});

if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

export function setLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'ja';
}

export default i18n;
