// Header handling. Our column names are the change events' field names; a header matches them
// case-insensitively with spaces, underscores, hyphens and dots ignored ("Tenant ID", "tenant_id"
// and "tenantId" are all tenantId). Unknown columns are ignored; of two columns naming the same
// field, the first is used. A column map (e.g. for Partner Center Insights reports) renames their
// columns to ours before that matching.

export const FIELDS = [
  'fact',
  'partnerId',
  'tenantId',
  'type',
  'workload',
  'from',
  'to',
  'cporActivity',
  'segment',
  'cloud',
  'kind',
  'month',
  'service',
  'offer',
  'association',
  'acrUsd',
  'paidSeats',
  'activeUsers',
  'revenueUsd',
  'personId',
  'linkedFrom',
  'linkedTo',
  'name',
  'earned',
  'expires',
  'contacts',
  'preferredLanguage',
  'enrollment',
  'anniversary',
  'areas',
  'azureTrack',
  'observedAt',
  'deleted',
] as const;
export type Field = (typeof FIELDS)[number];

export function normalizeHeader(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_.-]+/g, '');
}

/** A few names other tools commonly use for a column that has no other meaning here. */
const ALIASES: Record<string, Field> = { recordtype: 'fact', facttype: 'fact', deletion: 'deleted' };

const BY_NORMALIZED = new Map<string, Field>([...FIELDS.map((f): [string, Field] => [normalizeHeader(f), f]), ...Object.entries(ALIASES)]);

/** Our field for a header (or JSON key), or null when it is not one of ours. */
export function fieldFor(header: string): Field | null {
  return BY_NORMALIZED.get(normalizeHeader(header)) ?? null;
}

/**
 * Renames their columns to ours: `map` is { theirColumn: ourColumn }, matched with the same
 * tolerance as headers (case, spaces, underscores). Columns not in the map are kept as they are.
 */
export function mapColumns(header: readonly string[], map: Readonly<Record<string, string>>): string[] {
  const lookup = new Map<string, string>();
  for (const [theirs, ours] of Object.entries(map)) lookup.set(normalizeHeader(theirs), ours);
  return header.map((h) => lookup.get(normalizeHeader(h)) ?? h);
}

export interface ResolvedHeader {
  /** Per position: our field, or null (ignored column). */
  fields: (Field | null)[];
  /** Our field → the column's text in the file (for error messages). */
  columnName: Map<Field, string>;
  present: Set<Field>;
}

export function resolveHeader(header: readonly string[], columnMap?: Readonly<Record<string, string>>): ResolvedHeader {
  const original = header.map((h) => h.trim());
  const mapped = columnMap ? mapColumns(original, columnMap) : original;
  const present = new Set<Field>();
  const columnName = new Map<Field, string>();
  const fields = mapped.map((h, i) => {
    const field = fieldFor(h);
    if (field === null || present.has(field)) return null;
    present.add(field);
    columnName.set(field, original[i] ?? h);
    return field;
  });
  return { fields, columnName, present };
}
