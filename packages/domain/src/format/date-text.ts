import type { Locale } from '../errors/app-error.ts';

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The parts of a real date; anything else (2026-13-01, text a user typed) is not a date. */
function partsOf(date: string): [number, number, number] | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const real = new Date(Date.UTC(y, m - 1, d));
  return real.getUTCMonth() === m - 1 && real.getUTCDate() === d ? [y, m, d] : null;
}

/** A date in words for messages: `2026年12月1日`, `December 1, 2026`. Anything else is left as is. */
export function formatDateText(date: string, locale: Locale): string {
  const parts = partsOf(date);
  if (!parts) return date;
  const [y, m, d] = parts;
  return locale === 'ja' ? `${y}年${m}月${d}日` : `${MONTHS_EN[m - 1]} ${d}, ${y}`;
}

/**
 * A period in words, without repeating what both ends share: `2026年12月1日〜31日`,
 * `2026年12月21日〜2027年1月20日`; `December 1–31, 2026`, `December 21, 2026 – January 20, 2027`.
 */
export function formatDateRangeText(from: string, to: string, locale: Locale): string {
  const a = partsOf(from);
  const b = partsOf(to);
  if (!a || !b) return `${from}〜${to}`;
  const sameYear = a[0] === b[0];
  const sameMonth = sameYear && a[1] === b[1];
  if (locale === 'ja') {
    const end = sameMonth ? `${b[2]}日` : sameYear ? `${b[1]}月${b[2]}日` : formatDateText(to, 'ja');
    return `${formatDateText(from, 'ja')}〜${end}`;
  }
  if (sameMonth) return `${MONTHS_EN[a[1] - 1]} ${a[2]}–${b[2]}, ${a[0]}`;
  if (sameYear) return `${MONTHS_EN[a[1] - 1]} ${a[2]} – ${MONTHS_EN[b[1] - 1]} ${b[2]}, ${a[0]}`;
  return `${formatDateText(from, 'en')} – ${formatDateText(to, 'en')}`;
}
