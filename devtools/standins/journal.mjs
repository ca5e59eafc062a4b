// An append-only journal for the stand-ins' persistence (Cosmos stand-in, Service Bus stand-in).
// Plain JS because the Cosmos stand-in runs in a child process under plain `node` (no TypeScript loader).
//
// Files in `dir`: `<name>.snapshot.jsonl` (the state at the last compaction, one record a line) and
// `<name>.journal.jsonl` (one JSON line per mutation since then). Both hold the same kind of
// state-based records (put/del), so replaying the journal over its snapshot, or over a newer snapshot
// after a crash between rename and truncate, gives the same state.
//
// Durability: append() buffers a line and schedules a flush (setImmediate); durable() resolves once
// every line appended so far is written and fdatasync'ed. Group commit: the lines of one turn are
// written together and fdatasync'ed off the event loop (the thread pool), and whatever is appended
// while that sync runs shares the next one, so the owner keeps serving requests meanwhile (a
// synchronous fsync per acknowledgement serialized every stand-in request behind the disk).
// flushSync() writes and syncs at once.
// Owners acknowledge a mutation (HTTP response, AMQP accept, settlement echo) only after durable().
// Compaction writes the snapshot to a temp file, fsyncs it, renames it over the old one (atomic),
// fsyncs the directory, then truncates the journal. It runs synchronously right after a flush, so the
// snapshot is exactly the state the journal describes.
import fs from 'node:fs';
import path from 'node:path';

/** Reads a JSONL file; a torn last line (crash mid-write) is dropped, a bad line elsewhere throws. */
function readLines(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return { records: [], goodBytes: 0 };
    throw err;
  }
  const records = [];
  let offset = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const last = i === lines.length - 1;
    if (line === '') {
      if (!last) offset += 1;
      continue;
    }
    try {
      records.push(JSON.parse(line));
      offset += Buffer.byteLength(line) + (last ? 0 : 1);
    } catch (err) {
      if (last) break; // the write that was cut off was never acknowledged
      throw new Error(`${file}: line ${i + 1} is not JSON (${err.message})`, { cause: err });
    }
  }
  return { records, goodBytes: offset };
}

function fsyncDir(dir) {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* some file systems refuse fsync on a directory; the rename is still atomic */
  }
}

export class Journal {
  /**
   * Opens (creating `dir`) and returns the journal and the records to replay: snapshot, then journal.
   * @param {string} dir
   * @param {string} name
   * @param {{ compactBytes?: number, snapshot?: () => Iterable<object>, onError?: (err: Error) => void }} [options]
   */
  static open(dir, name, options = {}) {
    fs.mkdirSync(dir, { recursive: true });
    const snapshotFile = path.join(dir, `${name}.snapshot.jsonl`);
    const journalFile = path.join(dir, `${name}.journal.jsonl`);
    const snap = readLines(snapshotFile);
    const log = readLines(journalFile);
    const journal = new Journal(snapshotFile, journalFile, log.goodBytes, options);
    return { journal, records: [...snap.records, ...log.records] };
  }

  constructor(snapshotFile, journalFile, goodBytes, options) {
    this.snapshotFile = snapshotFile;
    this.journalFile = journalFile;
    this.fd = fs.openSync(journalFile, fs.constants.O_RDWR | fs.constants.O_CREAT);
    // Cut a torn tail off, so the next line does not run into it.
    fs.ftruncateSync(this.fd, goodBytes);
    this.bytes = goodBytes;
    this.compactBytes = options.compactBytes ?? 16 * 1024 * 1024;
    this.snapshotOf = options.snapshot;
    this.onError = options.onError ?? ((err) => console.error(`journal ${journalFile}: ${err.message}`));
    this.pending = [];
    this.appended = 0;
    this.synced = 0;
    this.waiters = [];
    this.scheduled = false;
    this.syncing = false;
    this.closed = false;
    this.failure = undefined;
    this.stats = { flushes: 0, lines: 0, fsyncMs: 0 };
  }

  /** Buffers one record; it is on disk once durable() resolves. */
  append(record) {
    if (this.closed) throw new Error('journal is closed');
    this.pending.push(`${JSON.stringify(record)}\n`);
    this.appended++;
    this.kick();
  }

  /** True when something appended is not on disk yet. */
  get dirty() {
    return this.synced < this.appended;
  }

