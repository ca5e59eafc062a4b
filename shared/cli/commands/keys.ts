// `pcs keys create [--partner ID]... [--admin]` prints a new API key on standard output, alone (so
// KEY="$(npm run --silent pcs -- keys create --admin)" works); only its sha256 is stored (Cosmos
// `operations`, partition `api-keys`). `pcs keys revoke KEY|ID` ends a key at once (by the key, or by the
// id / an unambiguous id prefix that `keys list` shows); `pcs keys list` prints id prefix, scope, created and
// revoked — never a key. Settings as `pcs facts`: the environment with local defaults (shared/config).
import { type ApiKeyDoc, ApiKeyRepository, looksLikeKey } from '../../access/keys.js';
import { createCosmosClient } from '../../adapters/cosmos/client.js';
import { createCosmosRepositories } from '../../adapters/cosmos/repositories/index.js';
import { createCosmosStore, ensureCosmosSchema } from '../../adapters/cosmos/store.js';
import { type Config, ConfigError, loadConfig } from '../../config/config.js';
import { type CliIo, type Command, EXIT_OK, EXIT_USAGE } from '../io.js';

const USAGE = [
  'usage: pcs keys create [--partner PARTNER_ID]... [--admin]   prints the new key (only its hash is stored)',
  '       pcs keys revoke KEY|ID                                  ID: the id or an id prefix from keys list',
  '       pcs keys list',
].join('\n');
const DEFAULT_TIMEOUT_MS = 30_000;
const ID_SHOWN = 16;

export interface KeysCommandOptions {
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  now?: () => Date;
}

type Parsed =
  { verb: 'create'; partners: string[]; admin: boolean } | { verb: 'revoke'; target: string } | { verb: 'list' } | { error: string };

function parse(args: string[]): Parsed {
  const [verb, ...rest] = args;
  if (verb === 'create') {
    const partners: string[] = [];
    let admin = false;
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i]!;
      if (arg === '--admin') admin = true;
      else if (arg === '--partner' || arg.startsWith('--partner=')) {
        const value = (arg === '--partner' ? rest[++i] : arg.slice('--partner='.length))?.trim();
        if (!value || value.startsWith('--')) return { error: '--partner needs a partner id' };
        partners.push(value);
      } else return { error: `unexpected argument ${arg}` };
    }
    if (admin && partners.length > 0) return { error: 'an admin key sees every partner: give --admin or --partner, not both' };
    if (!admin && partners.length === 0) return { error: 'say what the key may see: --partner ID (repeatable) or --admin' };
    return { verb, partners, admin };
  }
  if (verb === 'revoke') {
    if (rest.length !== 1 || !rest[0]!.trim()) return { error: 'revoke takes one KEY or ID' };
    return { verb, target: rest[0]!.trim() };
  }
  if (verb === 'list') return rest.length === 0 ? { verb } : { error: `unexpected argument ${rest[0]}` };
  return { error: verb === undefined ? 'missing create, revoke or list' : `unknown subcommand ${verb}` };
}

function describe(doc: ApiKeyDoc): string {
  const scope = doc.admin ? 'admin' : `partners ${doc.partners.join(',')}`;
  return `${doc.id.slice(0, ID_SHOWN)}\t${scope}\tcreated ${doc.createdAt}\t${doc.revokedAt ? `revoked ${doc.revokedAt}` : 'active'}\n`;
}

const errorCode = (err: unknown) => (err as { code?: unknown } | null)?.code;

export function createKeysCommand(options: KeysCommandOptions = {}): Command {
  async function run(args: string[], io: CliIo): Promise<number> {
    const parsed = parse(args);
    if ('error' in parsed) {
      io.stderr(`pcs keys: ${parsed.error}\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    let config: Config;
    try {
      config = loadConfig(options.env ?? process.env);
    } catch (err) {
      if (err instanceof ConfigError) {
        io.stderr(`pcs keys: ${err.message}\n`);
        return EXIT_USAGE;
      }
      throw err;
    }
    const now = options.now ?? (() => new Date());
    const client = createCosmosClient(config);
    const where = `Cosmos DB ${config.COSMOS_ENDPOINT}, database ${config.COSMOS_DATABASE}`;
    const store = createCosmosStore(client.database(config.COSMOS_DATABASE));
    const repo = new ApiKeyRepository(store, createCosmosRepositories(store).apiKeys);
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      return await Promise.race([act(parsed), timeout]);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      io.stderr(`pcs keys: cannot use ${where}: ${why}\n(is the local stack running? npm start, or set COSMOS_ENDPOINT / COSMOS_KEY)\n`);
      return EXIT_USAGE;
    } finally {
      clearTimeout(timer);
      client.dispose();
    }

    async function act(p: Exclude<Parsed, { error: string }>): Promise<number> {
      switch (p.verb) {
        case 'create': {
          let made;
          try {
            made = await repo.create(p, now());
          } catch (err) {
            // No database or container yet (nothing started against it): create them where a key allows it.
            if (errorCode(err) !== 404 || config.connections.cosmos.auth !== 'key') throw err;
            await ensureCosmosSchema(client, config.COSMOS_DATABASE);
            made = await repo.create(p, now());
          }
          io.stdout(`${made.key}\n`);
          return EXIT_OK;
        }
        case 'revoke': {
          const doc = looksLikeKey(p.target) ? await repo.revoke(p.target, now()) : await revokeById(p.target);
          if (doc === 'ambiguous') {
            io.stderr(`pcs keys: ${p.target} is the start of several key ids; give more of it\n`);
            return EXIT_USAGE;
          }
          if (!doc) {
            io.stderr(`pcs keys: no such key in ${where}\n`);
            return EXIT_USAGE;
          }
          io.stderr(
            `pcs keys: revoked ${doc.id.slice(0, ID_SHOWN)} (${doc.admin ? 'admin' : `partners ${doc.partners.join(',')}`}) as of ${doc.revokedAt}\n`,
          );
          return EXIT_OK;
        }
        case 'list': {
          let docs: ApiKeyDoc[] = [];
          try {
            docs = await repo.list();
          } catch (err) {
            if (errorCode(err) !== 404) throw err;
          }
          for (const doc of docs) io.stdout(describe(doc));
          return EXIT_OK;
        }
      }
    }

    async function revokeById(prefix: string): Promise<ApiKeyDoc | 'ambiguous' | undefined> {
      const id = prefix.toLowerCase();
      if (!/^[0-9a-f]{8,64}$/.test(id)) return undefined;
      const matches = (await repo.list()).filter((d) => d.id.startsWith(id));
      if (matches.length > 1) return 'ambiguous';
      return matches[0] ? repo.revokeId(matches[0].id, now()) : undefined;
    }
  }
  return { summary: 'create, revoke and list API keys of the HTTP API (keys are printed once, stored hashed)', usage: USAGE, run };
}

export const command: Command = createKeysCommand();
