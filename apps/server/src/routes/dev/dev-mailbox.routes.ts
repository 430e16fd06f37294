import { api } from '@timecard/contract';
import { AppError } from '@timecard/domain';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.ts';
import { isSameMachineRequest } from '../../http/local-request.ts';
import { mount } from '../../http/mount.ts';
import type { OutboxMail } from '../../repositories/mail-outbox.repository.ts';
import { findKeptMail, listKeptMail } from '../../services/dev-mailbox.service.ts';

/** Where the page is, for the start-up log. */
export const DEV_MAILBOX_PATH = '/dev/mailbox';

/**
 * The dev mailbox: mail kept in the outbox when SMTP_URL is unset, as JSON (for browser tests) and
 * as a page. app.ts registers it only outside production and without SMTP_URL. Its links log
 * anyone in, so it answers only a browser on the server's own machine (the socket is loopback and
 * no proxy header is present); anyone else gets 404, as if it did not exist (issue 12 §3).
 */
export async function devMailboxRoutes(app: FastifyInstance, { database }: { database: Database }) {
  app.addHook('onRequest', async (request) => {
    if (!isSameMachineRequest(request)) throw new AppError('not_found');
  });

  // The JSON routes are in the contract (areas/dev), public but for this machine only (the hook).
  const deps = { credentials: {} };
  await app.register(
    async (json) => {
      mount(json, api.dev.mailbox, deps, async ({ query }) => {
        const { mails } = await listKeptMail(database.db, query);
        return { mails: mails.map(presentMail) };
      });
      mount(json, api.dev.mail, deps, async ({ params }) =>
        presentMail(await findKeptMail(database.db, params)),
      );
    },
    { prefix: '/api/v1' },
  );

  app.get(DEV_MAILBOX_PATH, async (request, reply) => {
    const { mails, to } = await listKeptMail(database.db, request.query);
    return (
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        // Mail text is untrusted (names, company names): no script may run on this page.
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        )
        .send(renderMailboxPage(mails, to))
    );
  });
}

function presentMail(mail: OutboxMail) {
  return {
    id: mail.id,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    status: mail.status,
    createdAt: mail.createdAt.toISOString(),
  };
}

const timeFormat = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  dateStyle: 'medium',
  timeStyle: 'medium',
});

const statusLabel: Record<OutboxMail['status'], string> = {
  pending: '送信待ち',
  sent: '送信済み',
  failed: '送信失敗',
  kept: '保存のみ',
};

/** The page: newest first, each mail's text with its links clickable. */
export function renderMailboxPage(mails: readonly OutboxMail[], to: string | undefined): string {
  const items = mails
    .map(
      (mail) => `<article>
<h2>${escapeHtml(mail.subject)}</h2>
<dl>
<dt>宛先</dt><dd>${escapeHtml(mail.to)}</dd>
<dt>作成日時</dt><dd><time datetime="${mail.createdAt.toISOString()}">${timeFormat.format(mail.createdAt)}</time></dd>
<dt>状態</dt><dd>${statusLabel[mail.status]}</dd>
</dl>
<pre>${linkify(mail.text)}</pre>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>開発用メールボックス</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; line-height: 1.6; }
article { border: 1px solid #ccc; border-radius: 6px; margin: 1rem 0; padding: 0 1rem 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; margin: 0; }
dt { font-weight: bold; }
dd { margin: 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f6f6; padding: 0.75rem; }
</style>
</head>
<body>
<main>
<h1>開発用メールボックス</h1>
<p>SMTP_URL が設定されていないため、送信するメールはデータベースに保存され、ここに表示されます（本番環境では表示されません）。</p>
<form method="get" action="/dev/mailbox">
<label for="to">宛先で絞り込む</label>
<input id="to" name="to" type="email" value="${escapeHtml(to ?? '')}">
<button type="submit">表示</button>
</form>
${items || '<p>メールはありません。</p>'}
</main>
</body>
</html>
`;
}

const URL_PATTERN = /https?:\/\/[^\s<>"'「」『』（）、。]+/g;

/** Escapes the text and turns each http(s) URL in it into a link. */
export function linkify(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    // A sentence's closing punctuation is not part of the URL.
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    const start = match.index;
    html += escapeHtml(text.slice(last, start));
    html += `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = start + url.length;
  }
  return html + escapeHtml(text.slice(last));
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
