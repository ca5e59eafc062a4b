// scoreArea: one area's result (exact rationals) on day asOf — the same computation scorePartner
// runs for that area, without scoring the other five. For searches that score many variants of one
// partner's facts for one area (guidance plans). scorePartner stays the contract's entry point.
import { type Area, AZURE_AREAS, type AzureArea, type PartnerFacts } from '../facts/types.js';
import type { RuleCatalog } from '../rules/catalog-schema.js';
import { type CompiledRules, compileRules } from '../rules/compiled.js';
import type { AreaResult } from './area-result.js';
import { scoreAzureAreas } from './azure-areas.js';
import { scoreBusinessApplications } from './business-applications.js';
import { scoreModernWork } from './modern-work.js';
import { scoringMonths } from './months.js';
import { aggregateUsage, type PartnerUsage } from './partner-usage.js';
import { type CountedPerson, countPeople } from './people.js';
import { scoreSecurity } from './security.js';

const isAzure = (area: Area): area is AzureArea => (AZURE_AREAS as readonly Area[]).includes(area);

export function scoreArea(facts: PartnerFacts, catalog: RuleCatalog, area: Area, asOf: string = facts.asOf): AreaResult {
  const rules = compileRules(catalog);
  const usage = aggregateUsage(facts, rules, scoringMonths(asOf), false);
  const people = countPeople(facts.people, rules, asOf, false);
  return scoreAreaFrom(facts, usage, people, rules, area);
}

/**
 * The same, from usage already aggregated and people already counted (aggregateUsage, countPeople on
 * these facts and day): a search that changes a few tenants can reuse the figures of the others.
 */
export function scoreAreaFrom(
  facts: PartnerFacts,
  usage: PartnerUsage,
  people: readonly CountedPerson[],
  rules: CompiledRules,
  area: Area,
): AreaResult {
  if (isAzure(area)) return scoreAzureAreas(facts, usage, people, rules, false)[area];
  switch (area) {
    case 'businessApplications':
      return scoreBusinessApplications(facts, usage, people, rules, false);
    case 'modernWork':
      return scoreModernWork(facts, usage, people, rules, false);
    case 'security':
      return scoreSecurity(facts, usage, people, rules, false);
  }
}
