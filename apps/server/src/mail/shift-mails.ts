import { formatDateRangeText } from '@timecard/domain';
import type { MailText } from './auth-mails.ts';

interface MailShift {
  date: string;
  published: { off: boolean; start: string | null; end: string | null } | null;
}

const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function lineOf(shift: MailShift, changed: boolean, locale: 'ja' | 'en'): string {
  const d = new Date(`${shift.date}T00:00:00Z`);
  const day = `${shift.date.slice(5, 7)}/${shift.date.slice(8, 10)}(${(locale === 'ja' ? WEEKDAYS_JA : WEEKDAYS_EN)[d.getUTCDay()]})`;
  const p = shift.published;
  const what = !p
    ? locale === 'ja'
      ? 'シフトなし'
      : 'no shift'
    : p.off
      ? locale === 'ja'
        ? '休み'
        : 'day off'
      : `${p.start}〜${p.end}`;
  const mark = changed ? (locale === 'ja' ? '【変更】' : '[changed]') : '';
  return `${mark}${day} ${what}`;
}

/** The mail a staff member gets when their shifts of a period are published or changed. */
export function shiftPublishedMail(input: {
  name: string;
  contractName: string;
  officeName: string;
  period: { from: string; to: string };
  shifts: MailShift[];
  changedDates: string[];
}): MailText {
  const changed = new Set(input.changedDates);
  const ja = input.shifts.map((s) => lineOf(s, changed.has(s.date), 'ja')).join('\n');
  const en = input.shifts.map((s) => lineOf(s, changed.has(s.date), 'en')).join('\n');
  const anyChange = changed.size > 0;
  return {
    subject: anyChange
      ? `【タイムカード】シフトが変更されました（${input.officeName}） / Your shifts have changed`
      : `【タイムカード】シフトが公開されました（${input.officeName}） / Your shifts are published`,
    text: `${input.name} 様

${input.contractName} ${input.officeName} の ${formatDateRangeText(input.period.from, input.period.to, 'ja')} のシフトが${anyChange ? '変更' : '公開'}されました。

${ja}

ログインすると、マイページの「シフト」でいつでも確認できます。

---
Your shifts at ${input.officeName} for ${formatDateRangeText(input.period.from, input.period.to, 'en')} have been ${anyChange ? 'changed' : 'published'}:

${en}
`,
  };
}
