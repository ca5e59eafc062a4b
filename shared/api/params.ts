// Route and query parameters of the read API (the claims routes share partnerIdParam), as zod schemas over
// the raw strings (undefined when absent). Messages say what is wrong; parseParams (http.ts) prefixes the
// parameter's name.
import { z } from 'zod';
import { partnerIdSchema } from '../domain/claims/index.js';
import { AREAS, type Area } from '../domain/facts/types.js';
import { decodeContinuation } from './http.js';

export const DEFAULT_PARTNERS_LIMIT = 50;
export const MAX_PARTNERS_LIMIT = 200;
/** Longer than any token this API hands out for a plain cross-partition query; bounds what is decoded. */
export const MAX_CONTINUATION_CHARS = 16_384;
/** Names the list a continuation token belongs to. */
export const PARTNERS_LIST = 'partners';

/** The route's partnerId: the same rule as a claim event's partnerId, so what is stored can be read back. */
export const partnerIdParam = partnerIdSchema;

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

/** Why a continuation is refused: not handed out by this list (decoding fails) or refused by the store (listPartners). */
export const NOT_A_PARTNERS_CONTINUATION = 'is not a continuation token from a previous page of this list';

/** The opaque token of the previous page's `continuation`; decoded to the store's token. */
export const partnersContinuationParam = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined) return undefined;
    const decoded = raw.length <= MAX_CONTINUATION_CHARS ? decodeContinuation(PARTNERS_LIST, raw.trim()) : undefined;
    if (decoded === undefined) {
      ctx.addIssue({ code: 'custom', message: NOT_A_PARTNERS_CONTINUATION });
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
