// The merge rule of docs/guidance.md on raw contract JSON: appended customers and people, appended
// usage/associations/certifications for ids already present, omitted associations becoming a list.
import { describe, expect, it } from 'vitest';

import { parseFacts } from '../../../shared/domain/facts/schema.js';
import { mergeAll, mergeFacts } from '../../../shared/domain/guidance/merge.js';
import { currentRules } from '../../../shared/domain/rules/load.js';
import { scorePartner } from '../../../shared/domain/scoring/score-partner.js';

const raw = () => ({
  partnerId: 'p',
  asOf: '2026-11-21',
  customers: [
    { tenantId: 'a', usage: [{ month: '2026-10', kind: 'azure', service: 'Storage', acrUsd: 900, association: 'PAL' }] },
    { tenantId: 'b', associations: [{ type: 'PAL', from: '2025-01-01' }], usage: [] },
  ],
  people: [{ id: 'p1', linkedFrom: '2025-01-01', certifications: [{ name: 'Azure Administrator Associate', earned: '2025-02-01' }] }],
});

describe('mergeFacts', () => {
  it('appends a new customer and a new person, leaving the input unchanged', () => {
    const input = raw();
    const before = JSON.stringify(input);
    const merged = mergeFacts(input, {
      customers: [
        {
          tenantId: 'plan-customer-1',
          segment: 'smb',
          usage: [{ month: '2026-10', kind: 'azure', service: 'Key Vault', acrUsd: 1, association: 'PAL' }],
        },
      ],
      people: [
        {
          id: 'plan-person-1',
          linkedFrom: '2026-11-21',
          linkedTo: null,
          certifications: [{ name: 'X', earned: '2026-11-21', expires: null }],
        },
      ],
    });
    expect(JSON.stringify(input)).toBe(before);
    expect((merged.customers as { tenantId: string }[]).map((c) => c.tenantId)).toEqual(['a', 'b', 'plan-customer-1']);
    expect((merged.people as { id: string }[]).map((p) => p.id)).toEqual(['p1', 'plan-person-1']);
  });

  it('appends usage and associations to a tenant already present; omitted associations become the list', () => {
    const merged = mergeFacts(raw(), {
      customers: [
        {
          tenantId: 'a',
          associations: [{ type: 'DPOR', from: '2026-10-01', to: null }],
          usage: [{ month: '2026-10', kind: 'azure', service: 'Storage', acrUsd: 100, association: 'DPOR' }],
        },
        { tenantId: 'b', associations: [{ type: 'CSP_T1', from: '2026-10-01', to: null }] },
      ],
    });
    const [a, b] = merged.customers as Record<string, unknown[]>[];
    expect(a!.associations).toEqual([{ type: 'DPOR', from: '2026-10-01', to: null }]);
    expect(a!.usage).toHaveLength(2);
    expect(b!.associations).toHaveLength(2);
    // With a list, a's PAL record no longer counts: only the DPOR one (100 USD) does, as the contract says.
    const parsed = parseFacts(merged);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const facts = parsed.facts;
    const usage = scorePartner(facts, currentRules()).areas.dataAi.metrics.deployments;
    expect(usage?.value).toBe(1);
    expect(facts.customers[0]!.associations).toHaveLength(1);
  });

  it('appends certifications to a person already present and combines several deltas in order', () => {
    const merged = mergeAll(raw(), [
      { people: [{ id: 'p1', certifications: [{ name: 'Azure Solutions Architect Expert', earned: '2026-11-21', expires: null }] }] },
      { people: [{ id: 'p1', certifications: [{ name: 'Azure Network Engineer Associate', earned: '2026-11-21', expires: null }] }] },
    ]);
    const people = merged.people as { id: string; linkedFrom: string; certifications: { name: string }[] }[];
    expect(people).toHaveLength(1);
    expect(people[0]!.linkedFrom).toBe('2025-01-01');
    expect(people[0]!.certifications.map((c) => c.name)).toEqual([
      'Azure Administrator Associate',
      'Azure Solutions Architect Expert',
      'Azure Network Engineer Associate',
    ]);
  });

  it('creates the lists a document leaves out', () => {
    const merged = mergeFacts(
      { partnerId: 'p', asOf: '2026-11-21' },
      {
        customers: [{ tenantId: 't', usage: [] }],
        people: [{ id: 'x', linkedFrom: '2026-11-21', certifications: [] }],
      },
    );
    expect(merged.customers).toEqual([{ tenantId: 't', usage: [] }]);
    expect(merged.people).toEqual([{ id: 'x', linkedFrom: '2026-11-21', certifications: [] }]);
  });
});
