import { describe, expect, it } from 'vitest';

import { parseFacts } from '../../../shared/domain/facts/schema.js';

const base = { partnerId: 'p1', asOf: '2026-11-21' };
const withUsage = (record: Record<string, unknown>) => ({
  ...base,
  customers: [{ tenantId: 't', usage: [{ month: '2026-10', kind: 'azure', service: 'S', acrUsd: 1, association: 'PAL', ...record }] }],
});
const errorsOf = (raw: unknown, asOfOverride?: string) => {
  const result = parseFacts(raw, asOfOverride ? { asOfOverride } : {});
  if (result.ok) throw new Error('expected errors');
  return result.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('parseFacts: defaults', () => {
  it('fills segment, cloud, offer, empty lists; associations omitted or null stay null; [] stays []', () => {
    const result = parseFacts({
      ...base,
      ignored: true,
      customers: [
        { tenantId: 'a', usage: [{ month: '2026-10', kind: 'azure', service: 'S', acrUsd: 1.5, association: 'PAL' }] },
        { tenantId: 'b', associations: null },
        { tenantId: 'c', associations: [] },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [a, b, c] = result.facts.customers;
    expect(a).toMatchObject({ segment: 'enterprise', cloud: 'commercial', associations: null });
    expect(a?.usage[0]).toMatchObject({ offer: 'standard' });
    expect(b).toMatchObject({ associations: null, usage: [] });
    expect(c?.associations).toEqual([]);
    expect(result.facts.people).toEqual([]);
    expect(result.facts.enrollment).toBeNull();
    expect('ignored' in result.facts).toBe(false);
  });
  it('asOfOverride replaces asOf and makes it optional', () => {
    const result = parseFacts({ partnerId: 'p' }, { asOfOverride: '2026-01-31' });
    expect(result.ok && result.facts.asOf).toBe('2026-01-31');
  });
});

describe('parseFacts: validation names the JSON path', () => {
  it.each([
    [{ ...base, partnerId: '' }, 'partnerId'],
    [{ asOf: '2026-11-21' }, 'partnerId'],
    [{ partnerId: 'p' }, 'asOf'],
    [{ ...base, asOf: '2026-02-30' }, 'asOf: not a real date "2026-02-30"'],
    [{ ...base, asOf: '2026-11-21T00:00' }, 'asOf'],
    [withUsage({ month: '2026-13' }), 'customers[0].usage[0].month: not a real month "2026-13"'],
    [withUsage({ kind: 'gcp' }), 'customers[0].usage[0].kind: unknown kind "gcp"'],
    [withUsage({ association: 'csp_t1' }), 'customers[0].usage[0].association: unknown value "csp_t1"'],
    [withUsage({ association: undefined }), 'customers[0].usage[0].association: required'],
    [withUsage({ offer: 'Standard' }), 'customers[0].usage[0].offer'],
    [withUsage({ cporActivity: 'consume' }), 'customers[0].usage[0].cporActivity'],
    [withUsage({ acrUsd: '12' }), 'customers[0].usage[0].acrUsd: expected number, got string'],
    [withUsage({ kind: 'm365', workload: 'Teams', paidSeats: 1.5, activeUsers: 1 }), 'customers[0].usage[0].paidSeats'],
    [withUsage({ kind: 'm365', workload: 'Teams', paidSeats: 1, activeUsers: -1 }), 'customers[0].usage[0].activeUsers'],
    [withUsage({ kind: 'bizapps', workload: 'Sales', revenueUsd: 1 }), 'customers[0].usage[0].activeUsers'],
    [withUsage({ acrUsd: Number.POSITIVE_INFINITY }), 'customers[0].usage[0].acrUsd'],
    [{ ...base, customers: [{ tenantId: 't', segment: 'SMB' }] }, 'customers[0].segment'],
    [{ ...base, customers: [{ tenantId: 't', cloud: 'gov' }] }, 'customers[0].cloud'],
    [{ ...base, customers: [{ tenantId: 't', associations: [{ type: 'CSP', from: '2026-01-01' }] }] }, 'customers[0].associations[0].type'],
    [{ ...base, customers: [{ tenantId: 't', associations: [{ type: 'PAL' }] }] }, 'customers[0].associations[0].from'],
    [
      { ...base, customers: [{ tenantId: 't', associations: [{ type: 'PAL', from: '2026-02-01', to: '2026-01-31' }] }] },
      'customers[0].associations[0].to: "2026-01-31" is before',
    ],
    [{ ...base, customers: [{ tenantId: 't' }, { tenantId: 't' }] }, 'customers[1].tenantId: duplicate tenantId "t"'],
    [
      {
        ...base,
        people: [
          { id: 'x', linkedFrom: '2026-01-01' },
          { id: 'x', linkedFrom: '2026-01-01' },
        ],
      },
      'people[1].id: duplicate id',
    ],
    [
      { ...base, people: [{ id: 'x', linkedFrom: '2026-01-01', certifications: [{ name: 'A', earned: '2025-02-29' }] }] },
      'people[0].certifications[0].earned',
    ],
    [{ ...base, enrollment: { anniversary: '2026-01-01', areas: ['DataAi'] } }, 'enrollment.areas[0]'],
    [{ ...base, enrollment: { anniversary: '2026-01-01', azureTrack: 'Enterprise' } }, 'enrollment.azureTrack'],
    [{ ...base, customers: {} }, 'customers: expected array, got object'],
  ])('rejects %j at %s', (raw, expected) => {
    expect(errorsOf(raw).some((e) => e.startsWith(expected))).toBe(true);
  });
  it('rejects a document that is not an object', () => {
    expect(errorsOf([base])).toEqual([': expected an object, got array']);
    expect(errorsOf('x')).toEqual([': expected an object, got string']);
  });
  it('accepts negative amounts (credits) and unknown names', () => {
    expect(parseFacts(withUsage({ acrUsd: -5, service: 'Nothing we know' })).ok).toBe(true);
  });
  it('accepts leap days and the last day of a month', () => {
    expect(parseFacts({ ...base, asOf: '2028-02-29' }).ok).toBe(true);
    expect(parseFacts({ ...base, asOf: '2027-02-29' }).ok).toBe(false);
  });
});
