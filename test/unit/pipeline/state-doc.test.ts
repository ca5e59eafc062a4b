import { describe, expect, it } from 'vitest';
import type { OutboxEntry, Transition } from '../../../shared/domain/status/index.js';
import { boundTransitions, mergeOutbox, type StoredOutboxEntry } from '../../../shared/pipeline/state-doc.js';

const entry = (id: string): OutboxEntry => ({
  id, partnerId: 'p', area: 'security', kind: 'qualified', day: '2026-11-21', status: 'qualified', cause: 'qualifying-day-in-window', anniversary: null, eligibleToRenew: null, reminder: null,
});
const stored = (id: string, dispatched: boolean): StoredOutboxEntry => ({ ...entry(id), dispatched, dispatchedAt: dispatched ? '2026-11-21T06:00:00Z' : null });

describe('state document bounds', () => {
  it('adds outbox entries by id, keeping the dispatched flag of those already there', () => {
    const out = mergeOutbox([stored('a', true), stored('b', false)], [entry('a'), entry('b'), entry('c')]);
    expect(out.map((e) => [e.id, e.dispatched])).toEqual([['a', true], ['b', false], ['c', false]]);
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
