// Persistence for @vercel/cosmosdb-server, which keeps everything in memory. Every store in it
// (databases, containers, documents) is an `Items` (lib/account/items.js) whose writes all end in
// `_set(data)` (create, replace, upsert, patch, batch) or `delete(idOrRid, partition)`. Those two are
// wrapped to journal the stored resource exactly as stored — _rid, _self, _etag and _ts included — so
// ETags stay valid across a restart. Replay calls the unwrapped methods with the recorded data.
//
// Records (journal.mjs): { t: 'put', k: 'db'|'coll'|'doc', db?, coll?, n, d } and
// { t: 'del', k, db?, coll?, rid }; db/coll are the parents' _rid, n the store's rid counter (so a new
// resource never reuses a rid). Not persisted: user-defined functions (not used by this project) and
// partition key ranges (derived: every container is created with its single range).
//
// Acknowledgement: every HTTP response waits until the journal is fsynced, so what a client saw (a
// write it made, or one it read) survives kill -9. The wait does not block the server (group commit,
// journal.mjs).
import { createRequire } from 'node:module';
import { Journal } from './journal.mjs';

const require = createRequire(import.meta.url);
const lib = (p) => require(`@vercel/cosmosdb-server/lib/${p}`);
const Items = lib('account/items.js').default;
const Databases = lib('account/databases.js').default;
const Collections = lib('account/collections.js').default;
const Documents = lib('account/documents.js').default;
const accountModule = lib('account/index.js');

function kindOf(items) {
  if (items instanceof Databases) return 'db';
  if (items instanceof Collections) return 'coll';
  if (items instanceof Documents) return 'doc';
  return undefined; // partition key ranges, UDFs
}

/** The parents' rids of a store: collections live in a database, documents in a collection. */
function parentsOf(items, kind) {
  if (kind === 'coll') return { db: items._parent.read()._rid };
  if (kind === 'doc') {
    const coll = items._parent.read();
    // A collection's _self is /dbs/<db rid>/colls/<coll rid>.
    return { db: coll._self.split('/')[2], coll: coll._rid };
  }
  return {};
}

/**
 * Wraps the store classes and makes the next Account the server creates (at 'listening') load `dir`.
 * Returns `wrapServer(server)`, which holds every response until the journal is durable.
 */
export function persistCosmos(dir, { compactBytes } = {}) {
  let account;
  let replaying = false;
  let replaceDepth = 0;

  const snapshot = function* () {
    for (const dbItem of account.databases._data.values()) {
      const db = dbItem.read();
      yield { t: 'put', k: 'db', n: account.databases._ridCount, d: db };
      for (const collItem of dbItem.collections._data.values()) {
        const coll = collItem.read();
        yield { t: 'put', k: 'coll', db: db._rid, n: dbItem.collections._ridCount, d: coll };
        for (const docItem of collItem.documents._data.values()) {
          yield { t: 'put', k: 'doc', db: db._rid, coll: coll._rid, n: collItem.documents._ridCount, d: docItem.read() };
        }
        // An emptied container keeps its counter too.
        yield { t: 'n', k: 'doc', db: db._rid, coll: coll._rid, n: collItem.documents._ridCount };
      }
    }
  };
  const { journal, records } = Journal.open(dir, 'cosmos', { compactBytes, snapshot });

  const original = { _set: Items.prototype._set, delete: Items.prototype.delete, replace: Items.prototype.replace };
  Items.prototype.replace = function (...args) {
    // replace() is delete + _set inside: journal it as one put.
    replaceDepth++;
    try {
      return original.replace.apply(this, args);
    } finally {
      replaceDepth--;
    }
  };
  Items.prototype._set = function (data) {
    const result = original._set.call(this, data);
    const kind = kindOf(this);
    if (kind && !replaying) journal.append({ t: 'put', k: kind, ...parentsOf(this, kind), n: this._ridCount, d: data });
    return result;
  };
  Items.prototype.delete = function (idOrRid, partition) {
    const kind = kindOf(this);
    const rid = kind ? this._item('/id', idOrRid, partition).read()?._rid : undefined;
    const parents = kind ? parentsOf(this, kind) : {};
    const result = original.delete.call(this, idOrRid, partition);
    if (kind && !replaying && replaceDepth === 0 && rid) journal.append({ t: 'del', k: kind, ...parents, rid });
    return result;
  };

  const storeFor = (record) => {
    if (record.k === 'db') return account.databases;
    const db = account.databases._data.get(record.db);
    if (!db) return undefined;
    if (record.k === 'coll') return db.collections;
    return db.collections._data.get(record.coll)?.documents;
  };
  const removeRid = (items, rid) => {
    const existing = items._data.get(rid)?.read();
    if (existing) original.delete.call(items, existing.id, items._getPartition(existing));
  };
  const replay = () => {
    replaying = true;
    let applied = 0;
    try {
      for (const record of records) {
        const items = storeFor(record);
        if (!items) continue; // its parent was deleted later in the log
        if (typeof record.n === 'number') items._ridCount = Math.max(items._ridCount, record.n);
        if (record.t === 'put') {
          removeRid(items, record.d._rid);
          items._set(record.d);
          applied++;
        } else if (record.t === 'del') {
          removeRid(items, record.rid);
          applied++;
        }
      }
    } finally {
      replaying = false;
    }
    // Start from a fresh snapshot: the journal is empty again and a torn tail is gone.
    journal.compact(snapshot());
    return applied;
  };

  const OriginalAccount = accountModule.default;
  let loaded = { records: 0, documents: 0 };
  // index.js looks `account_1.default` up when the server starts listening.
  accountModule.default = class PersistentAccount extends OriginalAccount {
    constructor(...args) {
      super(...args);
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the one account the server builds, kept for replay
      account = this;
      accountModule.default = OriginalAccount;
      loaded.records = replay();
      for (const db of this.databases._data.values())
        for (const c of db.collections._data.values()) loaded.documents += c.documents._data.size;
    }
  };

  const wrapServer = (server) => {
    server.prependListener('request', (req, res) => {
      const end = res.end;
      res.end = function (...args) {
        // Written by this request (or one it read from) but not on disk yet: answer once it is (the
        // journal's group commit: the server goes on with other requests while the disk syncs).
        if (!journal.dirty && !journal.failure) return end.apply(this, args);
        journal.durable().then(
          () => end.apply(this, args),
          (err) => {
            // Not on disk: the client must not take it as stored.
            res.statusCode = 503;
            end.call(this, JSON.stringify({ code: 'ServiceUnavailable', message: `stand-in journal: ${err.message}` }));
          },
        );
        return this;
      };
    });
    return server;
  };
  return { wrapServer, loaded: () => loaded, journal };
}
