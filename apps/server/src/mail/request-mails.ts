import {
  formatDateRangeText,
  formatDateText,
  type RequestKind,
  type RequestStatus,
  requestKindLabels,
  requestStatusLabels,
} from '@timecard/domain';
import type { MailText } from './auth-mails.ts';

// ワークフロー (issue 18): approvers get one digest of the requests waiting for them; the applicant
// hears of each decision. Every link opens the request itself.

export interface MailRequest {
  id: number;
  kind: RequestKind;
  staffName: string;
  dateFrom: string;
  dateTo: string;
  reason: string;
  link: string;
}

function dates(r: { dateFrom: string; dateTo: string }, locale: 'ja' | 'en') {
  return r.dateFrom === r.dateTo
    ? formatDateText(r.dateFrom, locale)
    : formatDateRangeText(r.dateFrom, r.dateTo, locale);
}

/** One mail per approver listing every request that waits for their decision. */
export function approverDigestMail(input: {
  name: string;
  contractName: string;
  requests: MailRequest[];
}): MailText {
  const n = input.requests.length;
  const ja = input.requests
    .map(
      (r) =>
        `・申請No.${r.id} ${requestKindLabels[r.kind].ja}（${r.staffName}、${dates(r, 'ja')}）${r.reason ? `\n  理由: ${r.reason}` : ''}\n  ${r.link}`,
    )
    .join('\n');
  const en = input.requests
    .map(
      (r) =>
        `- Request #${r.id} ${requestKindLabels[r.kind].en} (${r.staffName}, ${dates(r, 'en')})\n  ${r.link}`,
    )
    .join('\n');
  return {
    subject: `【タイムカード】承認待ちの申請が${n}件あります / ${n} request${n === 1 ? '' : 's'} waiting for approval`,
    text: `${input.name} 様

${input.contractName} で、あなたの承認を待っている申請が${n}件あります。
各リンクから内容を確認し、承認・却下・差戻しをしてください。

${ja}

---
${n} request${n === 1 ? '' : 's'} at ${input.contractName} wait${n === 1 ? 's' : ''} for your decision:

${en}
`,
  };
}

/** The applicant's mail when their request is approved, rejected or returned (or reopened). */
export function requestDecisionMail(input: {
  name: string;
  contractName: string;
  request: MailRequest;
  status: RequestStatus;
  by: string;
  comment: string;
}): MailText {
  const r = input.request;
  const statusJa = requestStatusLabels[input.status].ja;
  const statusEn = requestStatusLabels[input.status].en.toLowerCase();
  const next =
    input.status === 'returned'
      ? '内容を修正して再申請するか、取消してください。'
      : input.status === 'approved'
        ? r.kind === 'punch_correction'
          ? 'タイムカードに反映されました。'
          : ''
        : '';
  return {
    subject: `【タイムカード】申請が${statusJa}されました（申請No.${r.id} ${requestKindLabels[r.kind].ja}） / Your request was ${statusEn}`,
    text: `${input.name} 様

${input.contractName} の申請No.${r.id}（${requestKindLabels[r.kind].ja}、${dates(r, 'ja')}）は、${input.by} さんにより${statusJa}されました。${next}
${input.comment ? `\nコメント: ${input.comment}\n` : ''}
${r.link}

---
Your request #${r.id} (${requestKindLabels[r.kind].en}, ${dates(r, 'en')}) at ${input.contractName} was ${statusEn} by ${input.by}.${input.comment ? `\nComment: ${input.comment}` : ''}
`,
  };
}
