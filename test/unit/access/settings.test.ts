// Where the checks are on: always on Azure; locally only with LOCAL_REQUIRE_KEYS=true. The Entra header is
// trusted only on Azure with App Service authentication on (WEBSITE_AUTH_ENABLED, set by the platform).
import { describe, expect, it } from 'vitest';

import { loadConfig } from '../../../shared/config/config.js';

const azure = {
  WEBSITE_SITE_NAME: 'func-dt',
  COSMOS_ENDPOINT: 'https://cosmos-dt.documents.azure.com:443/',
  ServiceBusConnection__fullyQualifiedNamespace: 'sb-dt.servicebus.windows.net',
  AzureWebJobsStorage__blobServiceUri: 'https://stdt.blob.core.windows.net/',
  SMTP_HOST: 'smtp.example.com',
  MAIL_FROM: 'tracker@example.com',
};

describe('access settings', () => {
  it('locally: checks off by default, on with LOCAL_REQUIRE_KEYS=true; the Entra header never trusted', () => {
    expect(loadConfig({})).toMatchObject({ requireKeys: false, trustClientPrincipal: false });
    expect(loadConfig({ LOCAL_REQUIRE_KEYS: 'true' }).requireKeys).toBe(true);
    expect(loadConfig({ LOCAL_REQUIRE_KEYS: 'false' }).requireKeys).toBe(false);
    expect(loadConfig({ WEBSITE_AUTH_ENABLED: 'True' }).trustClientPrincipal).toBe(false);
    expect(() => loadConfig({ LOCAL_REQUIRE_KEYS: 'sometimes' })).toThrow(/LOCAL_REQUIRE_KEYS/);
  });

  it('on Azure: checks always on, whatever LOCAL_REQUIRE_KEYS says; the header trusted only with authentication on', () => {
    expect(loadConfig(azure)).toMatchObject({ requireKeys: true, trustClientPrincipal: false });
    expect(loadConfig({ ...azure, LOCAL_REQUIRE_KEYS: 'false' }).requireKeys).toBe(true);
    expect(loadConfig({ ...azure, WEBSITE_AUTH_ENABLED: 'True' }).trustClientPrincipal).toBe(true);
    expect(loadConfig({ ...azure, WEBSITE_AUTH_ENABLED: 'False' }).trustClientPrincipal).toBe(false);
  });
});
