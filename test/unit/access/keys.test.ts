// API keys: their shape, their hash (the only thing stored), and the repository's create / find / revoke / list.
import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { ApiKeyRepository, generateKey, hashKey, looksLikeKey, principalOfKey } from '../../../shared/access/keys.js';
import { API_KEYS_PK } from '../../../shared/ports/repositories.js';
import { MemoryStore } from '../../support/memory-store.js';

const now = new Date('2026-11-21T10:00:00Z');

describe('API keys', () => {
  it('are dt_ + base64url of 32 random bytes, each one new', () => {
    const keys = Array.from({ length: 50 }, generateKey);
    for (const k of keys) {
      expect(k).toMatch(/^dt_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(k.slice(3), 'base64url')).toHaveLength(32);
      expect(looksLikeKey(k)).toBe(true);
    }
    expect(new Set(keys).size).toBe(keys.length);
    expect(looksLikeKey('dt_short')).toBe(false);
    expect(looksLikeKey(`xx_${keys[0]!.slice(3)}`)).toBe(false);
  });

  it('hash as sha256 hex of the key', () => {
    const key = 'dt_' + 'A'.repeat(43);
    expect(hashKey(key)).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashKey(key)).not.toBe(hashKey('dt_' + 'B'.repeat(43)));
  });
});

describe('ApiKeyRepository', () => {
  it('stores the hash, never the key, in operations / api-keys', async () => {
    const store = new MemoryStore();
    const { key, doc } = await new ApiKeyRepository(store, store.repos.apiKeys).create(
      { partners: [' 4100003 ', '4100001', '4100003'], admin: false },
      now,
    );
    expect(doc).toEqual({
      id: hashKey(key),
      pk: API_KEYS_PK,
      partners: ['4100001', '4100003'],
      admin: false,
      createdAt: now.toISOString(),
      revokedAt: null,
    });
    const stored = JSON.stringify([...store.collection('operations').docs.values()]);
    expect(stored).toContain(hashKey(key));
    expect(stored).not.toContain(key.slice(3));
  });

  it('finds a key by a point read, revokes it once, and lists documents without keys', async () => {
    const store = new MemoryStore();
    const repo = new ApiKeyRepository(store, store.repos.apiKeys);
    const admin = await repo.create({ partners: [], admin: true }, now);
    const partner = await repo.create({ partners: ['p1'], admin: false }, new Date('2026-11-22T00:00:00Z'));
    expect(await repo.find(admin.key)).toEqual(admin.doc);
    expect(await repo.find(generateKey())).toBeUndefined();
    expect(await repo.find('not a key')).toBeUndefined();

    const revoked = await repo.revoke(partner.key, new Date('2026-11-23T00:00:00Z'));
    expect(revoked?.revokedAt).toBe('2026-11-23T00:00:00.000Z');
    // A second revoke keeps the first time.
    expect((await repo.revoke(partner.key, new Date('2026-12-01T00:00:00Z')))?.revokedAt).toBe('2026-11-23T00:00:00.000Z');
    expect(await repo.revoke(generateKey(), now)).toBeUndefined();

    const listed = await repo.list();
    expect(listed.map((d) => d.id)).toEqual([admin.doc.id, partner.doc.id]);
    expect(JSON.stringify(listed)).not.toContain(admin.key);
  });

  it('turns a document into a principal: admin sees all, a partner key its partners', () => {
    const base = { pk: API_KEYS_PK, createdAt: now.toISOString(), revokedAt: null } as const;
    expect(principalOfKey({ ...base, id: 'a', partners: [], admin: true })).toEqual({
      admin: true,
      partners: null,
      keyId: 'a',
      via: 'key',
    });
    expect(principalOfKey({ ...base, id: 'b', partners: ['p1', 'p2'], admin: false })).toEqual({
      admin: false,
      partners: new Set(['p1', 'p2']),
      keyId: 'b',
      via: 'key',
    });
  });
});
