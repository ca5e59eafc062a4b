// `pcs score FACTS.json|- [--as-of YYYY-MM-DD] [--explain] [--pretty]`: scores one partner's facts or
// an array of them (scoring-contract.md, "The command"). Only JSON goes to stdout; bad input exits 2
// with the document index, field path and reason on stderr and nothing on stdout.
import { isRealDate } from '../../domain/calendar/dates.js';
import { parseFacts, type FactsError } from '../../domain/facts/schema.js';
import type { PartnerFacts } from '../../domain/facts/types.js';
import { currentRules } from '../../domain/rules/load.js';
import { scorePartner } from '../../domain/scoring/score-partner.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, InputNotFound, type CliIo, type Command } from '../io.js';

const USAGE = 'usage: pcs score FACTS.json|- [--as-of YYYY-MM-DD] [--explain] [--pretty]';

interface ScoreArgs {
  input: string;
  asOf?: string;
  explain: boolean;
  pretty: boolean;
}

function parseArgs(args: string[]): ScoreArgs | string {
  let input: string | undefined;
  let asOf: string | undefined;
  let explain = false;
  let pretty = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--as-of') {
      const value = args[++i];
      if (value === undefined) return '--as-of needs a date';
      asOf = value;
    } else if (arg.startsWith('--as-of=')) asOf = arg.slice('--as-of='.length);
    else if (arg === '--explain') explain = true;
    else if (arg === '--pretty') pretty = true;
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (input === undefined) input = arg;
    else return `unexpected argument ${arg}`;
  }
  if (input === undefined) return 'missing FACTS.json (or - for standard input)';
  return asOf === undefined ? { input, explain, pretty } : { input, asOf, explain, pretty };
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`pcs score: ${parsed}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (parsed.asOf !== undefined && !isRealDate(parsed.asOf)) {
    io.stderr(`pcs score: --as-of: not a real date ${JSON.stringify(parsed.asOf)} (expected YYYY-MM-DD)\n`);
    return EXIT_BAD_INPUT;
  }
  let text: string;
  try {
    text = await io.readInput(parsed.input);
  } catch (error) {
    if (error instanceof InputNotFound) {
      io.stderr(`pcs score: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    io.stderr(`pcs score: document 0: not JSON: ${(error as Error).message}\n`);
    return EXIT_BAD_INPUT;
  }
  const documents = Array.isArray(json) ? json : [json];
  const facts: PartnerFacts[] = [];
  const problems: string[] = [];
  documents.forEach((document, index) => {
    const result = parseFacts(document, parsed.asOf === undefined ? {} : { asOfOverride: parsed.asOf });
    if (result.ok) facts.push(result.facts);
    else for (const error of result.errors) problems.push(describe(index, error));
  });
  if (problems.length > 0) {
    io.stderr(problems.map((p) => `pcs score: ${p}\n`).join(''));
    return EXIT_BAD_INPUT;
  }
  const rules = currentRules();
  const scores = facts.map((f) => scorePartner(f, rules, f.asOf, { explain: parsed.explain }));
  const output = Array.isArray(json) ? scores : scores[0];
  io.stdout(`${JSON.stringify(output, null, parsed.pretty ? 2 : undefined)}\n`);
  return EXIT_OK;
}

function describe(index: number, error: FactsError): string {
  return `document ${index}: ${error.path === '' ? '(document)' : error.path}: ${error.message}`;
}

export const command: Command = { summary: 'score partner facts (JSON) on a day', usage: USAGE, run };
