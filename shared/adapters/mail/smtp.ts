import nodemailer, { type Transporter } from 'nodemailer';

import type { HealthProbe } from '../../ports/health.js';
import type { Mailer, MailMessage } from '../../ports/mailer.js';
import { messageIdFor } from './ids.js';

export interface SmtpSettings {
  host: string;
  port: number;
  from: string;
  user?: string | undefined;
  password?: string | undefined;
  /** Pooled connections kept open to the relay (default 5). */
  maxConnections?: number;
  /** Mails sent on one pooled connection before it is replaced (default 100). */
  maxMessages?: number;
}

export const SMTP_POOL_DEFAULTS = { maxConnections: 5, maxMessages: 100 } as const;

/** The nodemailer options: a pooled transport (connections reused across mails, not one per mail). */
export function smtpTransportOptions(s: SmtpSettings) {
  const local = s.host === '127.0.0.1' || s.host === 'localhost';
  return {
    pool: true as const,
    maxConnections: s.maxConnections ?? SMTP_POOL_DEFAULTS.maxConnections,
    maxMessages: s.maxMessages ?? SMTP_POOL_DEFAULTS.maxMessages,
    host: s.host,
    port: s.port,
    secure: s.port === 465,
    // The local sink speaks plain SMTP; a real relay gets STARTTLS when it offers it.
    ignoreTLS: local,
    ...(s.user ? { auth: { user: s.user, pass: s.password ?? '' } } : {}),
  };
}

export function createSmtpTransport(s: SmtpSettings): Transporter {
  return nodemailer.createTransport(smtpTransportOptions(s));
}

export class SmtpMailer implements Mailer {
  constructor(
    private readonly transport: Transporter,
    private readonly from: string,
  ) {}

  async send(m: MailMessage): Promise<{ messageId: string }> {
    const messageId = messageIdFor(m.idempotencyKey);
    await this.transport.sendMail({
      from: this.from,
      to: typeof m.to === 'string' ? m.to : [...m.to],
      subject: m.subject,
      text: m.text,
      ...(m.html !== undefined ? { html: m.html } : {}),
      messageId,
      headers: { 'X-Idempotency-Key': m.idempotencyKey },
    });
    return { messageId };
  }
}

export function smtpProbe(transport: Transporter): HealthProbe {
  return {
    name: 'mail',
    async check() {
      await transport.verify();
    },
  };
}
