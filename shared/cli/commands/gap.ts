// `pcs gap FACTS.json|- [--area A] [--as-of YYYY-MM-DD] [--costs JSON|FILE] [--pretty]`: per partner,
// the gap analysis of docs/guidance.md — for each area (or only --area) whether it qualifies today and,
// if not, the plan of actions that would make it qualify, its total after the plan and its cost. Input,
// validation and exit codes as `pcs score`; an unknown --area or an invalid --costs exits 2 too.
import { type Area, AREAS } from '../../domain/facts/types.js';
import { parseCosts } from '../../domain/guidance/costs.js';
import { planPartner } from '../../domain/guidance/plan.js';
import type { CostTable } from '../../domain/guidance/types.js';
import { currentRules } from '../../domain/rules/load.js';
import { parseFactsArgs, printResults, readFactsInput } from '../facts-input.js';
import { type CliIo, type Command, EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, InputNotFound } from '../io.js';

const USAGE = 'usage: pcs gap FACTS.json|- [--area AREA] [--as-of YYYY-MM-DD] [--costs JSON|FILE] [--pretty]';

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseFactsArgs(args, ['pretty'], ['area', 'costs']);
  if (typeof parsed === 'string') {
    io.stderr(`pcs gap: ${parsed}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const area = parsed.options.get('area');
  if (area !== undefined && !(AREAS as readonly string[]).includes(area)) {
    io.stderr(`pcs gap: --area: unknown area ${JSON.stringify(area)} (expected one of ${AREAS.join(', ')})\n`);
    return EXIT_BAD_INPUT;
  }
  const costs = await readCosts(parsed.options.get('costs'), io);
  if (typeof costs === 'number') return costs;
  const input = await readFactsInput('gap', parsed, io);
  if (!input.ok) return input.exitCode;
  const rules = currentRules();
  const options = { costs, ...(area === undefined ? {} : { area: area as Area }) };
  printResults(
    io,
    input.facts.map((f) => planPartner(f, rules, options)),
    input.array,
    parsed.flags.has('pretty'),
  );
  return EXIT_OK;
}

/** `--costs '{"newCustomer":5}'` or a file holding that JSON; a number is the exit code on a problem. */
async function readCosts(value: string | undefined, io: CliIo): Promise<CostTable | undefined | number> {
  if (value === undefined) return undefined;
  let text = value;
  if (!value.trimStart().startsWith('{')) {
    try {
      text = await io.readInput(value);
    } catch (error) {
      if (error instanceof InputNotFound) {
        io.stderr(`pcs gap: --costs: ${error.message}\n`);
        return EXIT_USAGE;
      }
      throw error;
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    io.stderr(`pcs gap: --costs: not JSON: ${(error as Error).message}\n`);
    return EXIT_BAD_INPUT;
  }
  const result = parseCosts(json);
  if (!result.ok) {
    io.stderr(result.errors.map((e) => `pcs gap: --costs: ${e}\n`).join(''));
    return EXIT_BAD_INPUT;
  }
  return result.costs;
}

export const command: Command = { summary: 'plan what would make each area qualify (JSON)', usage: USAGE, run };
