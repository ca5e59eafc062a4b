// Scoring figures of `npm run bench` (bench/run.ts): parse, validate and score 1,000 generated partners
// one at a time, and report each phase as a ratio to JSON.parse of the same text. Target: validation +
// scoring ≤ 1× parse.
import { performance } from 'node:perf_hooks';

import { parseFacts } from '../shared/domain/facts/schema.js';
import type { PartnerFacts } from '../shared/domain/facts/types.js';
import { currentRules } from '../shared/domain/rules/load.js';
import { scorePartner } from '../shared/domain/scoring/score-partner.js';
import { generatePartner } from './generate.js';

const rules = currentRules();

export interface Totals {
  records: number;
  bytes: number;
  parse: number;
  validate: number;
  score: number;
}

function run(count: number, offset: number): Totals {
  const totals: Totals = { records: 0, bytes: 0, parse: 0, validate: 0, score: 0 };
  let sink = 0;
  for (let i = 0; i < count; i++) {
    const text = JSON.stringify(generatePartner(offset + i));
    totals.bytes += Buffer.byteLength(text);
    const t0 = performance.now();
    const raw = JSON.parse(text) as unknown;
    const t1 = performance.now();
    const parsed = parseFacts(raw);
    const t2 = performance.now();
    if (!parsed.ok) throw new Error(`generated partner ${offset + i} is invalid: ${JSON.stringify(parsed.errors[0])}`);
    const facts: PartnerFacts = parsed.facts;
    const t3 = performance.now();
    const scores = scorePartner(facts, rules);
    const t4 = performance.now();
    totals.parse += t1 - t0;
    totals.validate += t2 - t1;
    totals.score += t4 - t3;
    for (const c of facts.customers) totals.records += c.usage.length;
    sink += scores.areas.modernWork.total;
  }
  if (Number.isNaN(sink)) console.log('');
  return totals;
}

export function scoringBench(partners: number): Totals {
  run(Math.min(100, partners), 1_000_000); // warm up the JIT on partners outside the measured set
  return run(partners, 0);
}
