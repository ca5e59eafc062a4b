// Key Vault secrets through the REST API (no SDK): read the newest version of a secret and write a new
// version, as the app identity (it needs Key Vault Secrets Officer on those secrets only).
//   GET {vault}/secrets/{name}?api-version=7.4            → { value, id, attributes }
//   PUT {vault}/secrets/{name}?api-version=7.4  { value } → the new version
// The bearer token is for https://vault.azure.net/.default, from the credential factory of
// shared/adapters/identity (the managed identity on Azure).
import type { TokenCredential } from '@azure/identity';

import { fetchWithRetry, type RetryOptions } from './http.js';

export const KEY_VAULT_SCOPE = 'https://vault.azure.net/.default';
const API_VERSION = '7.4';

export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
}

export class KeyVaultSecrets implements SecretStore {
  constructor(
    private readonly vaultUrl: string,
    private readonly credential: TokenCredential,
    private readonly retry: RetryOptions = {},
  ) {}

  private async headers(): Promise<Record<string, string>> {
    const token = await this.credential.getToken(KEY_VAULT_SCOPE);
    if (!token) throw new Error('no token for Key Vault from the app identity');
    return { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' };
  }

  private url(name: string): string {
    return `${this.vaultUrl.replace(/\/+$/, '')}/secrets/${encodeURIComponent(name)}?api-version=${API_VERSION}`;
  }

  async get(name: string): Promise<string | undefined> {
    const response = await fetchWithRetry(this.url(name), { headers: await this.headers() }, this.retry);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`Key Vault GET secret ${name}: HTTP ${response.status}`);
    const json = (await response.json()) as { value?: unknown };
    return typeof json.value === 'string' ? json.value : undefined;
  }

  async set(name: string, value: string): Promise<void> {
    const response = await fetchWithRetry(
      this.url(name),
      { method: 'PUT', headers: await this.headers(), body: JSON.stringify({ value, contentType: 'partner-center-refresh-token' }) },
      this.retry,
    );
    await response.body?.cancel().catch(() => {});
    if (!response.ok)
      throw new Error(`Key Vault PUT secret ${name}: HTTP ${response.status} (the app identity needs Key Vault Secrets Officer on it)`);
  }
}
