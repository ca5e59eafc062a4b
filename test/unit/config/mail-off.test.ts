// MAIL_TRANSPORT=off (the template's default when no mail parameters are given): the app starts on Azure
// without ACS / SMTP / MAIL_FROM settings, health says mail is off, and notifications are recorded as
// skipped with reason mail-off instead of crashing or retrying into the dead-letter queue.
import { describe, expect, it } from 'vitest';

import { MAIL_OFF_REASON, MailOffError, OffMailer, offMailProbe } from '../../../shared/adapters/mail/off.js';
import { loadConfig } from '../../../shared/config/config.js';
import { emptyProfileDoc } from '../../../shared/domain/changes/docs.js';
import { healthHandler } from '../../../shared/handlers/health.js';
import { sendNotificationHandler } from '../../../shared/handlers/sendNotification.js';
import { buildNotificationMessage } from '../../../shared/notifications/message.js';
import type { NotificationRecord } from '../../../shared/notifications/sendOnce.js';
import { OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { MemoryStore, withRepos } from '../../support/memory-store.js';
import { sampleEntry, testContext } from '../notifications/fixtures.js';

const KEYLESS_AZURE = {
  WEBSITE_SITE_NAME: 'func-dt',
  COSMOS_ENDPOINT: 'https://cosmos-dt.documents.azure.com:443/',
  AzureWebJobsStorage__blobServiceUri: 'https://stdt.blob.core.windows.net/',
  ServiceBusConnection__fullyQualifiedNamespace: 'sb-dt.servicebus.windows.net',
  AZURE_CLIENT_ID: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
};

describe('MAIL_TRANSPORT=off', () => {
  it('loads on Azure with no mail settings at all (MAIL_FROM, SMTP_HOST and ACS empty)', () => {
    const c = loadConfig({
      ...KEYLESS_AZURE,
      MAIL_TRANSPORT: 'off',
      MAIL_FROM: '',
      SMTP_HOST: '',
      ACS_ENDPOINT: '',
      ACS_CONNECTION_STRING: '',
    });
    expect(c.MAIL_TRANSPORT).toBe('off');
    expect(c.connections.acs).toBeUndefined();
  });

  it('still refuses acs without an endpoint, and names off among the choices', () => {
    expect(() => loadConfig({ ...KEYLESS_AZURE, MAIL_TRANSPORT: 'acs', MAIL_FROM: 'a@example.com' })).toThrow(/ACS_CONNECTION_STRING/);
    expect(() => loadConfig({ MAIL_TRANSPORT: 'pigeon' })).toThrow(/smtp or acs, or off/);
  });

  it('the off mailer refuses to send with a clear error; its probe is ok and says mail is off', async () => {
    const mailer = new OffMailer();
    expect(mailer.skipReason).toBe(MAIL_OFF_REASON);
    await expect(mailer.send({ to: 'a@example.com', subject: 's', text: 't', idempotencyKey: 'n-1' })).rejects.toThrow(MailOffError);
    const res = await healthHandler({ probes: [offMailProbe()], clock: { now: () => new Date('2026-03-15T08:00:00Z') } })(
      {} as never,
      testContext('h') as never,
    );
    expect(res.status).toBe(200);
    expect((res.jsonBody as { checks: Record<string, unknown> }).checks.mail).toMatchObject({
      ok: true,
      note: expect.stringMatching(/^off/),
    });
  });

  it('records a notification as skipped with reason mail-off and settles it', async () => {
    const store = new MemoryStore();
    const handler = sendNotificationHandler(
      withRepos(store, { mailer: new OffMailer(), clock: { now: () => new Date('2026-03-15T08:00:00Z') } }),
    );
    const stamp = { observedAt: '2026-01-01T00:00:00Z', deleted: false };
    const m = buildNotificationMessage(sampleEntry(), {
      ...emptyProfileDoc('p-1'),
      name: { ...stamp, value: 'Contoso' },
      contacts: { ...stamp, value: ['admin@contoso.example'] },
    });
    const outcome = await handler(m, testContext('m1'));
    expect(outcome?.outcome).toBe('skipped');
    const record = (await store.collection('operations').read<NotificationRecord>(m.id, OPERATIONS_PK.notificationsSent))?.doc;
    expect(record).toMatchObject({ state: 'skipped', reason: 'mail-off' });
  });
});
