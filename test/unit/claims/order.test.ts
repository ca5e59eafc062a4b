// Idempotence and out-of-order delivery: the same set of events gives the same claim — and the same
// stored associations downstream — whatever order they arrive in, duplicates included, for streams that
// are valid in time order. A refused event (409) is delivered again later, as a Standard Webhooks sender
// retries it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { applyChanges } from '../../../shared/domain/changes/apply.js';
import { type PartnerDoc } from '../../../shared/domain/changes/docs.js';
import { type ChangeEvent } from '../../../shared/domain/changes/events.js';
import { applyClaimEvent } from '../../../shared/domain/claims/apply.js';
import { associationChanges } from '../../../shared/domain/claims/associations.js';
import { type Claim, CLAIM_EVENT_TYPES, type ClaimEvent } from '../../../shared/domain/claims/types.js';
import { baData, ev, mwsData, run } from './fixtures.js';

const HOUR = 3_600_000;
const START = Date.parse('2026-10-01T00:00:00Z');

/**
 * A stream valid in time order: a creating submission, then at each step one of the events the claim
 * accepts at that time (picked by `choices`), `gaps` hours apart.
 */
function validStream(area: 'mws' | 'ba', choices: number[], gaps: number[]): ClaimEvent[] {
  const data = area === 'mws' ? mwsData() : baData({ subscriptionExpires: '2027-03-31' });
  let t = START;
  const first: ClaimEvent = {
    eventId: 'ev-00',
    type: 'submitted',
    occurredAt: new Date(t).toISOString(),
    partnerId: '4100002',
    claimId: 'c-1',
    claim: data,
  };
  const events = [first];
  let claim = run([first]);
  choices.forEach((choice, i) => {
    t += (gaps[i] ?? 24) * HOUR;
    const candidates = CLAIM_EVENT_TYPES.filter((type) => type !== 'drafted' && type !== 'submitted')
      .map((type): ClaimEvent => {
        const e: ClaimEvent = {
          eventId: `ev-${String(i + 1).padStart(2, '0')}`,
          type,
          occurredAt: new Date(t).toISOString(),
          partnerId: '4100002',
          claimId: 'c-1',
        };
        if (type === 'rejected') e.reason = 'insufficient-proof';
        return e;
      })
      .filter((e) => {
        const r = applyClaimEvent(claim, e);
        return r.ok && r.outcome === 'applied';
      });
    const pick = candidates[choice % Math.max(1, candidates.length)];
    if (!pick) return;
    events.push(pick);
    claim = run([pick], claim);
  });
  return events;
}

/** Delivers `arrivals` in order; refused events are delivered again after the others, until no progress. */
function deliver(arrivals: readonly ClaimEvent[]): { claim: Claim | null; changes: ChangeEvent[]; undelivered: number } {
  let claim: Claim | null = null;
  const changes: ChangeEvent[] = [];
  let pending = [...arrivals];
  for (;;) {
    const refused: ClaimEvent[] = [];
    for (const e of pending) {
      const r = applyClaimEvent(claim, e);
      if (!r.ok) refused.push(e);
      else {
        claim = r.claim;
        changes.push(...r.effects);
      }
    }
    if (refused.length === 0 || refused.length === pending.length) return { claim, changes, undelivered: refused.length };
    pending = refused;
  }
}

/**
 * What the pipeline stores from a sequence of association changes (last writer wins), without the
 * stamps: they tell when the news arrived, which depends on the arrival order by nature.
 */
function stored(changes: readonly ChangeEvent[]): unknown {
  let doc: PartnerDoc | null = null;
  for (const c of changes) doc = applyChanges(doc, [c]).doc;
  if (!doc || doc.docType !== 'customer') return doc;
  return Object.fromEntries(Object.entries(doc.associations).map(([k, { observedAt: _stamp, ...entry }]) => [k, entry]));
}

/** The claim without its association stamp (the one field that records the arrival order). */
const settled = (claim: Claim | null) => (claim ? { ...claim, associationsObservedAt: undefined } : claim);

const streamArb = fc.record({
  area: fc.constantFrom<'mws' | 'ba'>('mws', 'ba'),
  choices: fc.array(fc.nat(20), { minLength: 0, maxLength: 9 }),
  gaps: fc.array(fc.integer({ min: 1, max: 24 * 20 }), { minLength: 9, maxLength: 9 }),
});

