// Customer and person documents stored packed (shared/pipeline/fact-docs.ts): what the pipeline writes
// holds the growing maps packed and reads back as the document applyChanges made; a document stored
// before packing still loads, scores the same, and is stored packed on its next write.
import { describe, expect, it } from 'vitest';

import { customerEvents } from '../../../bench/seed.js';
import { customerDocId } from '../../../shared/domain/changes/docs.js';
import { makeMessage } from '../../../shared/domain/changes/message.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { decodeFactDoc, encodeFactDoc } from '../../../shared/pipeline/fact-docs.js';
import { PartnerRepository } from '../../../shared/pipeline/partner-repository.js';
import { recomputePartner } from '../../../shared/pipeline/recompute.js';
import type { Document } from '../../../shared/ports/documentStore.js';
import { memoryKey, MemoryStore, withRepos } from '../../support/memory-store.js';
import { RecordingBus, sampleMessages, TestClock } from './fakes.js';
import { sampleDocs } from './sample-docs.js';

const PARTNER = '4100005';

async function seeded(store = new MemoryStore()) {
  const deps = withRepos(store, { bus: new RecordingBus(), clock: new TestClock('2026-11-21') });
  for (const m of await sampleMessages(PARTNER)) await applyPartnerChanges(deps, m);
  return deps;
}

const storedDocs = (store: MemoryStore, docType: string) =>
  [...store.collection('partners').docs.values()].map((r) => r.doc as Document).filter((d) => d.docType === docType);

describe('fact documents stored packed', () => {
  it('round-trips every sample customer and person, and leaves other documents alone', async () => {
    const { profile, customers, people } = await sampleDocs(PARTNER);
    for (const doc of [...customers, ...people]) {
      const stored = encodeFactDoc(doc);
      expect(stored).not.toHaveProperty(doc.docType === 'customer' ? 'usage' : 'certifications');
      expect(decodeFactDoc(stored)).toEqual(doc);
    }
    expect(encodeFactDoc(profile!)).toBe(profile);
    const oldForm = customers[0]!;
    expect(decodeFactDoc(oldForm)).toBe(oldForm); // stored before packing: read as it is
  });

  it('the pipeline stores them packed (a sixth of the JSON or less) and reads back what it applied', async () => {
    const deps = await seeded();
    const expected = await sampleDocs(PARTNER);
    const stored = storedDocs(deps.store, 'customer');
    expect(stored).toHaveLength(expected.customers.length);
    for (const doc of stored) {
      expect(typeof doc.packed).toBe('string');
      expect(doc).not.toHaveProperty('usage');
    }
    const packedBytes = JSON.stringify(stored).length;
    expect(packedBytes).toBeLessThan(JSON.stringify(expected.customers).length / 6);

    const loaded = await new PartnerRepository(deps).load(PARTNER);
    const strip = (d: object) => Object.fromEntries(Object.entries(d).filter(([k]) => !k.startsWith('_')));
    const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(loaded.customers.map((c) => strip(c.doc) as { id: string }))).toEqual(byId(expected.customers));
    expect(byId(loaded.people.map((p) => strip(p.doc) as { id: string }))).toEqual(byId(expected.people));
  });

  it('documents stored before packing load, score the same, and are stored packed on their next write', async () => {
    const packed = await seeded();
    await recomputePartner(packed, PARTNER);
    // The same partner with every fact document in its old, plain form.
    const plain = new MemoryStore();
    for (const [k, r] of packed.store.collection('partners').docs)
      plain.collection('partners').docs.set(k, { ...structuredClone(r), doc: decodeFactDoc(structuredClone(r.doc)) });
    expect(storedDocs(plain, 'customer').every((d) => d.packed === undefined)).toBe(true);
    const deps = withRepos(plain, { bus: new RecordingBus(), clock: new TestClock('2026-11-21') });
    await recomputePartner(deps, PARTNER);
    const scoreOf = async (d: typeof deps) => (await new PartnerRepository(d).readState(PARTNER))!.doc.score;
    expect(await scoreOf(deps)).toEqual(await scoreOf(packed));

    const tenantId = String(storedDocs(plain, 'customer')[0]!.tenantId);
    const usage = { ...customerEvents(PARTNER, 0, '2026-11-21T05:00:00Z', 4321)[2]!, tenantId };
    await applyPartnerChanges(deps, makeMessage(PARTNER, [usage]));
    const rewritten = plain.collection('partners').docs.get(memoryKey(customerDocId(tenantId), PARTNER))?.doc as Document | undefined;
    expect(typeof rewritten?.packed).toBe('string');
  });
});
