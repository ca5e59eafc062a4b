export { CATALOG_2026_05 } from './catalog-2026-05.js';
export type { RuleCatalog } from './catalog-schema.js';
export { ruleCatalogSchema } from './catalog-schema.js';
export { type CompiledRules, compileRules } from './compiled.js';
export { currentRules, loadRules } from './load.js';
