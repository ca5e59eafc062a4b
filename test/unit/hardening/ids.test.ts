// Issue 11 §1: one id rule (shared/domain/ids.ts) at every door — change events, claim events, the read
// API's route parameter, notification messages — so nothing accepted with 202 is then lost or unmailable.
import { describe, expect, it } from 'vitest';

import { partnerIdParam } from '../../../shared/api/params.js';
import { customerDocId, personDocId } from '../../../shared/domain/changes/docs.js';
import { parseChangeEvents } from '../../../shared/domain/changes/validate.js';
import { parseClaimEvent, partnerIdSchema } from '../../../shared/domain/claims/schema.js';
import { idProblem, idSchema, logId, quote } from '../../../shared/domain/ids.js';
import { notificationMessageSchema } from '../../../shared/notifications/message.js';
import { webhooks } from './support.js';

const BAD_IDS: [string, string][] = [
  ['x\ud800', 'tenantId'],
  ['\udc00x', 'personId'],
  ['y'.repeat(20_000), 'partnerId'],
  ['a b', 'partnerId'],
  ['a/b', 'tenantId'],
  ['a\u0000b', 'personId'],
];

const association = {
  fact: 'association',
  partnerId: '4100001',
  tenantId: 't-1',
  type: 'CSP_T1',
  from: '2025-01-01',
  observedAt: '2026-11-21T07:00:00Z',
};
const person = { fact: 'person', partnerId: '4100001', personId: 'p-1', linkedFrom: '2025-01-01', observedAt: '2026-11-21T07:00:00Z' };

describe('the id rule', () => {
  it('accepts plain ids (GUIDs, numbers, emails) and refuses the rest with why', () => {
    for (const ok of ['4100001', '6f1c2d3e-0000-4000-8000-000000000001', 'ann@contoso.com', 'x'.repeat(128)])
      expect(idProblem(ok)).toBeNull();
    expect(idProblem('x'.repeat(129))).toMatch(/at most 128/);
    expect(idProblem('x\ud800')).toMatch(/surrogate/);
    expect(idProblem('a b')).toMatch(/spaces/);
    expect(idSchema.safeParse(' 41 ').data).toBe('41');
  });

  it.each(BAD_IDS)('POST /api/changes: %j as %s → 400 naming the field, nothing sent', async (bad, field) => {
    const t = webhooks();
    const change = field === 'personId' ? { ...person, personId: bad } : { ...association, [field]: bad };
    const answer = await t.post('changes', [change]);
    expect(answer.status).toBe(400);
    expect((answer.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(field);
    expect(JSON.stringify(answer.body).length).toBeLessThan(2_000);
    expect(t.bus.sent).toHaveLength(0);
  });

  it('claims, the route parameter and notifications use the same rule', () => {
    for (const [bad] of BAD_IDS) {
      expect(partnerIdSchema.safeParse(bad).success).toBe(false);
      expect(partnerIdParam.safeParse(bad).success).toBe(false);
    }
    const claim = parseClaimEvent({ type: 'review-started', eventId: 'e', partnerId: 'x\ud800', claimId: 'c', occurredAt: '2026-11-21' });
    expect(claim.ok).toBe(false);
    if (!claim.ok) expect(claim.errors.map((e) => e.path)).toContain('partnerId');
    // A 65-character id is scored, so it is mailed too.
    const long = 'p'.repeat(65);
    expect(parseChangeEvents([{ ...association, partnerId: long }]).ok).toBe(true);
    const entry = {
      id: 'o-1',
      partnerId: long,
      area: 'security',
      kind: 'transition',
      day: '2026-11-21',
      status: 'qualified',
      cause: null,
      anniversary: null,
      eligibleToRenew: null,
      reminder: null,
    };
    const message = notificationMessageSchema.safeParse({ id: 'o-1', partnerId: long, partnerName: 'P', to: [], entry });
    expect(message.error?.issues.filter((i) => i.path[0] === 'partnerId') ?? []).toEqual([]);
  });

  it('document ids never throw "URI malformed"; ids are escaped in logs', () => {
    expect(customerDocId('x\ud800')).toMatch(/^customer:h-[0-9a-f]{64}$/);
    expect(personDocId('x\ud800')).toMatch(/^person:h-/);
    expect(logId('4100001')).toBe('4100001');
    expect(logId('a\nb\ud800')).toBe('"a\\nb\\ud800"');
    expect(quote('z'.repeat(1_000)).length).toBeLessThan(120);
  });
});
