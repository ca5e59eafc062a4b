import { describe, expect, it } from 'vitest';

import { type ChangeEvent, changeEventSchema, naturalKey, normalizeTimestamp } from '../../../shared/domain/changes/events.js';
import { makeMessage, messageId, messagesFor, partnerChangeMessageSchema } from '../../../shared/domain/changes/message.js';
import { parseChangeEvents } from '../../../shared/domain/changes/validate.js';

const at = '2026-11-01T06:00:00Z';
const parse = (input: Record<string, unknown>) => changeEventSchema.safeParse({ partnerId: 'P1', observedAt: at, ...input });
const ok = (input: Record<string, unknown>): ChangeEvent => {
  const r = parse(input);
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data;
};
const issues = (input: Record<string, unknown>) => {
  const r = parse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('change events: validation follows the contract', () => {
  it('normalizes observedAt to UTC and requires a zone on a time', () => {
    expect(normalizeTimestamp('2026-11-01T07:00:00+01:00')).toBe('2026-11-01T06:00:00.000Z');
    expect(normalizeTimestamp('2026-11-01')).toBe('2026-11-01T00:00:00.000Z');
    expect(normalizeTimestamp('2026-11-01T07:00:00')).toBeNull();
    expect(normalizeTimestamp('2026-02-30')).toBeNull();
  });

  it('rejects unreal dates, unknown enumerations, negative or fractional seats, to before from', () => {
    expect(issues({ fact: 'association', tenantId: 't', type: 'PAL', from: '2026-02-30' })).toEqual([
      expect.stringMatching(/^from: not a real date/),
    ]);
    expect(issues({ fact: 'association', tenantId: 't', type: 'Reseller', from: '2026-01-01' })[0]).toMatch(/^type/);
    expect(issues({ fact: 'association', tenantId: 't', type: 'PAL', from: '2026-01-01', to: '2025-01-01' })[0]).toMatch(/^to: .*before/);
    expect(
      issues({
        fact: 'usage',
        tenantId: 't',
        kind: 'm365',
        month: '2026-10',
        workload: 'Teams',
        association: 'CPOR',
        paidSeats: -1,
        activeUsers: 1,
      })[0],
    ).toMatch(/^paidSeats/);
    expect(
      issues({
        fact: 'usage',
        tenantId: 't',
        kind: 'm365',
        month: '2026-10',
        workload: 'Teams',
        association: 'CPOR',
        paidSeats: 1.5,
        activeUsers: 1,
      })[0],
    ).toMatch(/^paidSeats/);
    expect(issues({ fact: 'usage', tenantId: 't', kind: 'azure', month: '2026-10', service: 'X', association: 'PAL' })).toEqual([
      'acrUsd: required acrUsd is missing',
    ]);
    expect(
      issues({ fact: 'usage', tenantId: 't', kind: 'azure', month: '2026-10', service: 'X', association: 'PAL', acrUsd: -20 }),
    ).toEqual([]); // credits
    expect(
      issues({ fact: 'usage', tenantId: 't', kind: 'bizapps', month: '2026-10', association: 'CPOR', revenueUsd: 1, activeUsers: 1 })[0],
    ).toMatch(/^workload/);
    expect(issues({ fact: 'profile', enrollment: { anniversary: '2026-12-10', areas: ['modernwork'] } })[0]).toMatch(/^enrollment.areas/);
  });

  it('§3.4: enrollment.anniversary is the next anniversary; one whose renewal window closed before observedAt is refused', () => {
    expect(issues({ fact: 'profile', enrollment: { anniversary: '2026-10-03', areas: ['modernWork'] } })).toEqual([]); // renewal due
    expect(issues({ fact: 'profile', enrollment: { anniversary: '2026-10-02', areas: ['modernWork'] } })).toEqual([
      expect.stringMatching(/^enrollment\.anniversary: "2026-10-02" is past/),
    ]);
    expect(
      parseChangeEvents([
        { fact: 'profile', partnerId: 'P1', observedAt: at, enrollment: { anniversary: '2025-01-01', areas: ['security'] } },
      ]),
    ).toMatchObject({
      ok: false,
      errors: [{ index: 0, path: 'enrollment.anniversary' }],
    });
  });

  it('needs only the key on a deletion', () => {
    expect(
      issues({ fact: 'usage', tenantId: 't', kind: 'azure', month: '2026-10', service: 'X', association: 'PAL', deleted: true }),
    ).toEqual([]);
    expect(issues({ fact: 'person', personId: 'a', deleted: true })).toEqual([]);
    expect(issues({ fact: 'person', personId: 'a' })).toEqual(['linkedFrom: required linkedFrom is missing']);
  });

  it('keys usage by kind, month, service/workload, offer, association and activity', () => {
    const azure = { fact: 'usage', tenantId: 't', kind: 'azure', month: '2026-10', service: 'Key Vault', association: 'PAL', acrUsd: 1 };
    expect(naturalKey(ok(azure))).toBe(naturalKey(ok({ ...azure, service: 'key vault ', acrUsd: 2, offer: 'standard' })));
    expect(naturalKey(ok(azure))).not.toBe(naturalKey(ok({ ...azure, offer: 'trial' })));
    expect(naturalKey(ok(azure))).not.toBe(naturalKey(ok({ ...azure, association: 'CSP_T1' })));
    const m365 = {
      fact: 'usage',
      tenantId: 't',
      kind: 'm365',
      month: '2026-10',
      workload: 'Teams',
      association: 'CPOR',
      paidSeats: 1,
      activeUsers: 1,
    };
    expect(naturalKey(ok(m365))).not.toBe(naturalKey(ok({ ...m365, cporActivity: 'use-consume' })));
  });

  it('keys associations by type, workload and from — not by activity or to', () => {
    const a = { fact: 'association', tenantId: 't', type: 'CPOR', workload: 'Teams', from: '2026-01-01' };
    expect(naturalKey(ok(a))).toBe(naturalKey(ok({ ...a, to: '2026-12-31', cporActivity: 'use-consume' })));
    expect(naturalKey(ok(a))).not.toBe(naturalKey(ok({ ...a, workload: null })));
    expect(naturalKey(ok({ ...a, workload: '' }))).toBe(naturalKey(ok({ ...a, workload: null })));
  });
});

describe('push validation', () => {
  it('accepts an array or {changes}, and lists every problem with its index and field', () => {
    const good = { fact: 'person', partnerId: 'P1', personId: 'a', linkedFrom: '2025-01-01', observedAt: at };
    expect(parseChangeEvents([good])).toMatchObject({ ok: true, changes: [{ personId: 'a' }] });
    expect(parseChangeEvents({ changes: [good] }).ok).toBe(true);
    expect(parseChangeEvents({ nope: 1 })).toMatchObject({ ok: false });
    const bad = parseChangeEvents([good, { ...good, linkedFrom: '2025-13-01' }, { ...good, fact: 'other' }]);
    expect(bad).toEqual({
      ok: false,
      errors: [
        { index: 1, path: 'linkedFrom', message: 'not a real date "2025-13-01" (expected YYYY-MM-DD)' },
        { index: 2, path: 'fact', message: 'unknown fact "other"' },
      ],
    });
  });
});

describe('messages', () => {
  const c1 = ok({ fact: 'person', personId: 'a', linkedFrom: '2025-01-01' });
  const c2 = ok({ fact: 'person', personId: 'b', linkedFrom: '2025-01-01' });

  it('have deterministic content ids, independent of order inside the batch and of the source', () => {
    expect(messageId('P1', [c1, c2])).toBe(messageId('P1', [c2, c1]));
    expect(makeMessage('P1', [c1], { file: 'a.csv' }).id).toBe(makeMessage('P1', [c1], { file: 'b.csv', line: 9 }).id);
    expect(messageId('P1', [c1])).not.toBe(messageId('P1', [c2]));
    expect(messageId('P1', [c1])).not.toBe(messageId('P1', [{ ...c1, observedAt: '2026-11-02T00:00:00.000Z' }]));
    expect(messageId('P1', [])).not.toBe(messageId('P1', [], { kind: 'person', observedAt: at, rows: 0 }));
    expect(messageId('P1', [c1]).length).toBeLessThanOrEqual(128);
  });

  it('refuse a change of another partner and round-trip through JSON', () => {
    expect(() => makeMessage('P2', [c1])).toThrow();
    const m = makeMessage('P1', [c1, c2], { file: 'x.csv', line: 2 }, { kind: 'person', observedAt: '2026-11-01T06:00:00.000Z', rows: 2 });
    expect(partnerChangeMessageSchema.parse(JSON.parse(JSON.stringify(m)))).toEqual(m);
  });

  it('messagesFor splits pushed changes per partner and batch', () => {
    const p2 = ok({ fact: 'person', partnerId: 'P2', personId: 'a', linkedFrom: '2025-01-01' });
    const messages = messagesFor([c1, p2, c2], { webhookId: 'msg_1' }, 1);
    expect(messages.map((m) => [m.partnerId, m.changes.length])).toEqual([
      ['P1', 1],
      ['P1', 1],
      ['P2', 1],
    ]);
  });
});
