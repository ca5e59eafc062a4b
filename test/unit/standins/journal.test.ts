// The stand-ins' journal: records survive a reopen, a torn last line (a crash mid-write) is dropped and
// cut off, compaction replaces the snapshot atomically and empties the journal, and a crash between the
// snapshot's rename and the truncate replays to the same state.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { Journal } from '../../../devtools/standins/journal.mjs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dt-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Journal', () => {
  it('durable() resolves once the records are on disk; a reopen returns them in order', async () => {
    const { journal, records } = Journal.open(dir, 'x');
    expect(records).toEqual([]);
    journal.append({ n: 1 });
    journal.append({ n: 2 });
    expect(journal.dirty).toBe(true);
    await journal.durable();
    expect(journal.dirty).toBe(false);
    // On disk before close: what a kill -9 right now would leave.
    expect(readFileSync(path.join(dir, 'x.journal.jsonl'), 'utf8')).toBe('{"n":1}\n{"n":2}\n');
    expect(journal.stats.flushes).toBe(1); // both shared one fsync
    await journal.close();
    expect(Journal.open(dir, 'x').records).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('drops a torn last line and cuts it off, so the next record starts on a line of its own', async () => {
    writeFileSync(path.join(dir, 'x.journal.jsonl'), '{"n":1}\n{"n":2}\n{"n":3, "cut');
    const { journal, records } = Journal.open(dir, 'x');
    expect(records).toEqual([{ n: 1 }, { n: 2 }]);
    journal.append({ n: 4 });
    await journal.close();
    expect(Journal.open(dir, 'x').records).toEqual([{ n: 1 }, { n: 2 }, { n: 4 }]);
  });

  it('refuses a journal damaged in the middle (not a crash: something else wrote it)', () => {
    writeFileSync(path.join(dir, 'x.journal.jsonl'), '{"n":1}\nnot json\n{"n":3}\n');
    expect(() => Journal.open(dir, 'x')).toThrow(/line 2 is not JSON/);
  });

  it('compaction: the snapshot replaces the journal; later records follow it', async () => {
    const { journal } = Journal.open(dir, 'x');
    journal.append({ n: 1 });
    await journal.durable();
    journal.compact([{ state: 'A' }]);
    expect(readFileSync(path.join(dir, 'x.journal.jsonl'), 'utf8')).toBe('');
    journal.append({ n: 2 });
    await journal.close();
    expect(Journal.open(dir, 'x').records).toEqual([{ state: 'A' }, { n: 2 }]);
  });

  it('compacts by itself once the journal outgrows compactBytes', async () => {
    let state = 0;
    const { journal } = Journal.open(dir, 'x', { compactBytes: 200, snapshot: () => [{ state }] });
    for (let i = 0; i < 20; i++) {
      state = i;
      journal.append({ i, pad: 'x'.repeat(20) });
      await journal.durable();
    }
    expect(journal.bytes).toBeLessThan(200);
    await journal.close();
    const records = Journal.open(dir, 'x').records as Array<{ state?: number; i?: number }>;
    expect(records[0]).toHaveProperty('state');
    expect(records.at(-1)).toMatchObject({ i: 19 });
  });

  it('a crash after the snapshot rename but before the truncate: snapshot + old journal replay to the same state', async () => {
    // State-based records (the last put of a key wins) make the replay idempotent.
    const replay = (records: unknown[]) => {
      const m = new Map<string, unknown>();
      for (const r of records as Array<{ k: string; v?: unknown; del?: boolean }>) {
        if (r.del) m.delete(r.k);
        else m.set(r.k, r.v);
      }
      return Object.fromEntries(m);
    };
    const { journal } = Journal.open(dir, 'x');
    journal.append({ k: 'a', v: 1 });
    journal.append({ k: 'b', v: 2 });
    journal.append({ k: 'a', del: true });
    await journal.close();
    const expected = replay(Journal.open(dir, 'x').records);
    const journalText = readFileSync(path.join(dir, 'x.journal.jsonl'), 'utf8');
    const { journal: j2, records } = Journal.open(dir, 'x');
    j2.compact(Object.entries(replay(records)).map(([k, v]) => ({ k, v })));
    await j2.close();
    appendFileSync(path.join(dir, 'x.journal.jsonl'), journalText); // the truncate that did not happen
    expect(replay(Journal.open(dir, 'x').records)).toEqual(expected);
    expect(expected).toEqual({ b: 2 });
  });
});
