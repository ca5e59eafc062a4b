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
