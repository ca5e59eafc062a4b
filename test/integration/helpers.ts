import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { type ParsedMail, simpleParser } from 'mailparser';
import { inject } from 'vitest';

import { createCosmosRepositories } from '../../shared/adapters/cosmos/repositories/index.js';
import { type Config, loadConfig } from '../../shared/config/config.js';
import type { DocumentStore } from '../../shared/ports/documentStore.js';
import type { Repositories } from '../../shared/ports/repositories.js';

/** Settings pointing at the run's stand-ins, plus a database of this test file's own. */
export function stackConfig(overrides: Record<string, string> = {}): Config {
  const { settings } = inject('stack');
  return loadConfig({ ...settings, COSMOS_DATABASE: `it-${randomUUID().slice(0, 8)}`, ...overrides }, 'local');
}

/** `{ store, repos }` over a Cosmos store (the adapter's repositories), with the rest of a handler's deps. */
export function withCosmosRepos<T extends object = object>(
  store: DocumentStore,
  rest?: T,
): T & { store: DocumentStore; repos: Repositories } {
  return { ...(rest ?? ({} as T)), store, repos: createCosmosRepositories(store) };
}

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export { waitFor } from '../../devtools/host/wait.js';

/** Every .eml in the run's SMTP sink directory whose X-Idempotency-Key is `key`. */
export async function mailsFor(key: string): Promise<ParsedMail[]> {
  const { mailDir } = inject('stack');
  const found: ParsedMail[] = [];
  for (const f of await readdir(mailDir)) {
    if (!f.endsWith('.eml')) continue;
    const raw = await readFile(path.join(mailDir, f));
    if (!raw.includes(key)) continue;
    const mail = await simpleParser(raw);
    if (mail.headers.get('x-idempotency-key') === key) found.push(mail);
  }
  return found;
}