describe('idempotence and out-of-order delivery', () => {
  it('the same event twice is a duplicate: nothing changes, no effects', () => {
    const submitted = ev('submitted', '2026-11-02', { claim: mwsData() });
    const approved = ev('approved', '2026-11-04');
    const claim = run([submitted, approved]);
    expect(applyClaimEvent(claim, approved)).toEqual({ ok: true, outcome: 'duplicate', claim, effects: [] });
    expect(applyClaimEvent(claim, submitted)).toMatchObject({ ok: true, outcome: 'duplicate', claim });
  });

  it("an event older than the status's event is recorded in time order but does not regress the status", () => {
    const claim = run([
      ev('submitted', '2026-11-02', { claim: mwsData() }),
      ev('review-started', '2026-11-03'),
      ev('approved', '2026-11-10'),
    ]);
    // A rejection dated before the approval arrives late (the stream is not valid in order).
    const late = ev('rejected', '2026-11-05');
    const r = applyClaimEvent(claim, late);
    expect(r).toMatchObject({ ok: true, outcome: 'recorded-late', effects: [] });
    if (!r.ok) return;
    expect(r.claim.status).toBe('approved');
    expect(r.claim.statusEventId).toBe(claim.statusEventId);
    expect(r.claim.history.map((h) => h.type)).toEqual(['submitted', 'review-started', 'rejected', 'approved']);
    expect(r.claim.approvedOn).toBe('2026-11-10');
  });

  it('a customer decline reported late still ends the association (the decision stands)', () => {
    const claim = run([
      ev('submitted', '2026-11-02', { claim: mwsData({ workloads: ['Teams'] }) }),
      ev('approved', '2026-11-04'),
      ev('opt-out-window-closed', '2026-11-20'),
    ]);
    const r = applyClaimEvent(claim, ev('customer-declined', '2026-11-16'));
    expect(r).toMatchObject({ ok: true, outcome: 'recorded-late', claim: { status: 'approved', approvedOn: null } });
    if (r.ok)
      expect(r.effects).toEqual([expect.objectContaining({ workload: 'Teams', from: '2026-11-04', to: '2026-11-16', deleted: false })]);
  });

  it('a newer event not allowed from the current status is refused and not recorded', () => {
    const claim = run([ev('submitted', '2026-11-02', { claim: mwsData() })]);
    const r = applyClaimEvent(claim, ev('dispute-upheld', '2026-11-04'));
    expect(r).toMatchObject({ ok: false, code: 'not-allowed', status: 'submitted' });
  });

  it('property: any shuffle with duplicates of a stream valid in order ends in the same claim and the same stored associations', () => {
    fc.assert(
      fc.property(
        streamArb.chain((s) => {
          const events = validStream(s.area, s.choices, s.gaps);
          return fc.record({
            events: fc.constant(events),
            arrivals: fc
              .tuple(fc.shuffledSubarray(events, { minLength: 0 }), fc.array(fc.nat(1000), { minLength: 0, maxLength: events.length * 2 }))
              .chain(([dups, keys]) => {
                const all = [...events, ...dups];
                return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }).map((shuffled) => ({ shuffled, keys }));
              }),
          });
        }),
        ({ events, arrivals }) => {
          const ordered = deliver(events);
          expect(ordered.undelivered).toBe(0);
          const shuffled = deliver(arrivals.shuffled);
          expect(shuffled.undelivered).toBe(0);
          expect(settled(shuffled.claim)).toEqual(settled(ordered.claim));
          expect(stored(shuffled.changes)).toEqual(stored(ordered.changes));
          // …and what is stored is exactly what the claim says.
          expect(stored(shuffled.changes)).toEqual(stored(ordered.claim ? associationChanges(ordered.claim) : []));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the generated streams cover approvals, declines, disputes and expiries', () => {
    // A guard against a generator that only ever produces short, effect-free streams.
    const seen = new Set<string>();
    fc.assert(
      fc.property(streamArb, (s) => {
        for (const e of validStream(s.area, s.choices, s.gaps)) seen.add(e.type);
      }),
      { numRuns: 400 },
    );
    for (const type of [
      'approved',
      'customer-declined',
      'disputed',
      'dispute-upheld',
      'dispute-denied',
      'partner-disassociated',
      'subscription-expired',
      'opt-out-window-closed',
      'action-required',
      'partner-responded',
    ]) {
      expect(seen.has(type), type).toBe(true);
    }
  });
});
