// Plans on the committed samples and on Northwind (4100003) before the demo's lift change, and the
// cost table steering the choice.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseFacts } from '../../../shared/domain/facts/schema.js';
import { AREAS, type PartnerFacts } from '../../../shared/domain/facts/types.js';
import { parseCosts } from '../../../shared/domain/guidance/costs.js';
import { planArea, planPartner } from '../../../shared/domain/guidance/plan.js';
import { DEFAULT_COSTS } from '../../../shared/domain/guidance/types.js';
import { currentRules } from '../../../shared/domain/rules/load.js';
import { planProblems } from './plan-check.js';

const rules = currentRules();
const samples = join(import.meta.dirname, '../../../samples/facts');
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const parse = (doc: Record<string, unknown>): PartnerFacts => {
  const parsed = parseFacts(structuredClone(doc));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.facts;
};

describe('plans on the sample facts', () => {
  for (const file of readdirSync(samples).filter((f) => f.endsWith('.json'))) {
    it(`${file}: every area qualifies with [] or gets a plan that holds (engine and reference), irredundant`, () => {
      const doc = read(join(samples, file));
      const plans = planPartner(parse(doc), rules);
      expect(Object.keys(plans.areas)).toEqual([...AREAS]);
      const problems = AREAS.flatMap((area) => planProblems(doc, undefined, area, plans.areas[area]!));
      expect(problems).toEqual([]);
    }, 60_000);
  }

  it('an area that qualifies today gets plan [] and cost 0', () => {
    const result = planArea(parse(read(join(samples, 'azure-enterprise-qualifying.json'))), rules, 'dataAi');
    expect(result).toEqual({ qualifiesToday: true, plan: [], totalAfter: 100, cost: 0, reason: null });
  });

  it('a metric the contract makes unreachable gives plan null with the reason', () => {
    const result = planArea(parse(read(join(samples, 'azure-enterprise-qualifying.json'))), rules, 'businessApplications');
    expect(result.plan).toBeNull();
    expect(result.cost).toBeNull();
    expect(result.reason).toMatch(
      /usageGrowth\) cannot be made > 0: the smb track needs a monthly consumption value of at least 25000 in M-12/,
    );
  });
});

describe('Northwind (4100003) before the lift change', () => {
  const doc = read(join(import.meta.dirname, 'fixtures/northwind-4100003.json'));

  it('Business Applications at 65: exactly one more advanced certification, reaching 72.5', () => {
    const result = planPartner(parse(doc), rules, { area: 'businessApplications' }).areas.businessApplications!;
    expect(result.qualifiesToday).toBe(false);
    expect(result.plan).toHaveLength(1);
    const [action] = result.plan!;
    expect(action).toMatchObject({ kind: 'certification', metric: 'advancedCertifications', cost: DEFAULT_COSTS.certification });
    expect(action!.detail).toMatchObject({
      kind: 'certification',
      certification: 'Dynamics 365 Business Central Developer Associate',
      newPerson: false,
    });
    expect(action!.text).toMatch(
      /^Certify one more person \(n-0\d or a new hire\) as Dynamics 365 Business Central Developer Associate \(advanced certifications \+7\.5 points\)$/,
    );
    expect(result.totalAfter).toBeCloseTo(72.5, 6);
    expect(planProblems(doc, undefined, 'businessApplications', result)).toEqual([]);
  });
});

describe('cost table', () => {
  const doc = read(join(samples, 'azure-smb-not-qualifying.json'));

  it('an override changes the choice: dear certifications move the plan from people to ACR', () => {
    const facts = parse(doc);
    const cheap = planArea(facts, rules, 'dataAi');
    const dear = planArea(facts, rules, 'dataAi', { costs: { certification: 20 } });
    const certifications = (p: typeof cheap) => (p.plan ?? []).filter((a) => a.kind === 'certification').length;
    expect(certifications(dear)).toBeLessThan(certifications(cheap));
    expect(planProblems(doc, undefined, 'dataAi', dear)).toEqual([]);
    // Each action is priced by the table in force.
    for (const a of dear.plan!) if (a.kind === 'certification') expect(a.cost).toBe(20);
  });

  it('validates overrides: known keys only, finite numbers ≥ 0', () => {
    expect(parseCosts({ newCustomer: 5 })).toEqual({ ok: true, costs: { ...DEFAULT_COSTS, newCustomer: 5 } });
    expect(parseCosts({ newCustomr: 5 }).ok).toBe(false);
    expect(parseCosts({ certification: -1 }).ok).toBe(false);
    expect(parseCosts({ certification: '1' }).ok).toBe(false);
    expect(parseCosts([]).ok).toBe(false);
  });
});
