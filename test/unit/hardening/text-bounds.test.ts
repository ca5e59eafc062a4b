// Issue 11 §10: every string field of change events, claim events and profile fields is bounded in its
// zod schema (names 500, free text 2,000, ids per the id rule): a 1 MB name is a 400, never stored.
import { describe, expect, it } from 'vitest';

import { parseChangeEvents } from '../../../shared/domain/changes/validate.js';
import { parseClaimEvent } from '../../../shared/domain/claims/schema.js';
import { MAX_NAME_CHARS, MAX_TEXT_CHARS } from '../../../shared/domain/limits.js';
import { mwsData } from '../claims/fixtures.js';
import { webhooks } from './support.js';

const MB = 'n'.repeat(1_000_000);
const observedAt = '2026-11-21T07:00:00Z';

describe('free text is bounded', () => {
  it.each([
    [{ fact: 'profile', partnerId: 'p', observedAt, name: MB }, 'name'],
    [{ fact: 'profile', partnerId: 'p', observedAt, preferredLanguage: `en${'-abcd'.repeat(10_000)}` }, 'preferredLanguage'],
    [{ fact: 'profile', partnerId: 'p', observedAt, contacts: Array(200).fill('a@b.example') }, 'contacts'],
    [{ fact: 'certification', partnerId: 'p', personId: 'x', name: MB, earned: '2025-01-01', observedAt }, 'name'],
    [{ fact: 'association', partnerId: 'p', tenantId: 't', type: 'CSP_T1', workload: MB, from: '2025-01-01', observedAt }, 'workload'],
    [
      {
        fact: 'usage',
        partnerId: 'p',
        tenantId: 't',
        kind: 'azure',
        month: '2026-10',
        service: MB,
        association: 'CSP_T1',
        acrUsd: 1,
        observedAt,
      },
      'service',
    ],
  ])('change %#: %s too long → 400 naming the field', async (change, field) => {
    const parsed = parseChangeEvents([change]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.path)).toContain(field);
    const t = webhooks();
    const answer = await t.post('changes', [change]);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body).length).toBeLessThan(3_000);
    expect(t.bus.sent).toHaveLength(0);
  });

  it('names up to 500 characters are accepted', () => {
    expect(parseChangeEvents([{ fact: 'profile', partnerId: 'p', observedAt, name: 'n'.repeat(MAX_NAME_CHARS) }]).ok).toBe(true);
  });

  it('claim events: contact names, notes, proofs, workloads are bounded', () => {
    const base = { type: 'submitted', eventId: 'e', partnerId: 'p', claimId: 'c', occurredAt: observedAt };
    const data: Record<string, unknown> = { ...mwsData({ workloads: ['Teams'] }) };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, claim: { ...data, customerContact: { name: MB, email: 'a@b.example' } } }, 'claim.customerContact.name'],
      [{ ...base, note: 'x'.repeat(MAX_TEXT_CHARS + 1), claim: data }, 'note'],
      [{ ...base, claim: { ...data, proofOfExecution: MB } }, 'claim.proofOfExecution'],
      [{ ...base, claim: { ...data, workloads: Array(101).fill('Teams') } }, 'claim.workloads'],
      [{ ...base, claim: { ...data, tenantId: MB } }, 'claim.tenantId'],
    ];
    for (const [event, path] of cases) {
      const parsed = parseClaimEvent(event);
      expect(parsed.ok, path).toBe(false);
      if (!parsed.ok)
        expect(
          parsed.errors.map((e) => e.path),
          path,
        ).toContain(path);
    }
    expect(parseClaimEvent({ ...base, claim: data }).ok).toBe(true);
  });
});
