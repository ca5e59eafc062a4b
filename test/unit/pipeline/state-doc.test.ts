import { describe, expect, it } from 'vitest';

import { AREAS } from '../../../shared/domain/facts/types.js';
import { currentRules } from '../../../shared/domain/rules/load.js';
import { addDays } from '../../../shared/domain/status/days.js';
import { HISTORY_MONTHS, historyStart } from '../../../shared/domain/status/history.js';
import { advanceDesignations } from '../../../shared/domain/status/machine.js';
import { type OutboxEntry } from '../../../shared/domain/status/outbox.js';
import { type BackfillDay, type Transition } from '../../../shared/domain/status/types.js';
import { computePartner } from '../../../shared/pipeline/compute.js';
import {
  boundTransitions,
  MAX_DISPATCHED_OUTBOX,
  MAX_TRANSITIONS,
  mergeOutbox,
  type StoredOutboxEntry,
} from '../../../shared/pipeline/state-doc.js';
import { sampleDocs } from './sample-docs.js';

const entry = (id: string): OutboxEntry => ({
  id,
  partnerId: 'p',
  area: 'security',
  kind: 'qualified',
  day: '2026-11-21',
  status: 'qualified',
  cause: 'qualifying-day-in-window',
  anniversary: null,
  eligibleToRenew: null,
  reminder: null,
});
const stored = (id: string, dispatched: boolean): StoredOutboxEntry => ({
  ...entry(id),
  dispatched,
  dispatchedAt: dispatched ? '2026-11-21T06:00:00Z' : null,
});

describe('state document bounds', () => {
  it('adds outbox entries by id, keeping the dispatched flag of those already there', () => {
    const out = mergeOutbox([stored('a', true), stored('b', false)], [entry('a'), entry('b'), entry('c')]);
    expect(out.map((e) => [e.id, e.dispatched])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
  });
  it('drops the oldest dispatched entries beyond the bound, never an undispatched one', () => {
    const prev = [stored('u0', false), ...Array.from({ length: 5 }, (_, i) => stored(`d${i}`, true))];
    const out = mergeOutbox(prev, [entry('new')], 3);
    expect(out.map((e) => e.id)).toEqual(['u0', 'd2', 'd3', 'd4', 'new']);
  });
  it('keeps the last transitions', () => {
    const ts = Array.from({ length: 5 }, (_, i) => ({ id: `t${i}` }) as Transition);
    expect(boundTransitions(ts, 3).map((t) => t.id)).toEqual(['t2', 't3', 't4']);
    expect(boundTransitions(ts).length).toBe(5);
  });
});

describe('state document size with 25 months of history (Cosmos DB items: 2 MB at most)', () => {
  it('stays under 1 MB with every bound full: 25 months × 6 areas, all backfilled, transitions and dispatched outbox at their bounds', async () => {
    const today = '2026-11-21';
    const partnerId = 'p'.repeat(64); // a long id, repeated in every transition and outbox entry
    // Every kept day, every area, with a 17-digit total (the longest a double prints) and the backfilled flag.
    const backfill: BackfillDay[] = [];
    for (let d = historyStart(today), i = 0; d < today; d = addDays(d, 1), i++) {
      backfill.push({
        day: d,
        areaResults: Object.fromEntries(AREAS.map((a) => [a, { total: 72.49999999999999 - i * 1e-9, qualifies: true }])),
      });
    }
    const designations = advanceDesignations(null, {
      partnerId,
      today,
      classifiedAzureTrack: 'enterprise',
      backfill,
      areaResults: Object.fromEntries(AREAS.map((a) => [a, { total: 72.49999999999999, qualifies: true }])),
    }).state;
    expect(HISTORY_MONTHS).toBe(25);
    expect(designations.areas.security.history.length).toBeGreaterThan(750);

    const scored = computePartner({
      partnerId: '4100001',
      ...(await sampleDocs('4100001')),
      previous: null,
      today,
      asOf: today,
      rules: currentRules(),
    });
    const transition: Transition = {
      id: `${partnerId}:digitalAppInnovation:no-longer-qualified:2026-11-21~2`,
      partnerId,
      area: 'digitalAppInnovation',
      day: today,
      from: 'renewalDue',
      to: 'inProgress',
      cause: 'window-closed-without-qualifying-day',
      anniversary: '2026-11-01',
      previousAnniversary: '2025-11-01',
      source: 'automatic',
    };
    const outboxEntry = (i: number, dispatched: boolean): StoredOutboxEntry => ({
      ...entry(`${partnerId}:digitalAppInnovation:renewal-reminder:2026-11-01:reminder-${i}`),
      partnerId,
      area: 'digitalAppInnovation',
      kind: 'renewal-reminder',
      status: 'renewalDue',
      anniversary: '2026-11-01',
      eligibleToRenew: false,
      reminder: `days-before-30`,
      dispatched,
      dispatchedAt: dispatched ? '2026-11-21T06:00:00.000Z' : null,
    });
    const doc = {
      id: 'state',
      docType: 'state',
      partnerId,
      schemaVersion: 1,
      designations,
      transitions: Array.from({ length: MAX_TRANSITIONS }, () => transition),
      // The dispatched bound, plus as many undispatched again (never dropped; normally a handful).
      outbox: Array.from({ length: 2 * MAX_DISPATCHED_OUTBOX }, (_, i) => outboxEntry(i, i < MAX_DISPATCHED_OUTBOX)),
      score: scored.score,
      scoring: { today, asOf: today, enrollment: null, classifiedAzureTrack: 'enterprise', rulesVersion: scored.score.rulesVersion },
      factsVersion: 'f'.repeat(64),
      lastChangeAt: '2026-11-21T06:00:00.000Z',
      computedAt: '2026-11-21T06:00:00.000Z',
      _rid: 'x'.repeat(20),
      _self: 'x'.repeat(60),
      _etag: '"' + 'x'.repeat(36) + '"',
      _attachments: 'attachments/',
      _ts: 1_790_000_000,
    };
    const part = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');
    const bytes = part(doc);
    console.log(
      `state document, every bound full: ${bytes} bytes (designations ${part(designations)}, of which one area's history ` +
        `${part(designations.areas.security.history)}; transitions ${part(doc.transitions)}; outbox ${part(doc.outbox)}; score ${part(doc.score)})`,
    );
    expect(bytes).toBeLessThan(1_000_000);
  });
});
