// Loading a catalog: zod-validates its shape and checks that every certification a list names is
// spelled consistently, so a typo in the data fails at load instead of silently scoring 0.
import { ruleCatalogSchema, type RuleCatalog } from './catalog-schema.js';
import { CATALOG_2026_05 } from './catalog-2026-05.js';

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
