export { CATALOG_2026_05 } from './catalog-2026-05.js';
export type { RuleCatalog } from './catalog-schema.js';
export { ruleCatalogSchema } from './catalog-schema.js';
export { loadRules, currentRules } from './load.js';
export { compileRules, type CompiledRules } from './compiled.js';
