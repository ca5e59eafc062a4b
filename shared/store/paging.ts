// The one way to follow continuation tokens over a DocumentCollection-shaped query: every page
// (queryPages), every result (queryAllPages), or the first page with something in it (firstNonEmptyPage).
// Used by the Cosmos adapter's repositories and by collections built over another one (decorators, fakes).
import type { Page, QueryOptions, QuerySpec } from '../ports/documentStore.js';

/** Empty pages a cross-partition query may return before the last one (Cosmos DB does): read on, bounded. */
export const MAX_EMPTY_PAGES = 5;

export type PagedQuery<T> = (spec: QuerySpec, options: QueryOptions) => Promise<Page<T>>;

/** Every page of `spec`, one after the other (the last one may be empty). */
export async function* queryPages<T>(
  query: PagedQuery<T>,
  spec: QuerySpec,
  options: Omit<QueryOptions, 'continuationToken'> = {},
): AsyncIterable<T[]> {
  let continuationToken: string | undefined;
  do {
    const page = await query(spec, { ...options, ...(continuationToken ? { continuationToken } : {}) });
    yield page.items;
    continuationToken = page.continuationToken;
  } while (continuationToken);
}

/** Every result of `spec`, page by page. */
export async function* queryAllPages<T>(
  query: PagedQuery<T>,
  spec: QuerySpec,
  options: Omit<QueryOptions, 'continuationToken'> = {},
): AsyncIterable<T> {
  for await (const items of queryPages(query, spec, options)) yield* items;
}

/**
 * One page of `spec` from `options.continuationToken`, reading on past empty pages (at most
 * `maxEmptyPages` of them): the rows `keep` accepts, and the token after them (undefined at the end).
 */
export async function firstNonEmptyPage<T>(
  query: PagedQuery<T>,
  spec: QuerySpec,
  options: QueryOptions = {},
  keep: (row: T) => boolean = () => true,
  maxEmptyPages = MAX_EMPTY_PAGES,
): Promise<{ items: T[]; continuationToken: string | undefined }> {
  const { continuationToken: from, ...rest } = options;
  let token = from;
  let items: T[];
  for (let empty = 0; ; empty++) {
    const page = await query(spec, { ...rest, ...(token ? { continuationToken: token } : {}) });
    items = page.items.filter(keep);
    token = page.continuationToken;
    if (items.length > 0 || !token || empty >= maxEmptyPages) break;
  }
  return { items, continuationToken: token };
}
