// Route and query parameters of the read API (the claims routes share partnerIdParam), as zod schemas over
// the raw strings (undefined when absent). Messages say what is wrong; parseParams (http.ts) prefixes the
// parameter's name.
import { z } from 'zod';

import { type Area, AREAS } from '../domain/facts/types.js';
import { idSchema } from '../domain/ids.js';
import { type QueueName, QUEUES } from '../ports/messageBus.js';
import { decodeContinuation } from './http.js';
import {
  AREA_SORT_COLUMNS,
  DEFAULT_SORT,
  LIST_STATUSES,
  type ListSort,
  type ListStatus,
  PARTNER_SORT_FIELDS,
  SORT_FIELDS,
} from './list-query.js';

export const DEFAULT_PARTNERS_LIMIT = 50;
export const MAX_PARTNERS_LIMIT = 200;
/** Longer than any token this API hands out for a plain cross-partition query; bounds what is decoded. */
export const MAX_CONTINUATION_CHARS = 16_384;
/** Names the list a continuation token belongs to. */
export const PARTNERS_LIST = 'partners';

/** The route's partnerId: the same rule as a claim event's partnerId, so what is stored can be read back. */
export const partnerIdParam = idSchema;

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

// ---------------------------------------------------------------------------------------------
// The portfolio list (GET /api/partners) and its summary line (GET /api/partners/summary)

/** The Azure function-key query parameter: accepted on every route, read by the platform, not by us. */
export const FUNCTION_KEY_QUERY_PARAMETER = 'code';
export const PARTNERS_LIST_PARAMETERS = ['status', 'area', 'q', 'sort', 'limit', 'continuation', FUNCTION_KEY_QUERY_PARAMETER] as const;
export const PARTNERS_SUMMARY_PARAMETERS = ['q', FUNCTION_KEY_QUERY_PARAMETER] as const;
export const MAX_SEARCH_CHARS = 100;

export const listStatusParam = z
  .string()
  .optional()
  .transform((raw, ctx): ListStatus | undefined => {
    if (raw === undefined) return undefined;
    const status = LIST_STATUSES.find((s) => s.toLowerCase() === raw.trim().toLowerCase());
    if (!status) {
      ctx.addIssue({ code: 'custom', message: `must be one of ${LIST_STATUSES.join(', ')}, got ${JSON.stringify(raw)}` });
      return z.NEVER;
    }
    return status;
  });

/** `?q=`: a case-insensitive substring of the name or the partner id; lower-cased here. */
export const searchParam = z
  .string()
  .optional()
  .transform((raw, ctx): string | undefined => {
    if (raw === undefined) return undefined;
    const t = raw.trim();
    if (t.length > MAX_SEARCH_CHARS) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_SEARCH_CHARS} characters, got ${t.length}` });
      return z.NEVER;
    }
    return t.toLowerCase();
  });

/** `?sort=field` ascending, `?sort=-field` descending; area names and columns compared case-insensitively. */
export const sortParam = z
  .string()
  .optional()
  .transform((raw, ctx): ListSort => {
    if (raw === undefined) return DEFAULT_SORT;
    const t = raw.trim();
    const descending = t.startsWith('-');
    const name = (descending ? t.slice(1) : t.startsWith('+') ? t.slice(1) : t).toLowerCase();
    const field = SORT_FIELDS.find((f) => f.toLowerCase() === name);
    if (!field) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a field, or -field for descending: ${PARTNER_SORT_FIELDS.join(', ')}, or <area>.<${AREA_SORT_COLUMNS.join('|')}>; got ${JSON.stringify(raw)}`,
      });
      return z.NEVER;
    }
    return { field, descending };
  });

/** The raw `?continuation=`, shape-checked only: it is decoded against the filters and sort (listContinuation). */
export const rawContinuationParam = z
  .string()
  .optional()
  .transform((raw, ctx): string | undefined => {
    if (raw === undefined) return undefined;
    const t = raw.trim();
    if (t.length > MAX_CONTINUATION_CHARS || !/^[A-Za-z0-9_-]+$/.test(t)) {
      ctx.addIssue({ code: 'custom', message: NOT_A_PARTNERS_CONTINUATION });
      return z.NEVER;
    }
    return t;
  });

export const OTHER_FILTERS_CONTINUATION =
  'was handed out for other filters or another sort (status, area, q, sort): start again without continuation';

/**
 * The store's token in a `?continuation=` handed out for the list `key` (list-query.ts listKey), or why
 * not: not a token of this list at all, or one of the list with other filters or sort.
 */
export function listContinuation(raw: string, key: string): { token: string } | { error: string } {
  const token = decodeContinuation(key, raw);
  if (token !== undefined) return { token };
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { list?: unknown } | null;
    if (typeof parsed?.list === 'string' && parsed.list.startsWith(`${PARTNERS_LIST}:`)) return { error: OTHER_FILTERS_CONTINUATION };
  } catch {
    // not JSON: not ours
  }
  return { error: NOT_A_PARTNERS_CONTINUATION };
}

// ---------------------------------------------------------------------------------------------
// Mails and operations

export const DEFAULT_RECORDS_LIMIT = 50;
export const MAX_RECORDS_LIMIT = 200;
export const MAILS_PARAMETERS = ['limit', FUNCTION_KEY_QUERY_PARAMETER] as const;
export const REJECTED_MESSAGES_PARAMETERS = ['limit', FUNCTION_KEY_QUERY_PARAMETER] as const;
export const DEAD_LETTERS_PARAMETERS = ['queue', 'limit', FUNCTION_KEY_QUERY_PARAMETER] as const;
export const DEFAULT_DEAD_LETTERS_LIMIT = 20;
export const MAX_DEAD_LETTERS_LIMIT = 100;

/** `?limit=` of a record list: 1 to `max`, `fallback` when absent. */
export function boundedLimitParam(fallback: number, max: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return fallback;
      const t = raw.trim();
      const n = /^\d{1,6}$/.test(t) ? Number(t) : NaN;
      if (!(n >= 1 && n <= max)) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from 1 to ${max}, got ${JSON.stringify(raw)}` });
        return z.NEVER;
      }
      return n;
    });
}

/** `?queue=`: one of the three queues (case-insensitive); absent: all three. */
export const queueParam = z
  .string()
  .optional()
  .transform((raw, ctx): QueueName | undefined => {
    if (raw === undefined) return undefined;
    const queues = Object.values(QUEUES) as QueueName[];
    const queue = queues.find((q) => q === raw.trim().toLowerCase());
    if (!queue) {
      ctx.addIssue({ code: 'custom', message: `must be one of ${queues.join(', ')}, got ${JSON.stringify(raw)}` });
      return z.NEVER;
    }
    return queue;
  });
