// Solution areas in Partner Center's words (pcs-rules.md §1; the designation is "Solutions Partner for <name>").
import type { Area } from '../../domain/facts/types.js';

export const AREA_NAMES: Record<Area, string> = {
  dataAi: 'Data & AI (Azure)',
  infrastructure: 'Infrastructure (Azure)',
  digitalAppInnovation: 'Digital & App Innovation (Azure)',
  businessApplications: 'Business Applications',
  modernWork: 'Modern Work',
  security: 'Security',
};
