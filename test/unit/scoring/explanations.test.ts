import { describe, expect, it } from 'vitest';

import { AREAS } from '../../../shared/domain/facts/types.js';
import { EXCLUSION_REASONS } from '../../../shared/domain/scoring/explanation.js';
import { azure, biz, cert, customer, M, M12, m365, person, score } from './builders.js';

const facts = {
  customers: [
    customer('counted', [azure(M, 'Storage', 2000), m365(M, 'Teams', 400, 200, 'CPOR'), biz(M, 'Sales', 2000, 30, 'DPOR')]),
    customer('small', [azure(M, 'Storage', 10)]),
    customer('trial', [azure(M, 'Storage', 5000, 'PAL', { offer: 'trial' })]),
    customer('gov', [azure(M, 'Storage', 5000)], { cloud: 'government' }),
    customer('inactive', [azure(M, 'Storage', 5000)], { associations: [{ type: 'PAL', from: '2020-01-01', to: '2021-01-01' }] }),
    customer('empty', []),
    customer('old', [azure(M12, 'Storage', 5000)]),
  ],
  people: [
    person('admin', [cert('Azure Administrator Associate')]),
    person('gone', [cert('Azure Administrator Associate')], { linkedTo: '2026-01-01' }),
    person('expired', [cert('Azure Administrator Associate', '2024-01-01', '2025-01-01')]),
    person('none', [cert('Something else')]),
  ],
};

describe('explanations', () => {
  const s = score(facts, { explain: true });
  it('are absent unless asked for, and leave the scores unchanged', () => {
    const plain = score(facts);
    expect(plain.explanations).toBeUndefined();
    expect(s.areas).toEqual(plain.areas);
  });
  it('list every tenant and every person for every metric, counted or with a reason from the closed list', () => {
    for (const area of AREAS) {
      const metrics = s.explanations?.[area].metrics ?? {};
      expect(Object.keys(metrics).sort()).toEqual(Object.keys(s.areas[area].metrics).sort());
      for (const e of Object.values(metrics)) {
        expect(e.tenants.map((t) => t.tenantId)).toEqual(facts.customers.map((c) => c.tenantId));
        expect(e.people.map((p) => p.personId)).toEqual(facts.people.map((p) => p.id));
        for (const entry of [...e.tenants, ...e.people]) {
          if (!entry.counted) expect(EXCLUSION_REASONS).toContain(entry.reason);
        }
      }
    }
  });
  it('give the reasons a partner needs', () => {
    const nca = s.explanations?.dataAi.metrics.netCustomerAdds;
    const reason = (id: string) => nca?.tenants.find((t) => t.tenantId === id);
    expect(reason('counted')).toMatchObject({ counted: true });
    expect(reason('old')).toMatchObject({ counted: true }); // counted in the baseline
    expect(reason('small')).toMatchObject({ counted: false, reason: 'below-floor' });
    expect(reason('trial')).toMatchObject({ counted: false, reason: 'offer-not-standard' });
    expect(reason('gov')).toMatchObject({ counted: false, reason: 'not-commercial-cloud' });
    expect(reason('inactive')).toMatchObject({ counted: false, reason: 'association-inactive' });
    expect(reason('empty')).toMatchObject({ counted: false, reason: 'no-usage' });
    const skilling = s.explanations?.dataAi.metrics.intermediateCertifications;
    const who = (id: string) => skilling?.people.find((p) => p.personId === id);
    expect(who('admin')).toMatchObject({ counted: true });
    expect(who('gone')).toMatchObject({ counted: false, reason: 'not-linked' });
    expect(who('expired')).toMatchObject({ counted: false, reason: 'certification-expired' });
    expect(who('none')).toMatchObject({ counted: false, reason: 'no-listed-certification' });
  });
});
