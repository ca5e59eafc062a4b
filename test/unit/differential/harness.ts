// Runs the engine exactly as `pcs score` does (parseFacts with the --as-of override, currentRules(),
// scorePartner(facts, rules, facts.asOf)) and the reference oracle on the same raw document, and
// lists every field on which they disagree.
import { parseFacts } from '../../../shared/domain/facts/schema.js';
import { currentRules } from '../../../shared/domain/rules/load.js';
import { scorePartner } from '../../../shared/domain/scoring/score-partner.js';
import type { PartnerScores } from '../../../shared/domain/scoring/types.js';
import type { Case } from './arbitraries.js';
import { referenceScore, type RefScores } from './reference.js';

const rules = currentRules();
const AREAS = ['dataAi', 'infrastructure', 'digitalAppInnovation', 'businessApplications', 'modernWork', 'security'] as const;

export function engineScore(c: Case, explain = false): PartnerScores {
  const parsed = parseFacts(structuredClone(c.doc), c.asOfOverride === undefined ? {} : { asOfOverride: c.asOfOverride });
  if (!parsed.ok) throw new Error(`generated document is invalid: ${JSON.stringify(parsed.errors)}`);
  return scorePartner(parsed.facts, rules, parsed.facts.asOf, { explain });
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** Every disagreement as `path: engine ≠ reference`; empty when they agree. */
export function diff(engine: PartnerScores, ref: RefScores, only?: readonly string[]): string[] {
  const out: string[] = [];
  const num = (path: string, a: number | null | undefined, b: number | null | undefined): void => {
    if (a === null || b === null || a === undefined || b === undefined) {
      if (a !== b) out.push(`${path}: ${String(a)} ≠ ${String(b)}`);
    } else if (!close(a, b)) out.push(`${path}: ${a} ≠ ${b}`);
  };
  if (engine.partnerId !== ref.partnerId) out.push(`partnerId: ${engine.partnerId} ≠ ${ref.partnerId}`);
  if (engine.asOf !== ref.asOf) out.push(`asOf: ${engine.asOf} ≠ ${ref.asOf}`);
  if (engine.rulesVersion !== ref.rulesVersion) out.push(`rulesVersion: ${engine.rulesVersion} ≠ ${ref.rulesVersion}`);
  for (const area of only ?? AREAS) {
    const e = engine.areas[area as (typeof AREAS)[number]];
    const r = ref.areas[area];
    if (!e || !r) {
      out.push(`${area}: missing (${e ? 'reference' : 'engine'})`);
      continue;
    }
    if (e.track !== r.track) out.push(`${area}.track: ${e.track} ≠ ${r.track}`);
    const tk = [...new Set([...Object.keys(e.trackTotals), ...Object.keys(r.trackTotals)])];
    for (const t of tk) num(`${area}.trackTotals.${t}`, e.trackTotals[t as 'smb'], r.trackTotals[t as 'smb']);
    const mk = [...new Set([...Object.keys(e.metrics), ...Object.keys(r.metrics)])];
    for (const m of mk) {
      const em = e.metrics[m as 'deployments'];
      const rm = r.metrics[m];
      if (!em || !rm) {
        out.push(`${area}.${m}: only in ${em ? 'engine' : 'reference'}`);
        continue;
      }
      num(`${area}.${m}.points`, em.points, rm.points);
      num(`${area}.${m}.value`, em.value, rm.value);
      num(`${area}.${m}.maxPoints`, em.maxPoints, rm.maxPoints);
    }
    num(`${area}.total`, e.total, r.total);
    if (e.qualifiesToday !== r.qualifiesToday) out.push(`${area}.qualifiesToday: ${e.qualifiesToday} ≠ ${r.qualifiesToday}`);
  }
  return out;
}

export function compare(c: Case, only?: readonly string[]): string[] {
  const engine = engineScore(c);
  const out = diff(engine, referenceScore(c.doc, c.asOfOverride), only);
  // --explain adds explanations only: the scores must be the same.
  const explained = engineScore(c, true);
  if (JSON.stringify(explained.areas) !== JSON.stringify(engine.areas)) out.push('explain: --explain changed the scores');
  return out;
}
