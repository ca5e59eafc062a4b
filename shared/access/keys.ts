// The app's API keys: random `dt_<base64url of 32 bytes>` strings, stored only as their sha256 (hex) in Cosmos
// `operations`, partition `api-keys`, document id = the hash. Every request point-reads its key's document,
// so a new or revoked key takes effect at once, on every instance, without a restart.
import { createHash, randomBytes } from 'node:crypto';

import { type DocumentStore } from '../ports/documentStore.js';
import { API_KEYS_PK, type ApiKeyQueries } from '../ports/repositories.js';
import { retryOnConflict } from '../store/conditional.js';
import type { Principal } from './principal.js';

/** Partition of the key documents in the `operations` container. */
export { API_KEYS_PK };
export const KEY_PREFIX = 'dt_';
const KEY_SHAPE = /^dt_[A-Za-z0-9_-]{43}$/;

export interface ApiKeyDoc {
  [field: string]: unknown;
  /** sha256 of the key, hex. */
  id: string;
  pk: typeof API_KEYS_PK;
  /** Partner ids the key may see; empty for an admin key. */
  partners: string[];
  admin: boolean;
  createdAt: string;
  /** When it was revoked; null while it is valid. */
  revokedAt: string | null;
}

/** A new key: 32 random bytes, base64url, prefixed so it is recognisable in a secret scanner. */
export function generateKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** The key's id as stored: sha256 of the key's UTF-8 bytes, hex (the key itself is never stored). */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Shaped like a key this app hands out (anything else is refused without a read). */
export function looksLikeKey(key: string): boolean {
  return KEY_SHAPE.test(key);
}

export function principalOfKey(doc: ApiKeyDoc): Principal {
  return doc.admin
    ? { admin: true, partners: null, keyId: doc.id, via: 'key' }
    : { admin: false, partners: new Set(doc.partners), keyId: doc.id, via: 'key' };
}

export class ApiKeyRepository {
  constructor(
    private readonly store: DocumentStore,
    private readonly queries: ApiKeyQueries,
  ) {}

  private get docs() {
    return this.store.collection('operations');
  }

  /** Makes a key and stores its hash; returns the key (shown once) and its document. */
  async create(scope: { partners: readonly string[]; admin: boolean }, now: Date): Promise<{ key: string; doc: ApiKeyDoc }> {
    const key = generateKey();
    const doc: ApiKeyDoc = {
      id: hashKey(key),
      pk: API_KEYS_PK,
      partners: scope.admin ? [] : [...new Set(scope.partners.map((p) => p.trim()))].sort(),
      admin: scope.admin,
      createdAt: now.toISOString(),
      revokedAt: null,
    };
    await this.docs.create(doc);
    return { key, doc };
  }

  /** The key's document if the key is known (revoked or not); one point read. */
  async find(key: string): Promise<ApiKeyDoc | undefined> {
    if (!looksLikeKey(key)) return undefined;
    return (await this.docs.read<ApiKeyDoc>(hashKey(key), API_KEYS_PK))?.doc;
  }

  /** Marks the key revoked (idempotent: the first revocation time stays). Undefined when the key is unknown. */
  async revoke(key: string, now: Date): Promise<ApiKeyDoc | undefined> {
    return looksLikeKey(key) ? this.revokeId(hashKey(key), now) : undefined;
  }

  /** Revokes by id (the hash, as `keys list` shows it), for a key nobody has any more. */
  async revokeId(id: string, now: Date): Promise<ApiKeyDoc | undefined> {
    // Changed since read (another revoke): read again, until one write holds.
    return retryOnConflict(
      async () => {
        const found = await this.docs.read<ApiKeyDoc>(id, API_KEYS_PK);
        if (!found) return undefined;
        if (found.doc.revokedAt) return found.doc;
        return (await this.docs.replace<ApiKeyDoc>({ ...found.doc, revokedAt: now.toISOString() }, found.etag)).doc;
      },
      { maxAttempts: Infinity, retryOn: (err) => (err as Error | null)?.name === 'DocumentPreconditionError' },
    );
  }

  /** Every key document (ids are hashes; keys are never stored), oldest first. */
  async list(): Promise<ApiKeyDoc[]> {
    const out = (await this.queries.list()) as ApiKeyDoc[];
    return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  }
}
