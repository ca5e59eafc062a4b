// The `pcs` command: dispatches to a subcommand registered in ./commands/registry.ts.
//   npm run --silent pcs -- score FACTS.json [--as-of YYYY-MM-DD]
import { COMMANDS } from './commands/registry.js';
import { type CliIo, EXIT_USAGE, processIo } from './io.js';

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  const load = name === undefined ? undefined : COMMANDS[name];
  if (!load) {
    const known = Object.keys(COMMANDS).join(', ');
    io.stderr(`${name === undefined ? 'missing subcommand' : `unknown subcommand ${name}`} (known: ${known})\nusage: pcs <${known}> ...\n`);
    return EXIT_USAGE;
  }
  const command = await load();
  return command.run(args, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`pcs: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
