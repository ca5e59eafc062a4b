// Canonical JSON (object keys sorted, undefined dropped) and hashing. Used for deterministic message
// ids and for the tie-break of last-writer-wins: two observations with the same key and the same
// observedAt must resolve the same way whatever order they arrive in, so we need a total order on
// their content, and canonical JSON gives one.
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Total order on canonical JSON texts (plain code-unit order, stable across runtimes). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
