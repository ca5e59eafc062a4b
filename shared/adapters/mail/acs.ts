import { EmailClient } from '@azure/communication-email';

import type { AcsAccess } from '../../config/connections.js';
import type { HealthProbe } from '../../ports/health.js';
import type { Mailer, MailMessage } from '../../ports/mailer.js';
import { type CredentialFactory, defaultCredentials } from '../identity/credential.js';
import { messageIdFor, uuidFor } from './ids.js';

/** The scope ACS clients ask Microsoft Entra for (as @azure/communication-common does, double slash included). */
export const ACS_TOKEN_SCOPE = 'https://communication.azure.com//.default';

/**
 * From ACS_CONNECTION_STRING, or keyless: ACS_ENDPOINT plus the app's identity (a role on the Communication
 * Services resource that allows sending email).
 */
export function createEmailClient(access: AcsAccess | string, credentials: CredentialFactory = defaultCredentials): EmailClient {
  if (typeof access === 'string') return new EmailClient(access);
  return access.auth === 'connectionString'
    ? new EmailClient(access.connectionString)
    : new EmailClient(access.endpoint, credentials(access.identity));
}

/** Azure Communication Services email; the operation id is derived from the idempotency key. */
export class AcsMailer implements Mailer {
  private readonly client: EmailClient;

  constructor(
    access: AcsAccess | string,
    private readonly from: string,
    client?: EmailClient,
  ) {
    this.client = client ?? createEmailClient(access);
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

/**
 * ACS has no side-effect-free ping. Key-based: the probe confirms the connection string parses. Keyless: it
 * gets a token for ACS from the app's identity (cached by the credential), which is what fails when the
 * identity is missing or misconfigured.
 */
export function acsProbe(access: AcsAccess | string, credentials: CredentialFactory = defaultCredentials): HealthProbe {
  const a: AcsAccess = typeof access === 'string' ? { auth: 'connectionString', connectionString: access } : access;
  return {
    name: 'mail',
    async check() {
      if (a.auth === 'connectionString') {
        if (!/endpoint=https:\/\/[^;]+/i.test(a.connectionString)) throw new Error('ACS_CONNECTION_STRING has no endpoint');
        return;
      }
      const token = await credentials(a.identity).getToken(ACS_TOKEN_SCOPE);
      if (!token) throw new Error(`no Microsoft Entra token for ACS (${a.endpoint}) from the app identity`);
    },
  };
}
