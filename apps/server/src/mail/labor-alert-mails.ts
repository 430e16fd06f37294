import type { MailText } from './auth-mails.ts';

/** The daily 労務アラート digest to administrators: counts of what is new, and a link (no names). */
export function laborAlertDigestMail(input: {
  contractName: string;
  date: string;
  counts: { violation: number; warning: number; notice: number };
  url: string;
}): MailText {
  const { violation, warning, notice } = input.counts;
  return {
    subject: `【タイムカード】新しい労務アラート（違反 ${violation}件・警告 ${warning}件） / New labour alerts`,
    text: `${input.contractName} ご担当者様

${input.date} 時点で新しい労務アラートがあります。

違反: ${violation}件
警告: ${warning}件
注意: ${notice}件

労務アラートの画面で内容をご確認ください:
${input.url}

---
New labour alerts as of ${input.date}: ${violation} violation(s), ${warning} warning(s), ${notice} notice(s).
See them at ${input.url}
`,
  };
}
