// `pcs score FACTS.json|- [--as-of YYYY-MM-DD] [--explain] [--pretty]`: scores one partner's facts or
// an array of them (scoring-contract.md, "The command"). Only JSON goes to stdout; bad input exits 2
// with the document index, field path and reason on stderr and nothing on stdout.
import { currentRules } from '../../domain/rules/load.js';
import { scorePartner } from '../../domain/scoring/score-partner.js';
import { parseFactsArgs, printResults, readFactsInput } from '../facts-input.js';
import { type CliIo, type Command, EXIT_OK, EXIT_USAGE } from '../io.js';

const USAGE = 'usage: pcs score FACTS.json|- [--as-of YYYY-MM-DD] [--explain] [--pretty]';

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseFactsArgs(args, ['explain', 'pretty']);
  if (typeof parsed === 'string') {
    io.stderr(`pcs score: ${parsed}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const input = await readFactsInput('score', parsed, io);
  if (!input.ok) return input.exitCode;
  const rules = currentRules();
  const explain = parsed.flags.has('explain');
  printResults(
    io,
    input.facts.map((f) => scorePartner(f, rules, f.asOf, { explain })),
    input.array,
    parsed.flags.has('pretty'),
  );
  return EXIT_OK;
}

export const command: Command = { summary: 'score partner facts (JSON) on a day', usage: USAGE, run };
