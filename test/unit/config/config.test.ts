import { describe, expect, it } from 'vitest';

import { DEFAULTS, loadConfig, LOCAL_DEFAULTS, LOCAL_DEV_WEBHOOK_SECRET } from '../../../shared/config/config.js';
import { problemsOf } from './problems.js';

describe('loadConfig', () => {
  it('runs locally with no settings at all, pointing at the stand-ins', () => {
    const c = loadConfig({});
    expect(c.COSMOS_ENDPOINT).toBe(LOCAL_DEFAULTS.COSMOS_ENDPOINT);
    expect(c.COSMOS_DATABASE).toBe(DEFAULTS.COSMOS_DATABASE);
    expect(c.AzureWebJobsStorage).toBe('UseDevelopmentStorage=true');
    expect(c.ServiceBusConnection).toContain('UseDevelopmentEmulator=true');
    expect(c.MAIL_TRANSPORT).toBe('smtp');
    expect(c.SMTP_HOST).toBe('127.0.0.1');
    expect(c.SMTP_PORT).toBe(2525);
    expect(c.DATA_COMPLETE_DAY).toBe(20);
    expect(c.MAX_DELIVERY_COUNT).toBe(10);
    expect(c.IMPORT_SCHEDULE).toBe('0 */1 * * * *');
    expect(c.NIGHTLY_RECOMPUTE_SCHEDULE).toBe('0 30 2 * * *');
    // The local profile's public development secret, so the local host can sign pushes (README).
    expect(c.WEBHOOK_SECRETS).toEqual([LOCAL_DEV_WEBHOOK_SECRET]);
    expect(c.INSIGHTS_SCHEDULE).toBe('0 0 * * * *');
    expect(c.INSIGHTS_REPORTS).toEqual([]);
  });

  it('has no webhook secret by default on Azure (POST /api/changes then answers 503)', () => {
    const c = loadConfig({
      WEBSITE_SITE_NAME: 'dt-func',
      COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/',
      COSMOS_KEY: 'a2V5',
      AzureWebJobsStorage: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5;EndpointSuffix=core.windows.net',
      ServiceBusConnection: 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=app;SharedAccessKey=a2V5',
      SMTP_HOST: 'smtp.example.com',
      MAIL_FROM: 'tracker@example.com',
    });
    expect(c.WEBHOOK_SECRETS).toEqual([]);
  });

  it('trusts a self-signed certificate only for a loopback endpoint unless told', () => {
    expect(loadConfig({}).COSMOS_ALLOW_SELF_SIGNED).toBe(true);
    expect(loadConfig({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' }).COSMOS_ALLOW_SELF_SIGNED).toBe(false);
    expect(loadConfig({ COSMOS_ALLOW_SELF_SIGNED: 'false' }).COSMOS_ALLOW_SELF_SIGNED).toBe(false);
    expect(loadConfig({ COSMOS_ENDPOINT: 'https://devbox:8081', COSMOS_ALLOW_SELF_SIGNED: 'true' }).COSMOS_ALLOW_SELF_SIGNED).toBe(true);
  });

  it('parses numbers, lists and schedules', () => {
    const c = loadConfig({
      DATA_COMPLETE_DAY: '5',
      MAX_DELIVERY_COUNT: '3',
      WEBHOOK_SECRETS: 'whsec_abcdefgh1234, whsec_ijklmnop3456',
      IMPORT_SCHEDULE: '*/30 * * * * *',
    });
    expect(c.DATA_COMPLETE_DAY).toBe(5);
    expect(c.MAX_DELIVERY_COUNT).toBe(3);
    expect(c.WEBHOOK_SECRETS).toEqual(['whsec_abcdefgh1234', 'whsec_ijklmnop3456']);
    expect(c.IMPORT_SCHEDULE).toBe('*/30 * * * * *');
  });

  it('treats an empty setting as unset', () => {
    expect(loadConfig({ DATA_COMPLETE_DAY: '', COSMOS_DATABASE: '  ' }).DATA_COMPLETE_DAY).toBe(20);
  });

  it('names every bad setting, with what is wrong, in one error', () => {
    const p = problemsOf({
      DATA_COMPLETE_DAY: '31',
      MAX_DELIVERY_COUNT: 'ten',
      IMPORT_SCHEDULE: '0 * * * *',
      COSMOS_ENDPOINT: 'not a url',
      MAIL_TRANSPORT: 'pigeon',
      WEBHOOK_SECRETS: 'secret1',
      EXPORTS_CONTAINER: 'Exports_2026',
      ServiceBusConnection: 'Server=x',
    });
    expect(Object.keys(p).sort()).toEqual(
      [
        'COSMOS_ENDPOINT',
        'DATA_COMPLETE_DAY',
        'EXPORTS_CONTAINER',
        'IMPORT_SCHEDULE',
        'MAIL_TRANSPORT',
        'MAX_DELIVERY_COUNT',
        'ServiceBusConnection',
        'WEBHOOK_SECRETS',
      ].sort(),
    );
    expect(p.DATA_COMPLETE_DAY).toMatch(/1 to 28/);
    expect(p.IMPORT_SCHEDULE).toMatch(/6/);
    expect(p.MAIL_TRANSPORT).toMatch(/smtp or acs/);
    expect(p.WEBHOOK_SECRETS).toMatch(/whsec_/);
    // Secrets are never echoed back.
    expect(p.WEBHOOK_SECRETS).not.toContain('secret1');
  });

  it('lists every problem in the error message', () => {
    expect(() => loadConfig({ DATA_COMPLETE_DAY: 'x', SMTP_PORT: '0' })).toThrow(
      /DATA_COMPLETE_DAY[\s\S]*SMTP_PORT|SMTP_PORT[\s\S]*DATA_COMPLETE_DAY/,
    );
  });

  it('needs ACS_CONNECTION_STRING when mail goes through ACS', () => {
    expect(problemsOf({ MAIL_TRANSPORT: 'acs' })).toHaveProperty('ACS_CONNECTION_STRING');
    expect(
      loadConfig({ MAIL_TRANSPORT: 'acs', ACS_CONNECTION_STRING: 'endpoint=https://x.communication.azure.com/;accesskey=abc' })
        .MAIL_TRANSPORT,
    ).toBe('acs');
  });

  it('on Azure, has no local defaults for connections: each missing one is named, with its keyless alternative', () => {
    const p = problemsOf({ WEBSITE_SITE_NAME: 'dt-func' });
    expect(Object.keys(p).sort()).toEqual(
      ['AzureWebJobsStorage', 'COSMOS_ENDPOINT', 'MAIL_FROM', 'SMTP_HOST', 'ServiceBusConnection'].sort(),
    );
    // COSMOS_KEY is not required: without it an Azure account is reached keyless.
    expect(p.ServiceBusConnection).toMatch(/either ServiceBusConnection .* or ServiceBusConnection__fullyQualifiedNamespace/);
    expect(p.AzureWebJobsStorage).toMatch(
      /either AzureWebJobsStorage .* or AzureWebJobsStorage__blobServiceUri \/ AzureWebJobsStorage__accountName/,
    );
  });

  it('on Azure, accepts a complete set of settings', () => {
    const c = loadConfig(
      {
        COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/',
        COSMOS_KEY: 'a2V5',
        AzureWebJobsStorage: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5;EndpointSuffix=core.windows.net',
        ServiceBusConnection: 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=app;SharedAccessKey=a2V5',
        MAIL_TRANSPORT: 'acs',
        ACS_CONNECTION_STRING: 'endpoint=https://x.communication.azure.com/;accesskey=abc',
        MAIL_FROM: 'tracker@example.com',
      },
      'azure',
    );
    expect(c.COSMOS_ALLOW_SELF_SIGNED).toBe(false);
  });
});
