import { describe, expect, it } from 'vitest';

import { biz, cert, customer, M, M12, people, person, score } from './builders.js';

const ba = (facts: Record<string, unknown>) => score(facts).areas.businessApplications;
/** Five (tenant, workload) pairs above 5,000 USD in both months: the enterprise track. */
const enterprisePairs = (amount = 5000.01) =>
  ['t1', 't2', 't3', 't4', 't5'].map((t) => customer(t, [biz(M, 'Finance', amount, 0, 'PAL'), biz(M12, 'Finance', amount, 0, 'PAL')]));

describe('Business Applications: track', () => {
  it('is enterprise with 5 pairs above 5,000 in both M and M−12, any association', () => {
    expect(ba({ customers: enterprisePairs() }).track).toBe('enterprise');
    expect(ba({ customers: enterprisePairs() }).trackTotals).toEqual({ enterprise: 0 });
  });
  it('is smb at exactly 5,000 (more than is required) or with 4 pairs', () => {
    expect(ba({ customers: enterprisePairs(5000) }).track).toBe('smb');
    expect(ba({ customers: enterprisePairs().slice(1) }).track).toBe('smb');
  });
});

describe('Business Applications: net customer adds', () => {
  it('counts pairs at the smb floor of 250 through CSP, DPOR and CPOR revrec/osa/revrec-performance', () => {
    const customers = [
      customer('a', [
        biz(M, 'Sales', 250, 0, 'CSP_T2'),
        biz(M, 'Finance', 300, 0, 'CPOR', { cporActivity: 'revrec' }),
        biz(M, 'Power BI', 300, 0, 'CPOR', { cporActivity: 'osu' }), // wrong activity
        biz(M, 'Commerce', 300, 0, 'PAL'), // wrong association
        biz(M, 'Guides', 300, 0, 'DPOR'), // not on the list
        biz(M, 'HR', 249.99, 0, 'DPOR'),
      ]),
      customer('b', [biz(M12, 'Sales', 1000, 0, 'DPOR')]),
    ];
    expect(ba({ customers }).metrics.netCustomerAdds).toEqual({ value: 1, points: 3, maxPoints: 15 });
  });
  it('takes a CPOR record’s activity from the association it matched; a record with neither fails', () => {
    const associations = [{ type: 'CPOR', cporActivity: 'osa', from: '2020-01-01', to: null }];
    const withActivity = customer('a', [biz(M, 'Sales', 300, 0, 'CPOR')], { associations });
    const without = customer('b', [biz(M, 'Sales', 300, 0, 'CPOR')]); // associations omitted
    expect(ba({ customers: [withActivity, without] }).metrics.netCustomerAdds?.value).toBe(1);
  });
  it('sums a pair over records and uses the enterprise floor of 1,500 on that track', () => {
    const customers = [
      ...enterprisePairs(),
      customer('x', [biz(M, 'Sales', 1000, 0, 'CSP_T1'), biz(M, 'Sales', 500, 0, 'DPOR')]),
      customer('y', [biz(M, 'Sales', 1499.99, 0, 'CSP_T1')]),
    ];
    expect(ba({ customers }).metrics.netCustomerAdds?.value).toBe(1);
  });
});

