// The sample exports moved to the load day (devtools/host/shift-samples.ts): dates and months by whole
// months, ids untouched, and a shifted set scores at the shifted day what the original scores on 2026-11-21.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { SAMPLE_EXPORTS_DIR, SAMPLES_DAY } from '../../../devtools/host/samples.js';
import { monthsBetween, shiftDay, shiftSampleText } from '../../../devtools/host/shift-samples.js';
import { applyChanges, docRefFor } from '../../../shared/domain/changes/apply.js';
import { type CustomerDoc, type PartnerDoc, type PersonDoc, type ProfileDoc } from '../../../shared/domain/changes/docs.js';
import { type ChangeEvent } from '../../../shared/domain/changes/events.js';
import { buildFacts } from '../../../shared/domain/changes/facts.js';
import { AREAS } from '../../../shared/domain/facts/types.js';
import type { RuleCatalog } from '../../../shared/domain/rules/catalog-schema.js';
import { currentRules } from '../../../shared/domain/rules/load.js';
import { scorePartner } from '../../../shared/domain/scoring/score-partner.js';
import { parseExportStream } from '../../../shared/imports/parse.js';

describe('shiftSampleText', () => {
  it('moves dates, months and timestamps by whole months, clamping the day, and leaves ids alone', () => {
    const line = '4100001,c0a1e7d2-0001-4c1e-9a11-000000000001,2024-10,2025-01-31,,2026-11-20T06:00:00Z';
    expect(shiftSampleText(line, 1)).toBe('4100001,c0a1e7d2-0001-4c1e-9a11-000000000001,2024-11,2025-02-28,,2026-12-20T06:00:00Z');
    expect(shiftSampleText(line, -12)).toBe('4100001,c0a1e7d2-0001-4c1e-9a11-000000000001,2023-10,2024-01-31,,2025-11-20T06:00:00Z');
    expect(shiftSampleText('{"month":"2026-10","earned":"2024-02-29","tenantId":"fab00000-2222-4a2a-a222-000000000001"}', 12)).toBe(
      '{"month":"2027-10","earned":"2025-02-28","tenantId":"fab00000-2222-4a2a-a222-000000000001"}',
    );
    expect(shiftSampleText(line, 0)).toBe(line);
    expect(shiftSampleText('PAL,2026-02-30,', 1)).toBe('PAL,2026-02-30,'); // a deliberately bad date stays bad
  });

  it('counts whole months between days', () => {
    expect(monthsBetween(SAMPLES_DAY, '2026-11-01')).toBe(0);
    expect(monthsBetween(SAMPLES_DAY, '2026-12-01')).toBe(1);
    expect(monthsBetween(SAMPLES_DAY, '2028-02-29')).toBe(15);
    expect(monthsBetween(SAMPLES_DAY, '2026-06-30')).toBe(-5);
    expect(shiftDay('2026-11-21', 15)).toBe('2028-02-21');
  });
});

/** Every sample export file's text, moved by `months`. */
async function sampleTexts(months: number): Promise<Array<{ name: string; text: string }>> {
  const names = (await readdir(SAMPLE_EXPORTS_DIR)).filter((f) => /\.(csv|ndjson)$/i.test(f)).sort();
  return Promise.all(
    names.map(async (name) => ({ name, text: shiftSampleText(await readFile(path.join(SAMPLE_EXPORTS_DIR, name), 'utf8'), months) })),
  );
}

/** Each partner's total per area, scored as of `asOf` on the facts the files give. */
async function totals(months: number, asOf: string, rules: RuleCatalog = currentRules()): Promise<Record<string, Record<string, number>>> {
  const byDoc = new Map<string, ChangeEvent[]>();
  for (const { name, text } of await sampleTexts(months)) {
    if (name.includes('.snapshot.')) continue;
    for await (const item of parseExportStream([text], {
      fileName: name,
      defaultObservedAt: shiftSampleText('2026-11-20T06:00:00Z', months),
    })) {
      if (!('change' in item)) continue;
      const key = `${item.change.partnerId}|${docRefFor(item.change).id}`;
      byDoc.set(key, [...(byDoc.get(key) ?? []), item.change]);
    }
  }
  const docs = new Map<string, PartnerDoc[]>();
  for (const [key, changes] of byDoc) {
    const partnerId = key.split('|')[0]!;
    docs.set(partnerId, [...(docs.get(partnerId) ?? []), applyChanges(null, changes).doc]);
  }
  const out: Record<string, Record<string, number>> = {};
  for (const [partnerId, list] of [...docs].sort(([a], [b]) => a.localeCompare(b))) {
    const profile = (list.find((d) => d.docType === 'profile') as ProfileDoc | undefined) ?? null;
    const customers = list.filter((d): d is CustomerDoc => d.docType === 'customer');
    const people = list.filter((d): d is PersonDoc => d.docType === 'person');
    const scores = scorePartner(buildFacts(profile, customers, people, asOf, partnerId), rules, asOf);
    out[partnerId] = Object.fromEntries(AREAS.map((a) => [a, Math.round(scores.areas[a].total * 100) / 100]));
  }
  return out;
}

/**
 * The rule catalog's one set of calendar dates, real retirements of certifications (a certification earned
 * after its retirement does not count), moved with the samples: the world of the samples moved whole.
 */
function retirementsMoved(months: number): RuleCatalog {
  const rules = currentRules();
  return {
    ...rules,
    certifications: {
      ...rules.certifications,
      retired: rules.certifications.retired.map((r) => ({ ...r, retired: shiftDay(r.retired, months) })),
    },
  };
}

describe('the samples moved to the load day', () => {
  it('score on the shifted day what the originals score on 2026-11-21', async () => {
    const original = await totals(0, SAMPLES_DAY);
    expect(Object.keys(original)).toHaveLength(6);
    expect(original['4100003']?.businessApplications).toBeCloseTo(65, 0);
    for (const months of [1, 3, 15, -5]) {
      expect(await totals(months, shiftDay(SAMPLES_DAY, months), retirementsMoved(months)), `shifted ${months} months`).toEqual(original);
    }
    // Near the samples' day no moved certification crosses a real retirement: the catalog as it is.
    expect(await totals(1, shiftDay(SAMPLES_DAY, 1))).toEqual(original);
  });
});
