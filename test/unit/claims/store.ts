// The in-memory store for the claims' tests: its repositories (test/support/memory-repositories.ts)
// answer the claims' queries without SQL.
import { MemoryStore } from '../../support/memory-store.js';

/** The claims' tests' store: the shared MemoryStore (the name stays for its users). */
export class ClaimsMemoryStore extends MemoryStore {}

/** A store where these partners are known (a profile document each): claims need a known partner. */
export async function storeWithPartners(...partnerIds: string[]): Promise<ClaimsMemoryStore> {
  const store = new ClaimsMemoryStore();
  for (const partnerId of partnerIds)
    await store.collection('partners').upsert({ id: 'profile', docType: 'profile', partnerId, snapshots: {} });
  return store;
}