describe('Business Applications: MCV, usage growth, deployments', () => {
  it('10 Business Central users are 10,000 MCV: a deployment on both tracks at the floor', () => {
    const customers = [...enterprisePairs(), customer('x', [biz(M, 'Business Central', 0, 10, 'CPOR', { cporActivity: 'osu' })])];
    expect(ba({ customers }).metrics.deployments).toEqual({ value: 1, points: 4, maxPoints: 20 });
    const nine = [...enterprisePairs(), customer('x', [biz(M, 'Business Central', 0, 9, 'CSP_T1')])];
    expect(ba({ customers: nine }).metrics.deployments?.value).toBe(0);
  });
  it('50,000 Customer Insights profiles are 10,000 MCV, through PAL only', () => {
    const customers = [
      customer('pal', [biz(M, 'Customer Insights', 0, 50000, 'PAL')]),
      customer('csp', [biz(M, 'Customer Insights', 0, 50000, 'CSP_T1')]),
    ];
    expect(ba({ customers }).metrics.deployments?.value).toBe(1);
  });
  it('rolls Sales and Customer Service into one Common Data Service pair', () => {
    // 13 + 12 users × 200 = 5,000 MCV: one smb deployment
    const customers = [customer('a', [biz(M, 'Sales', 0, 13, 'DPOR'), biz(M, 'Customer Service', 0, 12, 'DPOR')])];
    expect(ba({ customers }).metrics.deployments?.value).toBe(1);
    // PAL does not count for Common Data Service; CPOR needs osu
    const wrong = [customer('a', [biz(M, 'Sales', 0, 50, 'PAL'), biz(M, 'Field Service', 0, 50, 'CPOR', { cporActivity: 'revrec' })])];
    expect(ba({ customers: wrong }).metrics.deployments?.value).toBe(0);
  });
  it('usage growth: 1 point per %, base must reach 25,000 (smb)', () => {
    const at = (base: number, cur: number) => [customer('a', [biz(M12, 'Power BI', 0, base, 'PAL'), biz(M, 'Power BI', 0, cur, 'PAL')])];
    // 125 users × 200 = 25,000 base; 150 users = 30,000 → 20 %
    expect(ba({ customers: at(125, 150) }).metrics.usageGrowth).toEqual({ value: 20, points: 20, maxPoints: 30 });
    expect(ba({ customers: at(124, 150) }).metrics.usageGrowth?.points).toBe(0);
    expect(ba({ customers: at(0, 150) }).metrics.usageGrowth).toEqual({ value: null, points: 0, maxPoints: 30 });
    expect(ba({ customers: at(125, 500) }).metrics.usageGrowth?.points).toBe(30);
  });
  it('deployments are a difference of pairs M against M−12', () => {
    const customers = [
      customer('a', [biz(M12, 'Business Central', 0, 5, 'DPOR'), biz(M12, 'Guides', 0, 5, 'DPOR'), biz(M, 'Guides', 0, 5, 'DPOR')]),
    ];
    expect(ba({ customers }).metrics.deployments).toEqual({ value: -1, points: 0, maxPoints: 20 });
  });
});

describe('Business Applications: skilling', () => {
  it('enterprise advanced: 7 people × 15/7 is exactly 15', () => {
    const ppl = people('a', 7, 'Dynamics 365 Business Central Developer Associate');
    const area = ba({ customers: enterprisePairs(), people: ppl });
    expect(area.metrics.advancedCertifications).toEqual({ value: 7, points: 15, maxPoints: 15 });
    const three = ba({ customers: enterprisePairs(), people: ppl.slice(0, 3) });
    expect(three.metrics.advancedCertifications?.points).toBeCloseTo(45 / 7, 10);
  });
  it('smb: intermediate 4 per person, advanced 7.5 per person; a person counts once per metric', () => {
    const ppl = [
      person('x', [cert('Power BI Data Analyst Associate'), cert('Power Platform Developer Associate')]),
      person('y', [cert('Dynamics 365 Contact Center AI Engineer'), cert('Agentic AI Business Solutions Architect')]),
    ];
    const area = ba({ people: ppl });
    expect(area.metrics.intermediateCertifications).toEqual({ value: 2, points: 8, maxPoints: 20 });
    expect(area.metrics.advancedCertifications).toEqual({ value: 1, points: 7.5, maxPoints: 15 });
  });
  it('enterprise intermediate: 1 per person', () => {
    const area = ba({ customers: enterprisePairs(), people: people('p', 3, 'Intelligent Applications Builder') });
    expect(area.metrics.intermediateCertifications?.points).toBe(3);
  });
});
