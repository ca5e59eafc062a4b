// fast-check generators of valid change events for one partner over a small key space, so that
// random lists hit the same natural keys, equal observedAt values and deletions often.
import fc from 'fast-check';

import { type ChangeEvent, type ChangeEventInput, changeEventSchema } from '../../../shared/domain/changes/events.js';

export const PARTNER = 'P1';
const tenant = fc.constantFrom('t1', 't2');
const person = fc.constantFrom('alice', 'bob');
const observed = fc.constantFrom('2026-10-01T00:00:00Z', '2026-10-15T00:00:00Z', '2026-11-01T00:00:00Z');
const month = fc.constantFrom('2026-06', '2026-08', '2026-09', '2026-10');
const deleted = fc.boolean();
const day = fc.constantFrom('2025-01-01', '2025-06-15', '2026-03-01');

const association = fc.record({
  fact: fc.constant('association' as const),
  tenantId: tenant,
  type: fc.constantFrom('CPOR' as const, 'PAL' as const),
  workload: fc.constantFrom(null, 'Teams', 'teams '),
  from: day,
  to: fc.constantFrom(null, '2026-12-31'),
  cporActivity: fc.constantFrom(null, 'use-consume' as const),
  segment: fc.constantFrom(undefined, 'smb' as const, 'enterprise' as const),
});
const customer = fc.record({
  fact: fc.constant('customer' as const),
  tenantId: tenant,
  segment: fc.constantFrom(undefined, 'smb' as const),
  cloud: fc.constantFrom(undefined, 'commercial' as const, 'government' as const),
});
const azure = fc.record({
  fact: fc.constant('usage' as const),
  tenantId: tenant,
  kind: fc.constant('azure' as const),
  month,
  service: fc.constantFrom('Azure Kubernetes Service', 'Key Vault'),
  offer: fc.constantFrom(undefined, 'standard' as const, 'trial' as const),
  association: fc.constantFrom('PAL' as const, 'CSP_T1' as const),
  acrUsd: fc.integer({ min: -100, max: 5000 }),
});
const m365 = fc.record({
  fact: fc.constant('usage' as const),
  tenantId: tenant,
  kind: fc.constant('m365' as const),
  month,
  workload: fc.constantFrom('Teams', 'Exchange Online'),
  association: fc.constant('CPOR' as const),
  cporActivity: fc.constantFrom(undefined, 'use-consume' as const),
  paidSeats: fc.nat(500),
  activeUsers: fc.nat(500),
});
/** Business Applications: a record may carry one figure (the revenue or the usage download) or both. */
const bizapps = fc
  .record(
    {
      fact: fc.constant('usage' as const),
      tenantId: tenant,
      kind: fc.constant('bizapps' as const),
      month,
      workload: fc.constantFrom('Dynamics 365 Sales', 'Power Apps'),
      association: fc.constant('CPOR' as const),
      revenueUsd: fc.constantFrom(0, 1200, 1600.5),
      activeUsers: fc.constantFrom(0, 10, 25),
    },
    { requiredKeys: ['fact', 'tenantId', 'kind', 'month', 'workload', 'association'] },
  )
  .map((r) => (r.revenueUsd === undefined && r.activeUsers === undefined ? { ...r, activeUsers: 5 } : r));
const personLink = fc.record({
  fact: fc.constant('person' as const),
  personId: person,
  linkedFrom: day,
  linkedTo: fc.constantFrom(null, '2026-12-31'),
});
const certification = fc.record({
  fact: fc.constant('certification' as const),
  personId: person,
  name: fc.constantFrom('Azure Administrator Associate', 'Teams Administrator Associate'),
  earned: day,
  expires: fc.constantFrom(null, '2027-12-31'),
});
const profile = fc.record(
  {
    fact: fc.constant('profile' as const),
    name: fc.constantFrom('Contoso', 'Contoso Ltd'),
    preferredLanguage: fc.constantFrom('en', 'de-DE', null),
    enrollment: fc.constantFrom(null, { anniversary: '2026-12-10', areas: ['modernWork' as const], azureTrack: null }),
  },
  { requiredKeys: ['fact'] },
);

export const changeArb: fc.Arbitrary<ChangeEvent> = fc
  .tuple(fc.oneof(association, customer, azure, m365, bizapps, personLink, certification, profile), observed, deleted)
  .map(([body, observedAt, del]) => {
    const input = { ...body, partnerId: PARTNER, observedAt, deleted: del } as ChangeEventInput;
    return changeEventSchema.parse(input);
  });
