// DocumentCollection.queryAll in terms of its query: every result, one page after the other, following
// continuation tokens. For collections built over another one (decorators, test fakes).
import type { Page, QueryOptions, QuerySpec } from '../ports/index.js';

export async function* queryAllPages<T>(
  query: (spec: QuerySpec, options: QueryOptions) => Promise<Page<T>>,
  spec: QuerySpec,
  options: Omit<QueryOptions, 'continuationToken'> = {},
): AsyncIterable<T> {
  let continuationToken: string | undefined;
  do {
    const page = await query(spec, { ...options, ...(continuationToken ? { continuationToken } : {}) });
    yield* page.items;
    continuationToken = page.continuationToken;
  } while (continuationToken);
}
