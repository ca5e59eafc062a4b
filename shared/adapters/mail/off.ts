// MAIL_TRANSPORT=off: a deployment without mail settings runs, and says so, instead of failing to start.
// The sendNotification handler sees `skipReason` and records each notification as skipped (reason mail-off)
// without calling send; anything else that calls send gets a clear error. Health reports mail as off.
import type { HealthProbe } from '../../ports/health.js';
import type { Mailer, MailMessage } from '../../ports/mailer.js';

export const MAIL_OFF_REASON = 'mail-off';

export class MailOffError extends Error {
  constructor(what: string) {
    super(`mail is off (MAIL_TRANSPORT=off): ${what} was not sent; set MAIL_TRANSPORT=acs or smtp to send mail`);
    this.name = 'MailOffError';
  }
}

export class OffMailer implements Mailer {
  readonly skipReason = MAIL_OFF_REASON;

  async send(message: MailMessage): Promise<{ messageId: string }> {
    throw new MailOffError(`mail ${message.idempotencyKey}`);
  }
}

/** Health check `mail`: ok, with the note that mail is off (nothing to reach). */
export function offMailProbe(): HealthProbe {
  return {
    name: 'mail',
    async check() {
      return 'off (MAIL_TRANSPORT=off): notifications are recorded as skipped, reason mail-off';
    },
  };
}
