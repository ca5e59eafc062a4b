// `pcs forecast FACTS.json|- [--as-of YYYY-MM-DD] [--pretty]`: per partner, an array of two results in
// the shape of `pcs score` — the same day of next month and of the month after, month M's usage carried
// forward — each area adding `flag` (docs/guidance.md, "Forecast"). Input and errors as `pcs score`.
import { forecastPartner } from '../../domain/guidance/forecast.js';
import { currentRules } from '../../domain/rules/load.js';
import { parseFactsArgs, printResults, readFactsInput } from '../facts-input.js';
import { type CliIo, type Command, EXIT_OK, EXIT_USAGE } from '../io.js';

const USAGE = 'usage: pcs forecast FACTS.json|- [--as-of YYYY-MM-DD] [--pretty]';

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseFactsArgs(args, ['pretty']);
  if (typeof parsed === 'string') {
    io.stderr(`pcs forecast: ${parsed}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const input = await readFactsInput('forecast', parsed, io);
  if (!input.ok) return input.exitCode;
  const rules = currentRules();
  printResults(
    io,
    input.facts.map((f) => forecastPartner(f, rules).forecasts),
    input.array,
    parsed.flags.has('pretty'),
  );
  return EXIT_OK;
}

export const command: Command = { summary: 'forecast next month and the month after (JSON)', usage: USAGE, run };
