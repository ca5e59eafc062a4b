// Packing for the parts of the hot state document that are read by the pipeline only (the hot days of
// history, the facts aggregate): deflate (raw, level 6) of the JSON, base64. Deterministic: the same
// value packs to the same text, so comparing stored documents still tells a change.
//
// A change packs and unpacks the same texts several times in one process (the state written by the
// recompute is decoded again, written again when its notifications are marked dispatched, read again by
// the mail sender), so the last texts packed and unpacked are remembered (JSON text → packed text,
// packed text → JSON text, each bounded by PACK_CACHE_CHARS): a repeat skips deflate or inflate. Only
// strings are kept, so what a caller gets is always its own freshly parsed value.
import { deflateRawSync, inflateRawSync } from 'node:zlib';

import { sha256Hex } from '../domain/changes/canonical.js';
import { canonicalText } from './canonical-fast.js';

/** Characters (keys and values) each direction of the pack cache keeps at most. */
export const PACK_CACHE_CHARS = 8_000_000;

/** A string → string map that forgets the least recently used entries past `maxChars`. */
class TextLru {
  private readonly map = new Map<string, string>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(key: string): string | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: string): void {
    const size = key.length + value.length;
    if (size > this.maxChars / 8 || this.map.has(key)) return;
    this.map.set(key, value);
    this.chars += size;
    for (const [k, v] of this.map) {
      if (this.chars <= this.maxChars) break;
      this.map.delete(k);
      this.chars -= k.length + v.length;
    }
  }
}

/** JSON text → what this process's deflate made of it; packed text (from anywhere) → its JSON text. */
const packedOf = new TextLru(PACK_CACHE_CHARS);
const jsonOf = new TextLru(PACK_CACHE_CHARS);

export function packJson(value: unknown): string {
  const json = JSON.stringify(value);
  const known = packedOf.get(json);
  if (known !== undefined) return known;
  const packed = deflateRawSync(Buffer.from(json, 'utf8')).toString('base64');
  packedOf.set(json, packed);
  jsonOf.set(packed, json);
  return packed;
}

export function unpackJson<T>(packed: string): T {
  let json = jsonOf.get(packed);
  if (json === undefined) {
    json = inflateRawSync(Buffer.from(packed, 'base64')).toString('utf8');
    jsonOf.set(packed, json);
  }
  return JSON.parse(json) as T;
}

/** sha256 of the canonical JSON: what a cold document's entry in the hot document's index keeps. */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalText(value));
}
