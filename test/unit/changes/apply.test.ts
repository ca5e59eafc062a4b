import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { applyChange, applyChanges, type ApplyOptions, applySnapshot, docRefFor } from '../../../shared/domain/changes/apply.js';
import { canonicalJson } from '../../../shared/domain/changes/canonical.js';
import { type CustomerDoc, docSizeBytes, type PartnerDoc, type PersonDoc, type ProfileDoc } from '../../../shared/domain/changes/docs.js';
import { type ChangeEvent, type ChangeEventInput, changeEventSchema } from '../../../shared/domain/changes/events.js';
import { buildFacts } from '../../../shared/domain/changes/facts.js';
import { parseFacts } from '../../../shared/domain/facts/schema.js';
import { changeArb, PARTNER } from './arbitraries.js';

const change = (input: Record<string, unknown>): ChangeEvent =>
  changeEventSchema.parse({ partnerId: PARTNER, observedAt: '2026-11-01T00:00:00Z', ...input } as ChangeEventInput);

/** Applies changes one by one, keeping the documents a store would keep. */
function applyAll(changes: readonly ChangeEvent[], options: ApplyOptions = {}): Map<string, PartnerDoc> {
  const docs = new Map<string, PartnerDoc>();
  for (const c of changes) {
    const ref = docRefFor(c);
    const result = applyChange(docs.get(ref.id) ?? null, c, options);
    if (result.changed) docs.set(ref.id, result.doc);
  }
  return docs;
}

