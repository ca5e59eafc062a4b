// The one place that turns an IdentityChoice (decided by the config) into a TokenCredential for the SDK
// clients of keyless connections. Nothing is created until a keyless connection asks for a credential, and
// @azure/identity (MSAL with it: ~200 ms to load) is imported only on the first token request, so the local
// profile — key-based against the stand-ins — never loads it.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';

import type { IdentityChoice } from '../../config/connections.js';

/** The two credential classes used, so tests can pass stand-ins. */
export type IdentityModule = Pick<typeof import('@azure/identity'), 'DefaultAzureCredential' | 'ManagedIdentityCredential'>;

/**
 * ManagedIdentityCredential({ clientId }) for a managed identity (system-assigned without a client id);
 * DefaultAzureCredential otherwise, told the client id (if any) for its managed-identity and workload-identity steps.
 */
export function buildCredential(choice: IdentityChoice, identity: IdentityModule): TokenCredential {
  if (choice.kind === 'managedIdentity') {
    return choice.clientId !== undefined
      ? new identity.ManagedIdentityCredential({ clientId: choice.clientId })
      : new identity.ManagedIdentityCredential();
  }
  return new identity.DefaultAzureCredential(choice.clientId !== undefined ? { managedIdentityClientId: choice.clientId } : {});
}

/** Hands out the credential for an identity choice; the same object for the same choice. */
export type CredentialFactory = (choice: IdentityChoice) => TokenCredential;

/**
 * One credential per distinct choice (clients with the same identity share its token cache). Each is a thin
 * TokenCredential that loads @azure/identity and builds the real credential on its first getToken.
 */
export function createCredentialFactory(load: () => Promise<IdentityModule> = () => import('@azure/identity')): CredentialFactory {
  const made = new Map<string, TokenCredential>();
  let loaded: Promise<IdentityModule> | undefined;
  const module = () =>
    (loaded ??= load().catch((err: unknown) => {
      loaded = undefined; // let a later request try again
      throw err;
    }));
  return (choice) => {
    const key = `${choice.kind}:${choice.clientId ?? ''}`;
    let credential = made.get(key);
    if (!credential) {
      let inner: TokenCredential | undefined;
      credential = {
        async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
          inner ??= buildCredential(choice, await module());
          return inner.getToken(scopes, options);
        },
      };
      made.set(key, credential);
    }
    return credential;
  };
}

/** The process's factory, for callers that build a client without a composition root (the `pcs` command). */
export const defaultCredentials: CredentialFactory = createCredentialFactory();
