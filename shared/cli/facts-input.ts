// What the commands that take partner facts share (`score`, `gap`, `forecast`): their arguments
// (FACTS.json|- and --as-of), reading the input, and validating every document by the scoring contract
// — bad input exits 2 with the document index, field path and reason on stderr, nothing on stdout.
import { isRealDate } from '../domain/calendar/dates.js';
import { type FactsError, parseFacts } from '../domain/facts/schema.js';
import type { PartnerFacts } from '../domain/facts/types.js';
import { type CliIo, EXIT_BAD_INPUT, EXIT_USAGE, InputNotFound } from './io.js';

export interface FactsArgs {
  input: string;
  asOf?: string;
  /** Boolean flags given (`--pretty`), by name without the dashes. */
  flags: Set<string>;
  /** Options with a value (`--area X`), by name without the dashes. */
  options: Map<string, string>;
}

/**
 * FACTS.json|- plus `--as-of D`, the boolean `flags` and the valued `options` a command accepts
 * (`--name value` or `--name=value`). A string is the usage problem.
 */
export function parseFactsArgs(args: readonly string[], flags: readonly string[], options: readonly string[] = []): FactsArgs | string {
  const out: FactsArgs = { input: '', flags: new Set(), options: new Map() };
  let input: string | undefined;
  const valued = ['as-of', ...options];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (valued.includes(name)) {
        const value = inline ?? args[++i];
        if (value === undefined) return `--${name} needs a value`;
        if (name === 'as-of') out.asOf = value;
        else out.options.set(name, value);
      } else if (flags.includes(name) && inline === undefined) out.flags.add(name);
      else return `unknown option ${arg}`;
    } else if (input === undefined) input = arg;
    else return `unexpected argument ${arg}`;
  }
  if (input === undefined) return 'missing FACTS.json (or - for standard input)';
  out.input = input;
  return out;
}

export type FactsInput = { ok: true; facts: PartnerFacts[]; array: boolean } | { ok: false; exitCode: number };

/** Reads and validates the documents; on a problem writes it to stderr (prefixed `pcs <command>:`). */
export async function readFactsInput(command: string, args: FactsArgs, io: CliIo): Promise<FactsInput> {
  const fail = (exitCode: number, message: string): FactsInput => {
    io.stderr(message);
    return { ok: false, exitCode };
  };
  if (args.asOf !== undefined && !isRealDate(args.asOf)) {
    return fail(EXIT_BAD_INPUT, `pcs ${command}: --as-of: not a real date ${JSON.stringify(args.asOf)} (expected YYYY-MM-DD)\n`);
  }
  let text: string;
  try {
    text = await io.readInput(args.input);
  } catch (error) {
    if (error instanceof InputNotFound) return fail(EXIT_USAGE, `pcs ${command}: ${error.message}\n`);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(EXIT_BAD_INPUT, `pcs ${command}: document 0: not JSON: ${(error as Error).message}\n`);
  }
  const documents = Array.isArray(json) ? json : [json];
  const facts: PartnerFacts[] = [];
  const problems: string[] = [];
  documents.forEach((document, index) => {
    const result = parseFacts(document, args.asOf === undefined ? {} : { asOfOverride: args.asOf });
    if (result.ok) facts.push(result.facts);
    else for (const error of result.errors) problems.push(describe(index, error));
  });
  if (problems.length > 0) return fail(EXIT_BAD_INPUT, problems.map((p) => `pcs ${command}: ${p}\n`).join(''));
  return { ok: true, facts, array: Array.isArray(json) };
}

function describe(index: number, error: FactsError): string {
  return `document ${index}: ${error.path === '' ? '(document)' : error.path}: ${error.message}`;
}

/** One result for one document, an array for an array: as `pcs score` prints. */
export function printResults(io: CliIo, results: readonly unknown[], array: boolean, pretty: boolean): void {
  io.stdout(`${JSON.stringify(array ? results : results[0], null, pretty ? 2 : undefined)}\n`);
}
