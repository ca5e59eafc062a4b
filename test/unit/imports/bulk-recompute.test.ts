// Bulk imports recompute once per partner per file (issue 15): the importer marks a file's messages
// (bulk.file; a partner's last message lists its messages in bulk.ids), the processor applies each
// and recomputes the partner once, when all of them are applied — in order, shuffled, twice, or with
// one arriving late — and ends with the same scores as applying every message with its own recompute.
import { describe, expect, it } from 'vitest';

import type { PartnerChangeMessage } from '../../../shared/domain/changes/message.js';
import { importExport } from '../../../shared/imports/import-file.js';
import { importFile } from '../../../shared/ingestion/import-file.js';
import { type ApplyOutcome, applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { readPartnerView } from '../../../shared/pipeline/view.js';
import { MemoryStore, withRepos } from '../../support/memory-store.js';
import { RecordingBus, TestClock } from '../pipeline/fakes.js';

const PARTNERS = ['4100101', '4100102', '4100103'];
const SERVICES = ['Storage', 'Azure Functions', 'SQL Database', 'Key Vault'];
const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`).concat(['2026-01', '2026-02', '2026-03']);

/** 300 usage rows per partner (three messages each at 100 a message), partners interleaved. */
function usageCsv(): string {
  const lines = ['partnerId,tenantId,month,service,association,acrUsd'];
  for (let i = 0; i < 300 * PARTNERS.length; i++) {
    const partner = PARTNERS[i % PARTNERS.length]!;
    const n = Math.floor(i / PARTNERS.length);
    lines.push(`${partner},t-${n % 40},${MONTHS[n % MONTHS.length]},${SERVICES[(n >> 4) % SERVICES.length]},PAL,${(n * 37) % 4000}.5`);
  }
  return lines.join('\n') + '\n';
}

async function messagesOf(etag = '"0x1"'): Promise<PartnerChangeMessage[]> {
  const sent: PartnerChangeMessage[] = [];
  await importExport([usageCsv()], {
    fileName: 'usage-azure-2026-03.csv',
    etag,
    batchSize: 100,
    defaultObservedAt: '2026-04-02T06:00:00Z',
    send: async (m) => {
      sent.push(structuredClone(m));
    },
  });
  return sent;
}

const deps = () => withRepos(new MemoryStore(), { bus: new RecordingBus(), clock: new TestClock('2026-04-10') });

/** Applies the bodies in the given order; recomputes per partner. */
async function deliver(d: ReturnType<typeof deps>, bodies: readonly PartnerChangeMessage[]): Promise<Map<string, number>> {
  const recomputes = new Map<string, number>();
  for (const body of bodies) {
    const outcome: ApplyOutcome = await applyPartnerChanges(d, structuredClone(body));
    if (outcome.outcome !== 'applied') throw new Error(outcome.reason);
    if (outcome.recompute !== null) recomputes.set(outcome.partnerId, (recomputes.get(outcome.partnerId) ?? 0) + 1);
  }
  return recomputes;
}

async function scores(d: ReturnType<typeof deps>) {
  const out: Record<string, unknown> = {};
  for (const p of PARTNERS) out[p] = (await readPartnerView(d, p))?.state.score;
  return out;
}

/** The reference: every change applied as an ordinary message, each recomputing. */
async function reference(messages: readonly PartnerChangeMessage[]) {
  const d = deps();
  const plain = messages.filter((m) => m.changes.length > 0).map(({ bulk: _bulk, ...m }) => m);
  await deliver(d, plain);
  return scores(d);
}

/** A deterministic shuffle (the test's order must not depend on luck). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('bulk imports: one recompute per partner per file', () => {
  it('marks every message of the file and lists each partner’s messages on its last one', async () => {
    const messages = await messagesOf();
    for (const p of PARTNERS) {
      const mine = messages.filter((m) => m.partnerId === p);
      expect(mine.length).toBeGreaterThanOrEqual(3);
      for (const m of mine) expect(m.bulk?.file).toBe('usage-azure-2026-03.csv@"0x1"');
      const last = mine.filter((m) => m.bulk?.ids !== undefined);
      expect(last).toHaveLength(1);
      expect(last[0]!.bulk!.ids).toEqual(mine.map((m) => m.id));
    }
    // Deterministic: the same file gives the same ids.
    expect((await messagesOf()).map((m) => m.id)).toEqual(messages.map((m) => m.id));
  });

  it('in order: each partner is recomputed once, with the scores of a recompute per message', async () => {
    const messages = await messagesOf();
    const d = deps();
    const recomputes = await deliver(d, messages);
    expect(Object.fromEntries(recomputes)).toEqual(Object.fromEntries(PARTNERS.map((p) => [p, 1])));
    const got = await scores(d);
    expect(got).toEqual(await reference(messages));
    for (const p of PARTNERS) expect(got[p]).toBeDefined();
  }, 30_000);

  it('shuffled (last messages first) and every message delivered twice: still once per partner, same scores', async () => {
    const messages = await messagesOf();
    const lastFirst = [...messages.filter((m) => m.bulk?.ids), ...messages.filter((m) => !m.bulk?.ids)];
    const d = deps();
    const recomputes = await deliver(d, shuffled([...lastFirst, ...messages], 7).concat(lastFirst));
    expect(Object.fromEntries(recomputes)).toEqual(Object.fromEntries(PARTNERS.map((p) => [p, 1])));
    expect(await scores(d)).toEqual(await reference(messages));
  }, 30_000);

  it('a message arriving late: its partner waits for it, then is recomputed with it', async () => {
    const messages = await messagesOf();
    const late = messages.find((m) => m.partnerId === PARTNERS[1] && !m.bulk?.ids)!;
    const d = deps();
    const first = await deliver(
      d,
      messages.filter((m) => m !== late),
    );
    expect(first.get(PARTNERS[1]!)).toBeUndefined();
    expect(first.get(PARTNERS[0]!)).toBe(1);
    const after = await deliver(d, [late]);
    expect(after.get(PARTNERS[1]!)).toBe(1);
    expect(await scores(d)).toEqual(await reference(messages));
  }, 30_000);

  it('a crash after the last message was noted but before its recompute: the redelivery recomputes', async () => {
    const messages = await messagesOf();
    const d = deps();
    const last = messages.filter((m) => m.partnerId === PARTNERS[0]);
    const final = last.at(-1)!;
    await deliver(d, last.slice(0, -1));
    // The recompute fails once (the store refuses the state write), after the message was noted.
    const store = d.store;
    const failing = { ...d, store: failOnce(store) };
    await expect(applyPartnerChanges(failing, structuredClone(final))).rejects.toThrow(/injected/);
    const again = await deliver(d, [final]);
    expect(again.get(PARTNERS[0]!)).toBe(1);
    expect((await readPartnerView(d, PARTNERS[0]!))?.state.score).toBeDefined();
  }, 30_000);

  it('a file given up halfway (unreadable after its retries): each partner that got messages gets an empty one that recomputes it', async () => {
    const text = usageCsv();
    const sent: PartnerChangeMessage[] = [];
    const result = await importFile(
      {
        fileName: 'usage-azure-2026-03.csv',
        etag: '"0x2"',
        defaultObservedAt: '2026-04-02T06:00:00Z',
        open: async () =>
          (async function* () {
            yield text.slice(0, text.length / 2);
            throw new Error('connection reset');
          })(),
      },
      {
        send: async (ms) => void sent.push(...structuredClone(ms)),
        clock: new TestClock('2026-04-10'),
        log: { log: () => {}, warn: () => {}, error: () => {} },
        logPrefix: 't',
        batchSize: 100,
      },
    );
    expect(result.error).toMatch(/connection reset/);
    const abandoned = sent.filter((m) => m.bulk?.ids === null);
    expect(abandoned.map((m) => m.partnerId).sort()).toEqual([...PARTNERS].sort());
    const d = deps();
    const recomputes = await deliver(d, sent);
    expect(Object.fromEntries(recomputes)).toEqual(Object.fromEntries(PARTNERS.map((p) => [p, 1])));
  }, 30_000);

  it('a file without an ETag is not a bulk file: every message recomputes as before', async () => {
    const sent: PartnerChangeMessage[] = [];
    await importExport([usageCsv()], {
      fileName: 'usage-azure-2026-03.csv',
      batchSize: 100,
      defaultObservedAt: '2026-04-02T06:00:00Z',
      send: async (m) => {
        sent.push(m);
      },
    });
    expect(sent.every((m) => m.bulk === undefined)).toBe(true);
  });
});

/** A store whose first write to the partners container after the first query throws: the recompute's state write. */
function failOnce(store: MemoryStore): MemoryStore {
  let armed = true;
  const proxy = Object.create(store) as MemoryStore;
  proxy.collection = (name: Parameters<MemoryStore['collection']>[0]) => {
    const c = store.collection(name);
    if (name !== 'partners') return c;
    const wrapped = Object.create(c) as typeof c;
    const fail = () => {
      if (armed) {
        armed = false;
        throw new Error('injected store failure');
      }
    };
    wrapped.create = async (doc) => {
      if (String(doc.id).startsWith('state')) fail();
      return c.create(doc);
    };
    wrapped.replace = async (doc, etag) => {
      if (String(doc.id).startsWith('state')) fail();
      return c.replace(doc, etag);
    };
    wrapped.upsert = async (doc) => {
      if (String(doc.id).startsWith('state')) fail();
      return c.upsert(doc);
    };
    return wrapped;
  };
  return proxy;
}
