import { EmailClient } from '@azure/communication-email';
import type { HealthProbe, MailMessage, Mailer } from '../../ports/index.js';
import { messageIdFor, uuidFor } from './ids.js';

/** Azure Communication Services email; the operation id is derived from the idempotency key. */
export class AcsMailer implements Mailer {
  private readonly client: EmailClient;

  constructor(
    connectionString: string,
    private readonly from: string,
    client?: EmailClient,
  ) {
    this.client = client ?? new EmailClient(connectionString);
  }

  async send(m: MailMessage): Promise<{ messageId: string }> {
    const to = (typeof m.to === 'string' ? [m.to] : [...m.to]).map((address) => ({ address }));
    const poller = await this.client.beginSend(
      {
        senderAddress: this.from,
        content: { subject: m.subject, plainText: m.text, ...(m.html !== undefined ? { html: m.html } : {}) },
        recipients: { to },
        headers: { 'X-Idempotency-Key': m.idempotencyKey },
      },
      { operationId: uuidFor(m.idempotencyKey) },
    );
    const result = await poller.pollUntilDone();
    if (result.status !== 'Succeeded') {
      throw new Error(`ACS email ${result.id} ended ${result.status}: ${result.error?.message ?? 'no detail'}`);
    }
    return { messageId: messageIdFor(m.idempotencyKey) };
  }
}

/** ACS has no side-effect-free ping; the probe only confirms the connection string parses. */
export function acsProbe(connectionString: string): HealthProbe {
  return {
    name: 'mail',
    async check() {
      if (!/endpoint=https:\/\/[^;]+/i.test(connectionString)) throw new Error('ACS_CONNECTION_STRING has no endpoint');
    },
  };
}
