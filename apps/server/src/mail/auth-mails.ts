/**
 * Texts of the account mails, Japanese first with an English translation below (the recipient's
 * language is not known before they log in). Plain text: every mail client shows it alike.
 */
export interface MailText {
  subject: string;
  text: string;
}

export function verificationMail(input: {
  name: string;
  contractName: string;
  contractId: string;
  link: string;
}): MailText {
  return {
    subject: '【タイムカード】メールアドレスの認証のお願い / Please verify your e-mail address',
    text: `${input.name} 様

${input.contractName}（契約ID: ${input.contractId}）のタイムカードにスタッフとして登録されました。
下記のリンクを開き、パスワードを設定して認証を完了してください。

${input.link}

このリンクの有効期限は72時間で、1回のみ使用できます。
期限が切れた場合は、管理者に認証メールの再送信を依頼してください。
お心当たりのない場合は、このメールを破棄してください。

---
You have been registered as staff of ${input.contractName} (contract ID ${input.contractId}) on Timecard.
Open the link above and set your password to complete the verification.
The link is valid for 72 hours and works once. If it has expired, ask your administrator to resend it.
`,
  };
}

export function passwordResetMail(input: { link: string }): MailText {
  return {
    subject: '【タイムカード】パスワード再発行のご案内 / Resetting your password',
    text: `タイムカードのパスワード再発行のお手続きを受け付けました。
下記のリンクを開き、新しいパスワードを設定してください。

${input.link}

このリンクの有効期限は1時間で、1回のみ使用できます。
新しいパスワードを設定すると、ほかの端末でのログインはすべて終了します。
お心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。

---
We received a request to reset your Timecard password. Open the link above to set a new one.
The link is valid for 1 hour and works once. Setting a new password logs out every other device.
If you did not ask for this, ignore this mail: your password stays as it is.
`,
  };
}
