import { describe, expect, it } from 'vitest';

import { planStandIns } from '../../../devtools/standins/plan.js';
import { loadLocalSettings } from '../../../devtools/standins/settings.js';
import { ConfigError } from '../../../shared/config/config.js';

describe('planStandIns', () => {
  it('starts every stand-in when nothing is set', () => {
    expect(planStandIns({})).toEqual({ azurite: true, cosmos: true, serviceBus: true, smtp: true });
  });

  it('starts stand-ins for settings that point at this machine', () => {
    expect(
      planStandIns({
        AzureWebJobsStorage: 'UseDevelopmentStorage=true',
        COSMOS_ENDPOINT: 'https://localhost:8081',
        ServiceBusConnection: 'Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true',
        SMTP_HOST: '127.0.0.1',
      }),
    ).toEqual({ azurite: true, cosmos: true, serviceBus: true, smtp: true });
  });

  it('starts none for settings that name real resources', () => {
    expect(
      planStandIns({
        AzureWebJobsStorage: 'DefaultEndpointsProtocol=https;AccountName=dt;AccountKey=a2V5;EndpointSuffix=core.windows.net',
        COSMOS_ENDPOINT: 'https://dt.documents.azure.com:443/',
        ServiceBusConnection: 'Endpoint=sb://dt.servicebus.windows.net/;SharedAccessKeyName=app;SharedAccessKey=a2V5',
        MAIL_TRANSPORT: 'acs',
      }),
    ).toEqual({ azurite: false, cosmos: false, serviceBus: false, smtp: false });
  });

  it('treats a managed-identity Service Bus namespace and a real SMTP relay as real', () => {
    const plan = planStandIns({
      ServiceBusConnection__fullyQualifiedNamespace: 'dt.servicebus.windows.net',
      SMTP_HOST: 'smtp.example.com',
    });
    expect(plan.serviceBus).toBe(false);
    expect(plan.smtp).toBe(false);
  });

  it('treats keyless storage settings as a real account unless the blob URI is on this machine', () => {
    expect(planStandIns({ AzureWebJobsStorage__accountName: 'dt' }).azurite).toBe(false);
    expect(planStandIns({ AzureWebJobsStorage__blobServiceUri: 'https://dt.blob.core.windows.net' }).azurite).toBe(false);
    expect(planStandIns({ AzureWebJobsStorage__blobServiceUri: 'http://127.0.0.1:10000/devstoreaccount1' }).azurite).toBe(true);
  });
});

describe('loadLocalSettings', () => {
  it('defaults to the well-known ports', () => {
    expect(loadLocalSettings({})).toMatchObject({
      LOCAL_HTTP_PORT: 7071,
      LOCAL_BLOB_PORT: 10000,
      LOCAL_QUEUE_PORT: 10001,
      LOCAL_TABLE_PORT: 10002,
      LOCAL_COSMOS_PORT: 8081,
      LOCAL_SERVICEBUS_PORT: 5672,
      LOCAL_SMTP_PORT: 2525,
      LOCAL_MAIL_DIR: '.local/mail',
    });
  });

  it('accepts 0 (any free port) and names a bad port', () => {
    expect(loadLocalSettings({ LOCAL_HTTP_PORT: '0' }).LOCAL_HTTP_PORT).toBe(0);
    expect(() => loadLocalSettings({ LOCAL_COSMOS_PORT: 'http' })).toThrow(ConfigError);
    expect(() => loadLocalSettings({ LOCAL_COSMOS_PORT: '70000' })).toThrow(/LOCAL_COSMOS_PORT/);
  });

  it('takes LOCAL_TODAY as a real day, unset when empty, and names a bad one', () => {
    expect(loadLocalSettings({}).LOCAL_TODAY).toBeUndefined();
    expect(loadLocalSettings({ LOCAL_TODAY: '' }).LOCAL_TODAY).toBeUndefined();
    expect(loadLocalSettings({ LOCAL_TODAY: '2027-02-28' }).LOCAL_TODAY).toBe('2027-02-28');
    expect(() => loadLocalSettings({ LOCAL_TODAY: '2026-02-30' })).toThrow(/LOCAL_TODAY/);
    expect(() => loadLocalSettings({ LOCAL_TODAY: 'tomorrow' })).toThrow(/LOCAL_TODAY/);
  });
});
