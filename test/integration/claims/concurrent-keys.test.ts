// Issue 11, defect 13 against the Cosmos stand-in: two concurrent claims of one partner for one
// tenant + workload (or one subscription) — one becomes active, the other is refused (409 reason); the
// key document is a create-if-absent in the partner's partition, released when the claim ends.
import type { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCosmosClient } from '../../../shared/adapters/cosmos/client.js';
import { createCosmosRepositories } from '../../../shared/adapters/cosmos/repositories/index.js';
import { createCosmosStore, ensureCosmosSchema } from '../../../shared/adapters/cosmos/store.js';
import { applyStoredClaimEvent } from '../../../shared/claims/events.js';
import { claimKeyDocId } from '../../../shared/claims/keys.js';
import type { ClaimEvent } from '../../../shared/domain/claims/types.js';
import type { DocumentStore } from '../../../shared/ports/documentStore.js';
import { baData, mwsData } from '../../unit/claims/fixtures.js';
import { RecordingBus } from '../../unit/pipeline/fakes.js';
import { stackConfig, unique } from '../helpers.js';

let cosmos: CosmosClient;
let store: DocumentStore;
const clock = { now: () => new Date() };

beforeAll(async () => {
  const config = stackConfig();
  cosmos = createCosmosClient(config);
  store = createCosmosStore(await ensureCosmosSchema(cosmos, config.COSMOS_DATABASE));
}, 120_000);
afterAll(() => cosmos?.dispose());

const submitted = (partnerId: string, claimId: string, data: object): ClaimEvent =>
  ({
    type: 'submitted',
    eventId: `sub-${claimId}`,
    occurredAt: new Date().toISOString(),
    partnerId,
    claimId,
    claim: data,
    submittedBy: { role: 'incentives-admin' },
  }) as ClaimEvent;

describe('concurrent claims of one partner (Cosmos stand-in)', () => {
  it('tenant + workload: of two concurrent submissions one is active, one refused; the key is released when the claim ends', async () => {
    const partnerId = unique('p-keys');
    const deps = { store, repos: createCosmosRepositories(store), bus: new RecordingBus(), clock };
    const data = mwsData({ workloads: ['Teams'] });
    const outcomes = await Promise.all([
      applyStoredClaimEvent(deps, submitted(partnerId, 'c-1', data)),
      applyStoredClaimEvent(deps, submitted(partnerId, 'c-2', data)),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['applied', 'refused']);
    const winner = outcomes.find((o) => o.kind === 'applied')!;
    const loser = outcomes.find((o) => o.kind === 'refused')!;
    expect(loser).toMatchObject({ code: 'conflict', reason: expect.stringContaining('is associated with one partner') });
    const winnerId = winner.kind === 'applied' ? winner.claim.claimId : '';
    const loserId = winnerId === 'c-1' ? 'c-2' : 'c-1';
    expect(await store.collection('partners').read(`claim:${loserId}`, partnerId)).toBeUndefined();
    const keyId = claimKeyDocId(`mws|${data.tenantId}|teams`);
    expect((await store.collection('partners').read(keyId, partnerId))?.doc).toMatchObject({ claimId: winnerId });

    const ended = {
      type: 'rejected',
      reason: 'insufficient-proof',
      eventId: `rej-${winnerId}`,
      occurredAt: new Date().toISOString(),
      partnerId,
      claimId: winnerId,
    } as ClaimEvent;
    expect((await applyStoredClaimEvent(deps, ended)).kind).toBe('applied');
    expect(await store.collection('partners').read(keyId, partnerId)).toBeUndefined();
    expect(await applyStoredClaimEvent(deps, submitted(partnerId, loserId, data))).toMatchObject({
      kind: 'applied',
      claim: { status: 'submitted' },
    });
  });

  it('subscription (Business Applications): five concurrent submissions, one active', async () => {
    const partnerId = unique('p-keys-ba');
    const deps = { store, repos: createCosmosRepositories(store), bus: new RecordingBus(), clock };
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, (_, i) => applyStoredClaimEvent(deps, submitted(partnerId, `b-${i}`, baData()))),
    );
    expect(outcomes.filter((o) => o.kind === 'applied')).toHaveLength(1);
    expect(
      outcomes.filter((o) => o.kind === 'refused').every((o) => o.kind === 'refused' && o.reason.includes('subscription sub-0001')),
    ).toBe(true);
  });
});
