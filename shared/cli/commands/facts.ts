// `pcs facts PARTNER_ID [--pretty]`: prints a stored partner's facts in the scoring contract's input
// format, as the pipeline last scored them: asOf = the state document's scoring asOf, enrollment as
// passed to the scorer (status machine's enrolled areas, frozen Azure track). So
//   npm run --silent pcs -- facts 4100003 | npm run --silent pcs -- score -
// gives the totals stored in the partner's state document (as long as no change arrived since the last
// recompute; stderr says so when one did). Settings come from the environment with local defaults
// (shared/config). Exit 1 with a message when the partner does not exist or Cosmos DB cannot be read.
import { createCosmosClient } from '../../adapters/cosmos/client.js';
import { createCosmosRepositories } from '../../adapters/cosmos/repositories/index.js';
import { createCosmosStore } from '../../adapters/cosmos/store.js';
import { ConfigError, loadConfig } from '../../config/config.js';
import { hasFacts, PartnerRepository } from '../../pipeline/partner-repository.js';
import { scoringDay } from '../../pipeline/scoring-day.js';
import { factsAsScored } from '../../pipeline/stored-facts.js';
import { type CliIo, type Command, EXIT_OK, EXIT_USAGE } from '../io.js';

const USAGE = 'usage: pcs facts PARTNER_ID [--pretty]';
const DEFAULT_TIMEOUT_MS = 30_000;

export interface FactsCommandOptions {
  env?: Record<string, string | undefined>;
  /** Give up on Cosmos DB after this long (default 30 s). */
  timeoutMs?: number;
  now?: () => Date;
}

/**
 * The local stack's Cosmos stand-in listens on LOCAL_COSMOS_PORT (and LOCAL_BIND_HOST): with no
 * COSMOS_ENDPOINT set, that is where the facts are, not the default :8081.
 */
export function withLocalCosmosPort(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const port = env.LOCAL_COSMOS_PORT?.trim();
  if ((env.COSMOS_ENDPOINT ?? '').trim() !== '' || !port || !/^\d+$/.test(port) || port === '0') return env;
  const host = env.LOCAL_BIND_HOST?.trim() || '127.0.0.1';
  return { ...env, COSMOS_ENDPOINT: `https://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}` };
}

/** The `code` an SDK error carries (Cosmos DB: the HTTP status, e.g. 404). */
function errorCode(err: unknown): number | string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' || typeof code === 'string' ? code : undefined;
}

export function createFactsCommand(options: FactsCommandOptions = {}): Command {
  async function run(args: string[], io: CliIo): Promise<number> {
    let partnerId: string | undefined;
    let pretty = false;
    for (const arg of args) {
      if (arg === '--pretty') pretty = true;
      else if (arg.startsWith('--')) return usage(io, `unknown option ${arg}`);
      else if (partnerId === undefined) partnerId = arg.trim();
      else return usage(io, `unexpected argument ${arg}`);
    }
    if (!partnerId) return usage(io, 'missing PARTNER_ID');

    let config;
    try {
      config = loadConfig(withLocalCosmosPort(options.env ?? process.env));
    } catch (err) {
      if (err instanceof ConfigError) {
        io.stderr(`pcs facts: ${err.message}\n`);
        return EXIT_USAGE;
      }
      throw err;
    }
    const client = createCosmosClient(config);
    const where = `Cosmos DB ${config.COSMOS_ENDPOINT}, database ${config.COSMOS_DATABASE}`;
    try {
      const store = createCosmosStore(client.database(config.COSMOS_DATABASE));
      const repo = new PartnerRepository({ store, repos: createCosmosRepositories(store) });
      let timer: NodeJS.Timeout | undefined;
      const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      });
      let loaded;
      try {
        loaded = await Promise.race([repo.load(partnerId), timeout]);
      } catch (err) {
        if (errorCode(err) === 404) {
          io.stderr(`pcs facts: partner ${partnerId} not found: ${where} has no partners container (nothing imported yet?)\n`);
        } else {
          const why = err instanceof Error ? err.message : String(err);
          io.stderr(
            `pcs facts: cannot read ${where}: ${why}\n(is the local stack running? npm start, or set COSMOS_ENDPOINT / COSMOS_KEY)\n`,
          );
        }
        return EXIT_USAGE;
      } finally {
        clearTimeout(timer);
      }
      if (!hasFacts(loaded)) {
        io.stderr(`pcs facts: partner ${partnerId} not found in ${where}\n`);
        return EXIT_USAGE;
      }
      const fallbackAsOf = scoringDay((options.now ?? (() => new Date()))(), config.DATA_COMPLETE_DAY).asOf;
      const { facts, state, changedSinceScored } = factsAsScored(loaded, partnerId, fallbackAsOf);
      if (!state) {
        io.stderr(
          `pcs facts: note: ${partnerId} was never recomputed; asOf ${facts.asOf} by today's date, enrollment as the profile reports it\n`,
        );
      } else if (changedSinceScored) {
        io.stderr(
          `pcs facts: note: ${partnerId}'s facts changed since its last recompute (${state.computedAt}); the stored score is older than these facts\n`,
        );
      }
      io.stdout(`${JSON.stringify(facts, null, pretty ? 2 : undefined)}\n`);
      return EXIT_OK;
    } finally {
      client.dispose();
    }
  }
  return { summary: "print a stored partner's facts (scoring contract input) as last scored", usage: USAGE, run };
}

function usage(io: CliIo, problem: string): number {
  io.stderr(`pcs facts: ${problem}\n${USAGE}\n`);
  return EXIT_USAGE;
}

export const command: Command = createFactsCommand();
