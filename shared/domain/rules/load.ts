// Loading a catalog: zod-validates its shape (sources, dates, positive numbers, known enumerations).
// The cross-check that needs the whole catalog — every retired certification is on some list, so a
// misspelt retirement fails instead of silently never applying — runs when it is compiled
// (compileRules, once per catalog object).
import { CATALOG_2026_05 } from './catalog-2026-05.js';
import { type RuleCatalog, ruleCatalogSchema } from './catalog-schema.js';

export function loadRules(catalog: unknown): RuleCatalog {
  const result = ruleCatalogSchema.safeParse(catalog);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid rule catalog: ${problems}`);
  }
  return result.data;
}

let defaultRules: RuleCatalog | undefined;

/** The rules of version 2026-05, validated once. */
export function currentRules(): RuleCatalog {
  defaultRules ??= loadRules(CATALOG_2026_05);
  return defaultRules;
}
