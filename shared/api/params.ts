// Route and query parameters of the partner read API, as zod schemas over the raw strings (undefined
// when absent). Messages say what is wrong; parseParams (http.ts) prefixes the parameter's name.
import { z } from 'zod';
import { AREAS, type Area } from '../domain/facts/types.js';
import { decodeContinuation } from './http.js';

export const DEFAULT_PARTNERS_LIMIT = 50;
export const MAX_PARTNERS_LIMIT = 200;
/** Longer than any token this API hands out for a plain cross-partition query; bounds what is decoded. */
export const MAX_CONTINUATION_CHARS = 16_384;
/** Same bound as the recompute message's partnerId. */
export const MAX_PARTNER_ID_CHARS = 128;
/** Names the list a continuation token belongs to. */
export const PARTNERS_LIST = 'partners';

export const partnerIdParam = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_PARTNER_ID_CHARS, `must be at most ${MAX_PARTNER_ID_CHARS} characters`)
  // Characters Cosmos DB does not allow in ids and partition-key lookups by route, and control characters.
  .refine((s) => !/[/\\?#\u0000-\u001f\u007f]/.test(s), 'must not contain /, \\, ?, # or control characters');

export const limitParam = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined) return DEFAULT_PARTNERS_LIMIT;
    const t = raw.trim();
    const n = /^\d{1,6}$/.test(t) ? Number(t) : NaN;
    if (!(n >= 1 && n <= MAX_PARTNERS_LIMIT)) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number from 1 to ${MAX_PARTNERS_LIMIT}, got ${JSON.stringify(raw)}` });
      return z.NEVER;
    }
    return n;
  });

/** The opaque token of the previous page's `continuation`; decoded to the store's token. */
export const partnersContinuationParam = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined) return undefined;
    const decoded = raw.length <= MAX_CONTINUATION_CHARS ? decodeContinuation(PARTNERS_LIST, raw.trim()) : undefined;
    if (decoded === undefined) {
      ctx.addIssue({ code: 'custom', message: 'is not a continuation token from a previous page of this list' });
      return z.NEVER;
    }
    return decoded;
  });

export const areaParam = z
  .string()
  .optional()
  .transform((raw, ctx): Area | undefined => {
    if (raw === undefined) return undefined;
    const t = raw.trim();
    const area = AREAS.find((a) => a.toLowerCase() === t.toLowerCase());
    if (!area) {
      ctx.addIssue({ code: 'custom', message: `must be one of ${AREAS.join(', ')}, got ${JSON.stringify(raw)}` });
      return z.NEVER;
    }
    return area;
  });
