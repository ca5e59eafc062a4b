// Solution areas in Partner Center's words (pcs-rules.md §1; the designation is "Solutions Partner for <name>").
// Microsoft keeps the designation and area names in English in its localized pages, so every language
// uses these unless its wording sets `areaNames`.
import type { SolutionArea } from '../../domain/claims/types.js';
import type { Area, AssociationType } from '../../domain/facts/types.js';

export const AREA_NAMES: Record<Area, string> = {
  dataAi: 'Data & AI (Azure)',
  infrastructure: 'Infrastructure (Azure)',
  digitalAppInnovation: 'Digital & App Innovation (Azure)',
  businessApplications: 'Business Applications',
  modernWork: 'Modern Work',
  security: 'Security',
};

/** Customer associations as Partner Center labels them (program names, the same in every language). */
export const ASSOCIATION_NAMES: Record<AssociationType, string> = {
  CSP_T1: 'CSP Tier 1',
  CSP_T2: 'CSP Tier 2',
  DPOR: 'DPOR',
  PAL: 'PAL',
  CPOR: 'CPOR',
};

/** Partner Center's claim solution areas (Customer claims), program names kept in English. */
export const CLAIM_AREA_NAMES: Record<SolutionArea, string> = {
  businessApplications: 'Business Applications',
  modernWorkSecurity: 'Modern Work & Security',
};
