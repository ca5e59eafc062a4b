// `pcs facts` goes where the local stack's Cosmos stand-in listens (LOCAL_COSMOS_PORT) unless
// COSMOS_ENDPOINT names one, and its error names the endpoint it tried.
import { describe, expect, it } from 'vitest';

import { createFactsCommand, withLocalCosmosPort } from '../../../shared/cli/commands/facts.js';

describe('pcs facts endpoint', () => {
  it('LOCAL_COSMOS_PORT (and LOCAL_BIND_HOST) make the endpoint when COSMOS_ENDPOINT is unset', () => {
    expect(withLocalCosmosPort({ LOCAL_COSMOS_PORT: '18081' }).COSMOS_ENDPOINT).toBe('https://127.0.0.1:18081');
    expect(withLocalCosmosPort({ LOCAL_COSMOS_PORT: '18081', LOCAL_BIND_HOST: '0.0.0.0' }).COSMOS_ENDPOINT).toBe('https://127.0.0.1:18081');
    expect(
      withLocalCosmosPort({ LOCAL_COSMOS_PORT: '18081', COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' }).COSMOS_ENDPOINT,
    ).toBe('https://acct.documents.azure.com:443/');
    expect(withLocalCosmosPort({}).COSMOS_ENDPOINT).toBeUndefined();
    expect(withLocalCosmosPort({ LOCAL_COSMOS_PORT: '0' }).COSMOS_ENDPOINT).toBeUndefined();
  });

  it('says which endpoint it tried when nothing answers there', async () => {
    let err = '';
    const code = await createFactsCommand({ env: { LOCAL_COSMOS_PORT: '1' }, timeoutMs: 5_000 }).run(['4100003'], {
      stdout: () => {},
      stderr: (t: string) => (err += t),
    } as never);
    expect(code).not.toBe(0);
    expect(err).toContain('https://127.0.0.1:1');
  }, 20_000);
});
