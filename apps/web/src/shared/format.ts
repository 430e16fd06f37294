import i18n from './i18n.ts';

// Contracts default to Asia/Tokyo (product.md §4); the session answers do not carry the zone yet.
const TIME_ZONE = 'Asia/Tokyo';

/** `2026/11/28(土)` in Japanese, `2026/11/28 (Sat)` in English (product.md §7). */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? parseDay(value) : value;
  if (!date || Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  const zone = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : TIME_ZONE;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-US' : 'ja-JP', {
    timeZone: zone,
    weekday: 'short',
  }).format(date);
  const day = `${get('year')}/${get('month')}/${get('day')}`;
  return i18n.language === 'en' ? `${day} (${weekday})` : `${day}(${weekday})`;
}

/** `09:05`, 24 hours, in the contract's zone. */
export function formatTime(date: Date, withSeconds = false): string {
  return new Intl.DateTimeFormat('ja-JP', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: withSeconds ? '2-digit' : undefined,
    hourCycle: 'h23',
  }).format(date);
}

/** Today as `YYYY-MM-DD` in the contract's zone. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

function parseDay(value: string): Date | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
