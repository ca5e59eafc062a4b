// Certification, service and workload names compare case-insensitively with surrounding spaces ignored.

/** Distinct raw names cached before a cache starts over: bounds memory for pathological inputs. */
const MAX_CACHED_NAMES = 50_000;

export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Resolves raw names from facts to catalog entries. Facts repeat the same few names thousands of
 * times, so each distinct raw string is normalised and looked up once.
 */
export class NameLookup<T> {
  private readonly byKey = new Map<string, T>();
  private readonly byRaw = new Map<string, T | null>();
  /** Alias prefixes as comparison keys. */
  private readonly prefixKeys: readonly string[];

  constructor(entries: Iterable<readonly [string, T]>, aliasPrefixes: readonly string[] = []) {
    for (const [name, value] of entries) this.byKey.set(nameKey(name), value);
    this.prefixKeys = aliasPrefixes.map(nameKey);
  }

  get(raw: string): T | undefined {
    const cached = this.byRaw.get(raw);
    if (cached !== undefined) return cached ?? undefined;
    let key = nameKey(raw);
    let value = this.byKey.get(key);
    if (value === undefined) {
      for (const p of this.prefixKeys) {
        if (key.startsWith(p)) {
          key = key.slice(p.length).trim();
          value = this.byKey.get(key);
          if (value !== undefined) break;
        }
      }
    }
    if (this.byRaw.size > MAX_CACHED_NAMES) this.byRaw.clear();
    this.byRaw.set(raw, value ?? null);
    return value;
  }

  has(raw: string): boolean {
    return this.get(raw) !== undefined;
  }
}

/** Raw name → comparison key, cached (distinct names are few; records are many). */
export class NameKeys {
  private readonly cache = new Map<string, string>();
  key(raw: string): string {
    let key = this.cache.get(raw);
    if (key === undefined) {
      key = nameKey(raw);
      if (this.cache.size > MAX_CACHED_NAMES) this.cache.clear();
      this.cache.set(raw, key);
    }
    return key;
  }
}
