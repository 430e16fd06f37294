/**
 * The demo administrator's password on the first `npm start` (issue 11 §9): a framed block on the
 * console, where a person starting the server for the first time looks, and never in the JSON log,
 * which is kept, shipped and searched.
 */

export interface DemoCredentials {
  email: string;
  password: string;
}

interface InfoLog {
  info(details: object, message: string): void;
}

/** The block as printed: plain text, a rule above and below, one item a line. */
export function demoBanner(demo: DemoCredentials, publicUrl: string): string {
  const rule = '='.repeat(72);
  return [
    '',
    rule,
    '  デモ契約を作成しました / Demo contract created',
    '',
    `  管理画面 / Admin console : ${publicUrl}/admin`,
    '  契約ID / Contract ID     : demo',
    `  メールアドレス / E-mail  : ${demo.email}`,
    `  パスワード / Password    : ${demo.password}`,
    '',
    '  このパスワードは今回だけ表示されます。ログイン後にマイアカウントで変更してください。',
    '  This password is shown this once only. Change it under マイアカウント after logging in.',
    rule,
    '',
    '',
  ].join('\n');
}

/** Writes the block to the console (standard error, apart from the JSON log) and logs the event without the password. */
export function announceDemoContract(
  demo: DemoCredentials,
  publicUrl: string,
  log: InfoLog,
  write: (text: string) => void = (text) => process.stderr.write(text),
): void {
  log.info(
    { contractId: 'demo', email: demo.email },
    `デモ契約を作成しました / demo contract created: 契約ID demo, ${demo.email} (パスワードはコンソールに表示しました / password printed on the console)`,
  );
  write(demoBanner(demo, publicUrl));
}
