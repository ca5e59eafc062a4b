// `npm run bench [-- --json]`: parse, validate and score 1,000 generated partners one at a time, and report
// each phase as a ratio to JSON.parse of the same text. Targets: validation + scoring ≤ 1× parse. Not
// asserted anywhere; `--json` adds the figures as one JSON object on the last line.
import { performance } from 'node:perf_hooks';
import { parseFacts } from '../shared/domain/facts/schema.js';
import type { PartnerFacts } from '../shared/domain/facts/types.js';
import { currentRules } from '../shared/domain/rules/load.js';
import { scorePartner } from '../shared/domain/scoring/score-partner.js';
import { generatePartner } from './generate.js';

const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 1000);
const WARMUP = Math.min(100, PARTNERS);
const rules = currentRules();

interface Totals {
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

run(WARMUP, 1_000_000); // warm up the JIT on partners outside the measured set
const t = run(PARTNERS, 0);
const ms = (v: number) => `${v.toFixed(0)} ms`;
const ratio = (v: number) => `${(v / t.parse).toFixed(2)}×`;
const json = process.argv.includes('--json');
const lines = [
  `command       npm run bench${json ? ' -- --json' : ''}  (BENCH_PARTNERS=${PARTNERS})`,
  `partners      ${PARTNERS}`,
  `usage records ${t.records.toLocaleString('en-US')}`,
  `facts text    ${(t.bytes / 1e6).toFixed(1)} MB`,
  `JSON.parse    ${ms(t.parse)}  1.00×  (${(t.bytes / 1e6 / (t.parse / 1000)).toFixed(0)} MB/s)`,
  `validation    ${ms(t.validate)}  ${ratio(t.validate)}  (single pass; zod only for the errors of an invalid document)`,
  `scoring       ${ms(t.score)}  ${ratio(t.score)}  (six areas, both tracks where computed)`,
  `valid.+score  ${ms(t.validate + t.score)}  ${ratio(t.validate + t.score)}  (target ≤ 1×)`,
];
for (const line of lines) console.log(line);
// The same run as one JSON object on the last line, for checks that read figures.
if (json) {
  const round = (v: number) => Math.round(v * 1000) / 1000;
  console.log(
    JSON.stringify({
      partners: PARTNERS,
      validateOverParse: round(t.validate / t.parse),
      scoreOverParse: round(t.score / t.parse),
      validateScoreOverParse: round((t.validate + t.score) / t.parse),
    }),
  );
}