function snapshotOf(docs: Map<string, PartnerDoc>): string {
  return canonicalJson([...docs.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function factsOf(docs: Map<string, PartnerDoc>) {
  const all = [...docs.values()];
  const profile = (all.find((d) => d.docType === 'profile') as ProfileDoc | undefined) ?? null;
  return buildFacts(
    profile,
    all.filter((d): d is CustomerDoc => d.docType === 'customer'),
    all.filter((d): d is PersonDoc => d.docType === 'person'),
    '2026-11-21',
    PARTNER,
  );
}

describe('applyChange: last writer wins per natural key', () => {
  const base = {
    fact: 'usage',
    tenantId: 't1',
    kind: 'm365',
    month: '2026-10',
    workload: 'Teams',
    association: 'CPOR',
    paidSeats: 100,
    activeUsers: 50,
  };

  it('upserts, ignores an older observation and treats a repeat as no change', () => {
    const newer = change({ ...base, observedAt: '2026-11-02T00:00:00Z', activeUsers: 80 });
    const older = change({ ...base, observedAt: '2026-11-01T00:00:00Z', activeUsers: 10 });
    const first = applyChange(null, newer);
    expect(first.changed).toBe(true);
    const again = applyChange(first.doc, newer);
    expect(again).toEqual({ doc: first.doc, changed: false });
    const late = applyChange(first.doc, older);
    expect(late.changed).toBe(false);
    expect(Object.values((late.doc as CustomerDoc).usage)[0]?.activeUsers).toBe(80);
  });

  it('does not modify its input document', () => {
    const doc = applyChange(null, change(base)).doc;
    const before = canonicalJson(doc);
    applyChange(doc, change({ ...base, observedAt: '2026-11-05T00:00:00Z', activeUsers: 1 }));
    expect(canonicalJson(doc)).toBe(before);
  });

  it('keeps a deletion as a tombstone: an older upsert after it is ignored; a deletion wins a tie', () => {
    const upsert = change(base);
    const deletion = change({ ...base, paidSeats: undefined, activeUsers: undefined, deleted: true });
    const afterDelete = applyChange(applyChange(null, upsert).doc, deletion);
    expect(afterDelete.changed).toBe(true);
    const resurrect = applyChange(afterDelete.doc, change({ ...base, observedAt: '2026-10-30T00:00:00Z' }));
    expect(resurrect.changed).toBe(false);
    expect(applyChange(afterDelete.doc, upsert).changed).toBe(false); // same observedAt: deletion wins
    expect(factsOf(new Map([['c', afterDelete.doc]])).customers).toEqual([]);
    const reborn = applyChange(afterDelete.doc, change({ ...base, observedAt: '2026-11-03T00:00:00Z' }));
    expect(reborn.changed).toBe(true);
  });

  it('matches names case-insensitively in natural keys', () => {
    const a = change({ ...base, workload: 'Teams', activeUsers: 1 });
    const b = change({ ...base, workload: ' teams ', observedAt: '2026-11-02T00:00:00Z', activeUsers: 2 });
    const doc = applyChanges(null, [a, b]).doc as CustomerDoc;
    expect(Object.keys(doc.usage)).toHaveLength(1);
  });

  it('keeps usage of the same service through different offers apart', () => {
    const azure = { fact: 'usage', tenantId: 't1', kind: 'azure', month: '2026-10', service: 'Key Vault', association: 'PAL', acrUsd: 10 };
    const doc = applyChanges(null, [change(azure), change({ ...azure, offer: 'trial', acrUsd: 5 })]).doc as CustomerDoc;
    expect(Object.keys(doc.usage)).toHaveLength(2);
  });

  it('refuses a change for another document', () => {
    const doc = applyChange(null, change(base)).doc;
    expect(() => applyChange(doc, change({ ...base, tenantId: 't2' }))).toThrow(/does not belong/);
  });

  it('applies profile fields independently, each by its own observedAt', () => {
    const p1 = change({ fact: 'profile', name: 'Contoso', observedAt: '2026-11-02T00:00:00Z' });
    const p2 = change({ fact: 'profile', name: 'Old name', preferredLanguage: 'de-DE', observedAt: '2026-11-01T00:00:00Z' });
    const doc = applyChanges(null, [p1, p2]).doc as ProfileDoc;
    expect(doc.name?.value).toBe('Contoso');
    expect(doc.preferredLanguage?.value).toBe('de-DE');
  });
});

describe('Business Applications: revenue and active users from separate records', () => {
  const key = { fact: 'usage', tenantId: 't1', kind: 'bizapps', month: '2026-10', workload: 'Dynamics 365 Sales', association: 'CPOR' };
  const revenue = change({ ...key, observedAt: '2026-11-02T00:00:00Z', revenueUsd: 1600 }); // the revenue download
  const users = change({ ...key, observedAt: '2026-11-03T00:00:00Z', activeUsers: 25 }); // the usage download
  const usageOf = (docs: Map<string, PartnerDoc>) => factsOf(docs).customers[0]?.usage;

  it('each download sets its own figure, in either order, and the facts carry both', () => {
    const a = applyAll([revenue, users]);
    expect(snapshotOf(applyAll([users, revenue]))).toBe(snapshotOf(a));
    expect(usageOf(a)).toEqual([expect.objectContaining({ kind: 'bizapps', revenueUsd: 1600, activeUsers: 25 })]);
  });

  it('a newer record of one figure replaces that figure only; an older one changes nothing', () => {
    const newerRevenue = change({ ...key, observedAt: '2026-11-05T00:00:00Z', revenueUsd: 900 });
    const olderUsers = change({ ...key, observedAt: '2026-11-01T00:00:00Z', activeUsers: 3 });
    expect(usageOf(applyAll([revenue, users, newerRevenue, olderUsers]))).toEqual([
      expect.objectContaining({ revenueUsd: 900, activeUsers: 25 }),
    ]);
  });

  it('a deletion ends the figures observed before it; a figure observed before the deletion stays ended whenever it arrives', () => {
    const deletion = change({ ...key, observedAt: '2026-11-04T00:00:00Z', deleted: true });
    const laterRevenue = change({ ...key, observedAt: '2026-11-06T00:00:00Z', revenueUsd: 700 });
    const lateOldUsers = change({ ...key, observedAt: '2026-11-03T12:00:00Z', activeUsers: 40 });
    const docs = applyAll([revenue, users, deletion, laterRevenue, lateOldUsers]);
    expect(usageOf(docs)).toEqual([expect.objectContaining({ revenueUsd: 700, activeUsers: 0 })]);
    expect(snapshotOf(applyAll([lateOldUsers, laterRevenue, deletion, users, revenue]))).toBe(snapshotOf(docs));
  });

  it('a whole record is stored as it always was (no per-figure stamps)', () => {
    const whole = change({ ...key, revenueUsd: 1600, activeUsers: 25 });
    const doc = applyAll([whole]).get('customer:t1') as CustomerDoc;
    const [entry] = Object.values(doc.usage);
    expect(entry).not.toHaveProperty('figureAt');
    expect(entry).not.toHaveProperty('deletedAt');
  });

  it('a record with neither figure is refused, naming the field', () => {
    const parsed = changeEventSchema.safeParse({ ...key, partnerId: PARTNER, observedAt: '2026-11-01T00:00:00Z' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['revenueUsd'], message: expect.stringContaining('revenueUsd or activeUsers') });
  });
});

describe('applyChange: any order, any repetition, same documents (property)', () => {
  it('a shuffled list ends in the same documents and facts', () => {
    fc.assert(
      fc.property(
        fc
          .array(changeArb, { maxLength: 40 })
          .chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))),
        ([list, shuffled]) => {
          const a = applyAll(list);
          const b = applyAll(shuffled);
          expect(snapshotOf(b)).toBe(snapshotOf(a));
          expect(factsOf(b)).toEqual(factsOf(a));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('applying every change twice (in any order) ends where applying once does', () => {
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 30 }), (list) => {
        const once = applyAll(list);
        const twice = applyAll([...list, ...[...list].reverse()]);
        expect(snapshotOf(twice)).toBe(snapshotOf(once));
      }),
      { numRuns: 200 },
    );
  });

  it('order independence holds with trimming and snapshot watermarks too', () => {
    const options: ApplyOptions = {
      usageHorizonMonths: 2,
      ended: { certification: '2026-10-15T00:00:00Z', usage: '2026-10-01T00:00:00Z' },
    };
    fc.assert(
      fc.property(
        fc
          .array(changeArb, { maxLength: 40 })
          .chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))),
        ([list, shuffled]) => {
          expect(snapshotOf(applyAll(shuffled, options))).toBe(snapshotOf(applyAll(list, options)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('buildFacts output is valid facts under the contract schema', () => {
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 40 }), (list) => {
        const facts = factsOf(applyAll(list));
        const parsed = parseFacts(JSON.parse(JSON.stringify(facts)));
        expect(parsed.ok ? [] : parsed.errors).toEqual([]);
        if (parsed.ok) expect(parsed.facts).toEqual(facts);
      }),
      { numRuns: 200 },
    );
  });
});

describe('trimming usage to the months the rules read', () => {
  const usage = (month: string, observedAt = '2026-11-01T00:00:00Z') =>
    change({ fact: 'usage', tenantId: 't1', kind: 'azure', month, service: 'Key Vault', association: 'PAL', acrUsd: 1, observedAt });

  it('keeps 25 months back from the newest month seen (newest−24 … newest) by default', () => {
    const months: string[] = [];
    for (let i = 0; i < 30; i++) months.push(`${2024 + Math.floor((i + 5) / 12)}-${String(((i + 5) % 12) + 1).padStart(2, '0')}`);
    // 2024-06 … 2026-11
    const doc = applyChanges(
      null,
      months.map((m) => usage(m, '2026-11-20T00:00:00Z')),
    ).doc as CustomerDoc;
    const kept = Object.values(doc.usage)
      .map((e) => e.month)
      .sort();
    expect(kept[0]).toBe('2024-11');
    expect(kept.at(-1)).toBe('2026-11');
    expect(kept).toHaveLength(25);
    expect(doc.newestUsageMonth).toBe('2026-11');
    // An old month arriving later is ignored.
    expect(applyChange(doc, usage('2024-10', '2026-11-21T00:00:00Z')).changed).toBe(false);
  });

  it('takes the horizon as a parameter', () => {
    const doc = applyChanges(null, [usage('2026-08'), usage('2026-09'), usage('2026-10')], { usageHorizonMonths: 2 }).doc as CustomerDoc;
    expect(
      Object.values(doc.usage)
        .map((e) => e.month)
        .sort(),
    ).toEqual(['2026-09', '2026-10']);
  });

  it('rejects usage for a month after its observation (a typo cannot trim real months away)', () => {
    expect(changeEventSchema.safeParse({ ...usage('2026-10'), month: '2062-11' }).success).toBe(false);
  });

  it('keeps a large customer document well under 2 MB', () => {
    const changes: ChangeEvent[] = [];
    for (let m = 0; m < 25; m++) {
      const month = `${2024 + Math.floor((m + 10) / 12)}-${String(((m + 10) % 12) + 1).padStart(2, '0')}`;
      for (let s = 0; s < 100; s++) {
        changes.push(
          change({
            fact: 'usage',
            tenantId: 't1',
            kind: 'azure',
            month,
            service: `Azure Service Number ${s}`,
            association: 'CSP_T1',
            acrUsd: 1234.56,
            observedAt: '2026-11-20T00:00:00Z',
          }),
        );
      }
    }
    const doc = applyChanges(null, changes).doc;
    expect(docSizeBytes(doc)).toBeLessThan(1_000_000);
  });
});

describe('snapshots end the facts missing from them', () => {
  const assoc = (tenantId: string, from: string, observedAt: string) =>
    change({ fact: 'association', tenantId, type: 'PAL', from, observedAt });

  it('facts of the kind observed before the watermark are left out; the snapshot rows stay', () => {
    const old1 = assoc('t1', '2025-01-01', '2026-10-01T00:00:00Z'); // not in the snapshot
    const kept = assoc('t1', '2025-06-01', '2026-11-01T00:00:00Z'); // a snapshot row (observed at the snapshot's time)
    const newer = assoc('t2', '2026-01-01', '2026-11-05T00:00:00Z'); // after the snapshot: stays
    const person = change({ fact: 'person', personId: 'a', linkedFrom: '2025-01-01', observedAt: '2026-10-01T00:00:00Z' }); // other kind
    const docs = applyAll([old1, kept, newer, person]);
    const profile = applySnapshot(null, PARTNER, { kind: 'association', observedAt: '2026-11-01T00:00:00Z' });
    expect(profile.changed).toBe(true);
    docs.set(profile.doc.id, profile.doc);
    const facts = factsOf(docs);
    expect(facts.customers.map((c) => [c.tenantId, c.associations?.map((a) => a.from)])).toEqual([
      ['t1', ['2025-06-01']],
      ['t2', ['2026-01-01']],
    ]);
    expect(facts.people.map((p) => p.id)).toEqual(['a']);
    // An older snapshot does not move the watermark back.
    expect(applySnapshot(profile.doc, PARTNER, { kind: 'association', observedAt: '2026-10-01T00:00:00Z' }).changed).toBe(false);
  });

  it('ends a fact that arrives after the marker but was observed before it (order independence)', () => {
    const profile = applySnapshot(null, PARTNER, { kind: 'person', observedAt: '2026-11-01T00:00:00Z' }).doc;
    const late = change({ fact: 'person', personId: 'a', linkedFrom: '2025-01-01', observedAt: '2026-10-01T00:00:00Z' });
    const ignored = applyChange(null, late, { ended: profile.snapshots });
    expect(ignored.changed).toBe(false);
    const stored = applyChange(null, late).doc as PersonDoc;
    expect(buildFacts(profile, [], [stored], '2026-11-21').people).toEqual([]);
  });
});

describe('buildFacts', () => {
  it('emits the contract format: defaults, associations always a list, people only with a link', () => {
    const docs = applyAll([
      change({ fact: 'usage', tenantId: 't1', kind: 'azure', month: '2026-10', service: 'Key Vault', association: 'PAL', acrUsd: 12.5 }),
      change({
        fact: 'association',
        tenantId: 't2',
        type: 'CPOR',
        workload: 'Teams',
        cporActivity: 'use-consume',
        from: '2026-01-01',
        segment: 'smb',
      }),
      change({ fact: 'certification', personId: 'nolink', name: 'Teams Administrator Associate', earned: '2025-01-01' }),
      change({ fact: 'person', personId: 'p1', linkedFrom: '2025-01-01' }),
      change({ fact: 'certification', personId: 'p1', name: 'Teams Administrator Associate', earned: '2025-01-01', expires: '2027-01-01' }),
      change({ fact: 'profile', name: 'Contoso', enrollment: { anniversary: '2026-12-10', areas: ['security', 'modernWork'] } }),
    ]);
    expect(factsOf(docs)).toEqual({
      partnerId: PARTNER,
      asOf: '2026-11-21',
      enrollment: { anniversary: '2026-12-10', areas: ['modernWork', 'security'], azureTrack: null },
      customers: [
        {
          tenantId: 't1',
          segment: 'enterprise',
          cloud: 'commercial',
          associations: [],
          usage: [
            {
              month: '2026-10',
              kind: 'azure',
              service: 'Key Vault',
              acrUsd: 12.5,
              offer: 'standard',
              association: 'PAL',
              cporActivity: null,
            },
          ],
        },
        {
          tenantId: 't2',
          segment: 'smb',
          cloud: 'commercial',
          associations: [{ type: 'CPOR', cporActivity: 'use-consume', workload: 'Teams', from: '2026-01-01', to: null }],
          usage: [],
        },
      ],
      people: [
        {
          id: 'p1',
          linkedFrom: '2025-01-01',
          linkedTo: null,
          certifications: [{ name: 'Teams Administrator Associate', earned: '2025-01-01', expires: '2027-01-01' }],
        },
      ],
    });
  });

  it('enrollment null (not enrolled) and a deleted profile both give enrollment null', () => {
    const notEnrolled = applyChange(null, change({ fact: 'profile', enrollment: null })).doc as ProfileDoc;
    expect(buildFacts(notEnrolled, [], [], '2026-11-21').enrollment).toBeNull();
    const enrolled = applyChange(null, change({ fact: 'profile', enrollment: { anniversary: '2026-12-10', areas: ['modernWork'] } })).doc;
    const gone = applyChange(enrolled, change({ fact: 'profile', deleted: true, observedAt: '2026-11-02T00:00:00Z' })).doc as ProfileDoc;
    expect(buildFacts(gone, [], [], '2026-11-21').enrollment).toBeNull();
  });

  it('refuses documents of different partners', () => {
    const a = applyChange(null, change({ fact: 'person', personId: 'x', linkedFrom: '2025-01-01' })).doc as PersonDoc;
    const b = applyChange(null, change({ fact: 'person', partnerId: 'P2', personId: 'x', linkedFrom: '2025-01-01' })).doc as PersonDoc;
    expect(() => buildFacts(null, [], [a, b], '2026-11-21')).toThrow(/belongs to P2/);
  });
});
