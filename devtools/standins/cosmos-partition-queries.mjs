// A query sent for one partition (the SDK's `partitionKey` option → header x-ms-documentdb-partitionkey)
// reads that partition only, as Cosmos DB does. @vercel/cosmosdb-server evaluates every query over every
// document of the container, so a query's cost grew with all partners' data (the soak's bottleneck: the
// stand-in, not the app). The partition of each request is carried to the query by AsyncLocalStorage.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Items = require('@vercel/cosmosdb-server/lib/account/items.js').default;
const requestPartition = new AsyncLocalStorage();

/** The single string partition key value a request names, or undefined (none, or a cross-partition query). */
function partitionOf(req) {
  const header = req.headers['x-ms-documentdb-partitionkey'];
  if (typeof header !== 'string' || header === '[{}]') return undefined;
  try {
    const parsed = JSON.parse(header);
    return Array.isArray(parsed) && parsed.length === 1 && typeof parsed[0] === 'string' ? parsed[0] : undefined;
  } catch {
    return undefined;
  }
}

export function scopeQueriesToPartition(server) {
  // Set on every request (undefined included): a keep-alive socket's next request must not inherit it.
  server.prependListener('request', (req) => requestPartition.enterWith(partitionOf(req)));
  const query = Items.prototype.query;
  Items.prototype.query = function scopedQuery(params, options) {
    const partition = requestPartition.getStore();
    if (partition === undefined) return query.call(this, params, options);
    const all = this._data;
    const inPartition = new Map();
    for (const [rid, item] of all) if (this._getPartition(item.read()) === partition) inPartition.set(rid, item);
    // query() is synchronous: the container sees only the partition for the length of this call.
    this._data = inPartition;
    try {
      return query.call(this, params, options);
    } finally {
      this._data = all;
    }
  };
}

/**
 * The query plan the SDK asks for alongside every query (header x-ms-cosmos-is-query-plan-request): it
 * uses the plan only when the query itself is refused as needing one, which this server never does (it
 * evaluates every query itself). @vercel/cosmosdb-server does not know the header and ran the query as
 * a cross-partition one over the whole container, once more per query: here it answers at once with
 * the plan the service gives a plain query (no ORDER BY, aggregates, DISTINCT, TOP/OFFSET; the full key
 * range). Call after every other 'request' listener is registered: it delegates everything else to them.
 */
export function answerQueryPlans(server) {
  const listeners = server.listeners('request');
  server.removeAllListeners('request');
  server.on('request', (req, res) => {
    if (String(req.headers['x-ms-cosmos-is-query-plan-request'] ?? '').toLowerCase() !== 'true') {
      for (const listener of listeners) listener.call(server, req, res);
      return;
    }
    req.resume();
    req.on('end', () => {
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-ms-request-charge', '0');
      res.end(JSON.stringify(PLAIN_QUERY_PLAN));
    });
  });
}

const PLAIN_QUERY_PLAN = {
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: 'None',
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: '',
    hasSelectValue: false,
    dCountInfo: null,
  },
  queryRanges: [{ min: '', max: 'FF', isMinInclusive: true, isMaxInclusive: false }],
};