  /** Resolves once every record appended so far is fsynced. */
  durable() {
    if (this.failure) return Promise.reject(this.failure);
    if (this.synced >= this.appended) return Promise.resolve();
    const target = this.appended;
    return new Promise((resolve, reject) => {
      this.waiters.push({ target, resolve, reject });
      this.kick();
    });
  }

  kick() {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate: let the other events of this turn append first, so they share the fsync.
    setImmediate(() => {
      this.scheduled = false;
      this.flushAsync();
    });
  }

  /** Writes what is pending and fdatasyncs it in the thread pool; one sync at a time (group commit). */
  flushAsync() {
    if (this.failure || this.closed || this.syncing || this.pending.length === 0) return;
    let upto;
    try {
      upto = this.writePending();
    } catch (err) {
      this.fail(err);
      return;
    }
    this.syncing = true;
    const t = performance.now();
    fs.fdatasync(this.fd, (err) => {
      this.syncing = false;
      if (this.closed) return; // close() synced everything itself
      if (err) {
        this.fail(err);
        return;
      }
      this.stats.fsyncMs += performance.now() - t;
      this.stats.flushes++;
      this.markSynced(upto);
      try {
        if (this.snapshotOf && this.bytes > this.compactBytes) {
          if (this.pending.length > 0)
            this.flushSync(); // compacts
          else this.compact(this.snapshotOf());
        }
      } catch (e) {
        if (!this.failure) this.fail(e);
        return;
      }
      if (this.pending.length > 0) this.flushAsync();
    });
  }

  /** Writes the pending lines at the end of the journal (not synced yet); returns the count they reach. */
  writePending() {
    const chunk = Buffer.from(this.pending.join(''));
    const upto = this.appended;
    this.stats.lines += this.pending.length;
    this.pending = [];
    let offset = 0;
    while (offset < chunk.length) offset += fs.writeSync(this.fd, chunk, offset, chunk.length - offset, this.bytes + offset);
    this.bytes += chunk.length;
    return upto;
  }

  markSynced(upto) {
    if (upto > this.synced) this.synced = upto;
    const done = this.waiters.filter((w) => w.target <= this.synced);
    this.waiters = this.waiters.filter((w) => w.target > this.synced);
    for (const w of done) w.resolve();
  }

  fail(err) {
    this.failure = err;
    for (const w of this.waiters.splice(0)) w.reject(err);
    this.onError(err);
  }

  /**
   * Writes and fdatasyncs everything pending, now (synchronous: a few hundred microseconds on an SSD,
   * cheaper than a thread-pool round trip per acknowledgement). Throws when the disk refuses.
   */
  flushSync() {
    if (this.failure) throw this.failure;
    if (this.pending.length === 0 || this.closed) return;
    try {
      const upto = this.writePending();
      const t = performance.now();
      fs.fdatasyncSync(this.fd);
      this.stats.fsyncMs += performance.now() - t;
      this.stats.flushes++;
      this.markSynced(upto);
      if (this.snapshotOf && this.bytes > this.compactBytes) this.compact(this.snapshotOf());
    } catch (err) {
      this.fail(err);
      throw err;
    }
  }

  /**
   * Replaces the snapshot with `records` (the whole current state) and empties the journal.
   * Call only when nothing is pending (right after open and replay, or from the flush loop).
   */
  compact(records) {
    if (this.pending.length > 0) throw new Error('compact() with unflushed records');
    const tmp = `${this.snapshotFile}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      let buffer = [];
      let size = 0;
      for (const record of records) {
        const line = `${JSON.stringify(record)}\n`;
        buffer.push(line);
        size += line.length;
        if (size > 1 << 20) {
          fs.writeSync(fd, buffer.join(''));
          buffer = [];
          size = 0;
        }
      }
      if (buffer.length) fs.writeSync(fd, buffer.join(''));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.snapshotFile);
    fsyncDir(path.dirname(this.snapshotFile));
    fs.ftruncateSync(this.fd, 0);
    fs.fsyncSync(this.fd);
    this.bytes = 0;
  }

  /** Waits for pending records, then closes the file. */
  async close() {
    if (this.closed) return;
    try {
      this.flushSync();
    } catch {
      /* already reported */
    }
    this.closed = true;
    fs.closeSync(this.fd);
  }
}
