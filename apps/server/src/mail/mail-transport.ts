import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text, UTF-8. */
  text: string;
  /** A stable Message-ID (see outboxMessageId), so a repeated delivery is recognisable as one mail. */
  messageId?: string;
}

export interface MailTransport {
  /** Resolves once the SMTP server accepted the mail; rejects with nodemailer's error otherwise. */
  send(message: MailMessage): Promise<{ messageId: string; response: string }>;
  close(): void;
}

/**
 * SMTP through nodemailer from `SMTP_URL`. smtps:// is TLS from the first byte; smtp:// upgrades
 * with STARTTLS when the server offers it and stays plain when it does not (a local relay, the
 * test server). TLS options can ride on the URL, e.g. `?tls.rejectUnauthorized=false`.
 */
export function createMailTransport(config: Pick<Config, 'mailFrom'> & { smtpUrl: string }): MailTransport {
  const transporter = nodemailer.createTransport(
    {
      url: config.smtpUrl,
      // Bounded, so that a silent server cannot hold a worker's lease for long (jobs/outbox-worker.ts).
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { from: config.mailFrom },
  );
  return {
    async send(message) {
      const info = await transporter.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.messageId ? { messageId: message.messageId } : {}),
        // RFC 3834: auto-responders (vacation replies) must not answer a system mail.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return { messageId: info.messageId, response: info.response };
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * The Message-ID of an outbox row: the same on every retry of that row, different across rows and
 * across databases whose ids restart (the creation time is part of it), on the sender's domain.
 *
 * @example outboxMessageId({ id: 42, createdAt }, 'Timecard <no-reply@example.jp>')
 *   // '<outbox-42.1795900000000@example.jp>'
 */
export function outboxMessageId(mail: { id: number; createdAt: Date }, mailFrom: string): string {
  const domain = /@([^\s<>@]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'timecard.localhost';
  return `<outbox-${mail.id}.${mail.createdAt.getTime()}@${domain}>`;
}
