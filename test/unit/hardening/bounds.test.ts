// Issue 11 §4 and §5: deep nesting and amplification are bounded at the door — a 400 with a JSON error,
// no stack overflow, no per-item work for a million items, and a small stored answer.
import { describe, expect, it } from 'vitest';

import {
  jsonBoundsProblem,
  MAX_CHANGES_PER_DELIVERY,
  MAX_REPORTED_ERRORS,
  parseChangeEvents,
} from '../../../shared/domain/changes/validate.js';
import { nested, nestedText, webhooks } from './support.js';

const change = {
  fact: 'association',
  partnerId: '4100001',
  tenantId: 't-1',
  type: 'CSP_T1',
  from: '2025-01-01',
  observedAt: '2026-11-21T07:00:00Z',
};

describe('deep nesting (§4)', () => {
  it('10,000 levels in an enum field: 400 naming the depth, from both endpoints and from parseChangeEvents', async () => {
    const t = webhooks();
    const deepText = `[${JSON.stringify(change).replace('"CSP_T1"', nestedText(10_000))}]`;
    const a = await t.post('changes', deepText);
    expect(a.status).toBe(400);
    expect((a.body as { error: string }).error).toMatch(/nested deeper than 32 levels/);
    const b = await t.post(
      'claims',
      `{"type":"submitted","eventId":"e","partnerId":"p","claimId":"c","occurredAt":"2026-11-21","claim":${nestedText(10_000)}}`,
    );
    expect(b.status).toBe(400);
    expect((b.body as { error: string }).error).toMatch(/nested deeper/);
    const parsed = parseChangeEvents(JSON.parse(deepText));
    expect(parsed.ok).toBe(false);
    expect(jsonBoundsProblem(nested(100_000))).toMatch(/deeper/);
    expect(t.bus.sent).toHaveLength(0);
  });
});

describe('amplification (§5)', () => {
  it('a 2 MB body of [1,1,…]: 400 at once without validating the items; the stored answer is small', async () => {
    const t = webhooks();
    const body = `[${Array(1_000_000).fill('1').join(',')}]`;
    expect(body.length).toBeGreaterThan(1_900_000);
    const a = await t.post('changes', body);
    expect(a.status).toBe(400);
    expect((a.body as { error: string }).error).toMatch(new RegExp(`at most ${MAX_CHANGES_PER_DELIVERY}`));
    const { deliveries } = t.stored();
    expect(deliveries).toHaveLength(1);
    expect(JSON.stringify(deliveries[0]).length).toBeLessThan(2_000);
    const c = await t.post('claims', {
      type: 'submitted',
      eventId: 'e',
      partnerId: 'p',
      claimId: 'c',
      occurredAt: '2026-11-21',
      claim: { workloads: Array(100_000).fill(1) },
    });
    expect(c.status).toBe(400);
  });

  it('4,000 bad changes: the first 100 problems listed, then "… and K more"; the stored answer is bounded', async () => {
    const t = webhooks();
    const a = await t.post('changes', Array(4_000).fill({ fact: 'association', partnerId: 'p' }));
    expect(a.status).toBe(400);
    const body = a.body as { error: string; errors: unknown[]; moreErrors: number };
    expect(body.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(body.moreErrors).toBeGreaterThan(3_000);
    expect(body.error).toMatch(/… and \d+ more/);
    expect(JSON.stringify(t.stored().deliveries[0]).length).toBeLessThan(30_000);
  });

  it('a huge value is quoted in a message cut short, not echoed whole', async () => {
    const t = webhooks();
    const a = await t.post('changes', [{ ...change, type: 'x'.repeat(1_000_000) }]);
    expect(a.status).toBe(400);
    expect(JSON.stringify(a.body).length).toBeLessThan(2_000);
  });
});
