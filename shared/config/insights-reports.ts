// The INSIGHTS_REPORTS setting: which Partner Center Insights report files to pull and how their
// columns map onto ours. Parsed by the config schema at start-up (a bad entry stops start-up naming
// it), so this module is pure: zod and a file read, no SDK.
//
// The setting is either the JSON array itself or the path of a file holding it (a long JSON array
// is awkward as an app setting, and a file can live next to the deployment).
import { readFileSync } from 'node:fs';

import { z } from 'zod';

/** Fact kinds an Insights report can hold (the file-level kind; a row may still say `fact`). */
export const INSIGHTS_KINDS = ['association', 'usage', 'person', 'certification', 'profile'] as const;
export type InsightsKind = (typeof INSIGHTS_KINDS)[number];

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const insightsReportSchema = z
  .object({
    /** Names the report in logs, import reports and its cursor document. */
    name: z.string().trim().min(1, 'must not be empty').max(80, 'at most 80 characters'),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    kind: z.enum(INSIGHTS_KINDS, { error: `must be one of ${INSIGHTS_KINDS.join(', ')}` }),
    /** Default: from the URL's extension (.ndjson/.jsonl → ndjson), else csv. */
    format: z.enum(['csv', 'ndjson']).optional(),
    /** { "their column": "our column" }, matched case-, space-, underscore-insensitively. */
    columnMap: z.record(z.string(), z.string().trim().min(1)).default({}),
    /** Extra request headers, e.g. an Authorization header for the report's download URL. */
    headers: z.record(z.string().regex(headerName, 'not a valid HTTP header name'), z.string()).optional(),
  })
  .strict();
export type InsightsReport = z.output<typeof insightsReportSchema>;

export const insightsReportsSchema = z.array(insightsReportSchema).superRefine((reports, ctx) => {
  // Slugs name the cursor documents: two reports must not share one.
  const seen = new Map<string, number>();
  reports.forEach((r, i) => {
    const slug = reportSlug(r.name);
    const other = seen.get(slug);
    if (other !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `same name as report ${other} ("${r.name}")` });
    seen.set(slug, i);
  });
});

/** A report name as an id / file-name part: lowercase letters, digits and single hyphens. */
export function reportSlug(name: string): string {
  return (
    name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'report'
  );
}

export class InsightsSettingError extends Error {}

/**
 * The setting's value → validated reports. `[…]` is JSON; anything else is a file path (relative
 * to the working directory). Throws InsightsSettingError naming the problem (never echoing header
 * values, which may hold tokens).
 */
export function parseInsightsReportsSetting(
  raw: string,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): InsightsReport[] {
  const value = raw.trim();
  if (value === '') return [];
  let text = value;
  if (!value.startsWith('[')) {
    try {
      text = readFile(value);
    } catch (err) {
      throw new InsightsSettingError(
        `not a JSON array, and no readable file at ${JSON.stringify(value)} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InsightsSettingError(`not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const result = insightsReportsSchema.safeParse(json);
  if (!result.success) {
    throw new InsightsSettingError(
      result.error.issues
        .map(
          (i) =>
            `${i.path.length ? i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') : '(array)'}: ${i.message}`,
        )
        .join('; '),
    );
  }
  return result.data;
}
