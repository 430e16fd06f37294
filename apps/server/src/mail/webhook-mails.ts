import type { MailText } from './auth-mails.ts';

/** The mail administrators get when a webhook endpoint is turned off after failing for 24 h. */
export function webhookDisabledMail(input: { contractName: string; url: string; link: string }): MailText {
  return {
    subject: '【タイムカード】Webhookを無効にしました / A webhook was disabled',
    text: `${input.contractName} のシステム管理者様

次のWebhookへの送信が24時間以上失敗し続けたため、このWebhookを無効にしました。
${input.url}

受信側を確認したうえで、設定 > API連携 の配信ログで【再送】を押すと、Webhookは再び有効になります。
${input.link}

---
Deliveries to this webhook have failed for more than 24 hours, so it has been disabled:
${input.url}

Check the receiving side, then press 再送 (send again) on a delivery in its log at Settings > API access: the webhook is turned on again.
`,
  };
}
