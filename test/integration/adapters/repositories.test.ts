// The repositories (shared/ports/repositories.ts) on the Cosmos stand-in (shared/adapters/cosmos/repositories/,
// real SQL) and in memory (test/support/memory-repositories.ts, no SQL): the same cases, the same answers.
import type { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCosmosClient } from '../../../shared/adapters/cosmos/client.js';
import { createCosmosRepositories } from '../../../shared/adapters/cosmos/repositories/index.js';
import { createCosmosStore, ensureCosmosSchema } from '../../../shared/adapters/cosmos/store.js';
import { type Document, type DocumentStore, OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import {
  API_KEYS_PK,
  CLAIM_DOC_TYPE,
  PARTNER_INSIGHTS_STATUS_PK,
  type PartnerListFilter,
  type PartnerListOrder,
  type Repositories,
} from '../../../shared/ports/repositories.js';
import { MemoryStore } from '../../support/memory-store.js';
import { stackConfig, unique } from '../helpers.js';

let cosmos: CosmosClient;
let cosmosStore: DocumentStore;

beforeAll(async () => {
  const config = stackConfig();
  cosmos = createCosmosClient(config);
  cosmosStore = createCosmosStore(await ensureCosmosSchema(cosmos, config.COSMOS_DATABASE));
}, 120_000);
afterAll(() => cosmos?.dispose());

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_attachments', '_ts'];
const systemFieldsOf = (docs: Document[]) => docs.flatMap((d) => Object.keys(d).filter((k) => SYSTEM_FIELDS.includes(k)));
const ids = (docs: Document[]) => docs.map((d) => d.id);
async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

const implementations: Array<[string, () => { store: DocumentStore; repos: Repositories }]> = [
  ['Cosmos stand-in', () => ({ store: cosmosStore, repos: createCosmosRepositories(cosmosStore) })],
  [
    'memory',
    () => {
      const store = new MemoryStore();
      return { store, repos: store.repos };
    },
  ],
];

describe.each(implementations)('repositories (%s)', (_name, make) => {
  it('apiKeys.list: every key document of its partition, without system fields', async () => {
    const { store, repos } = make();
    const ops = store.collection('operations');
    await ops.upsert({ id: 'k-b', pk: API_KEYS_PK, createdAt: '2026-11-02', admin: true, partners: [], revokedAt: null });
    await ops.upsert({ id: 'k-a', pk: API_KEYS_PK, createdAt: '2026-11-01', admin: false, partners: ['1'], revokedAt: null });
    await ops.upsert({ id: 'k-other', pk: OPERATIONS_PK.blobCursors, createdAt: '2026-11-01' });
    const keys = await repos.apiKeys.list();
    expect(ids(keys).sort()).toEqual(['k-a', 'k-b']);
    expect(systemFieldsOf(keys)).toEqual([]);
    expect(keys.find((k) => k.id === 'k-a')).toMatchObject({ partners: ['1'], admin: false });
  });

  it('importReports.latest: newest finishedAt first, at most limit', async () => {
    const { store, repos } = make();
    const ops = store.collection('operations');
    for (const [id, finishedAt] of [
      ['imp-1', '2026-11-01T10:00:00Z'],
      ['imp-3', '2026-11-03T10:00:00Z'],
      ['imp-2', '2026-11-02T10:00:00Z'],
    ] as const)
      await ops.upsert({ id, pk: OPERATIONS_PK.importReports, type: 'import-report', finishedAt });
    expect(ids(await repos.importReports.latest(2))).toEqual(['imp-3', 'imp-2']);
    const every = await repos.importReports.latest(10);
    expect(ids(every)).toEqual(['imp-3', 'imp-2', 'imp-1']);
    expect(systemFieldsOf(every)).toEqual([]);
  });

  it('rejectedMessages: newest first (at most limit), and every one oldest first', async () => {
    const { store, repos } = make();
    const ops = store.collection('operations');
    for (const [id, rejectedAt] of [
      ['r-2', '2026-11-02T00:00:00Z'],
      ['r-1', '2026-11-01T00:00:00Z'],
      ['r-3', '2026-11-03T00:00:00Z'],
    ] as const)
      await ops.upsert({ id, pk: OPERATIONS_PK.rejectedMessages, functionName: 'f', messageId: id, rejectedAt });
    expect(ids(await repos.rejectedMessages.newest(2))).toEqual(['r-3', 'r-2']);
    const oldest = await all(repos.rejectedMessages.oldestFirst());
    expect(ids(oldest)).toEqual(['r-1', 'r-2', 'r-3']);
    expect(systemFieldsOf(oldest)).toEqual([]);
  });

  it("mails.forPartner: one partner's records, with their write time, most recent first, at most limit", async () => {
    const { store, repos } = make();
    const ops = store.collection('operations');
    const record = (n: number, partnerId: string) => ({
      id: `n-${partnerId}-${n}`,
      pk: OPERATIONS_PK.notificationsSent,
      notificationId: `n-${partnerId}-${n}`,
      partnerId,
      state: 'sent',
      subject: `mail ${n}`,
      to: ['someone@example.invalid'],
      sentAt: `2026-11-0${n}T00:00:00Z`,
    });
    for (const n of [1, 2, 3]) await ops.upsert(record(n, 'p-1'));
    await ops.upsert(record(1, 'p-2'));
    const rows = await repos.mails.forPartner('p-1', 10);
    expect(rows.map((r) => r.record.notificationId).sort()).toEqual(['n-p-1-1', 'n-p-1-2', 'n-p-1-3']);
    expect(rows[0]!.record).toMatchObject({ state: 'sent', to: ['someone@example.invalid'] });
    for (const r of rows) {
      expect(r.writtenAt).toBeGreaterThan(0);
      expect(Object.keys(r.record).filter((k) => k.startsWith('_'))).toEqual([]);
    }
    expect(rows.map((r) => r.writtenAt)).toEqual([...rows.map((r) => r.writtenAt)].sort((a, b) => b - a));
    expect(await repos.mails.forPartner('p-1', 2)).toHaveLength(2);
    expect(await repos.mails.forPartner('p-nobody', 5)).toEqual([]);
  });

  it('claims: of a partner, by lookup key across partners, and by status page by page', async () => {
    const { store, repos } = make();
    const partners = store.collection('partners');
    const claim = (partnerId: string, claimId: string, status: string, lookup: string[]) => ({
      id: `claim:${claimId}`,
      partnerId,
      docType: CLAIM_DOC_TYPE,
      claimId,
      status,
      lookup,
    });
    await partners.upsert(claim('p-1', 'c-1', 'approved', ['k-1', 'tenant|t']));
    await partners.upsert(claim('p-1', 'c-2', 'submitted', ['k-2']));
    await partners.upsert(claim('p-2', 'c-3', 'partner-action-required', ['k-1']));
    await partners.upsert({ id: 'profile', partnerId: 'p-1', docType: 'profile' });

    const ofP1 = await all(repos.claims.ofPartner('p-1'));
    expect(ofP1.map((c) => c.claimId).sort()).toEqual(['c-1', 'c-2']);
    expect(systemFieldsOf(ofP1)).toEqual([]);
    expect((await all(repos.claims.byKey('k-1'))).map((c) => c.claimId).sort()).toEqual(['c-1', 'c-3']);
    expect(await all(repos.claims.byKey('k-none'))).toEqual([]);

    const pages = await all(repos.claims.pagesInStatus(['approved', 'partner-action-required'], 1));
    expect(
      pages
        .flat()
        .map((c) => c.claimId)
        .sort(),
    ).toEqual(['c-1', 'c-3']);
    expect(pages.every((p) => p.length <= 1)).toBe(true);
    expect((await all(repos.claims.pagesInStatus(['lost'], 10))).flat()).toEqual([]);
  });

  it("partnerDocuments: one partner's documents by docType or id, with etags, page by page; the partners with a profile or a state", async () => {
    const { store, repos } = make();
    const partners = store.collection('partners');
    const [p, other, stateOnly, customerOnly] = ['pd', 'pd-other', 'pd-state', 'pd-customer'].map((n) => unique(n)) as [
      string,
      string,
      string,
      string,
    ];
    const written = new Map<string, string>();
    for (const [id, docType] of [
      ['profile', 'profile'],
      ['customer:t1', 'customer'],
      ['customer:t2', 'customer'],
      ['person:x', 'person'],
      ['state', 'state'],
      ['explanations', 'explanations'],
      ['claim:c', CLAIM_DOC_TYPE],
    ] as const)
      written.set(id, (await partners.upsert({ id, partnerId: p, docType, n: id.length })).etag);
    await partners.upsert({ id: 'profile', partnerId: other, docType: 'profile' });
    await partners.upsert({ id: 'customer:t1', partnerId: other, docType: 'customer' });
    await partners.upsert({ id: 'state', partnerId: stateOnly, docType: 'state' });
    await partners.upsert({ id: 'customer:t9', partnerId: customerOnly, docType: 'customer' });

    const pages = await all(repos.partnerDocuments.pages(p, { types: ['customer', 'profile'], ids: ['explanations', 'missing'] }, 2));
    expect(pages.every((page) => page.length <= 2)).toBe(true);
    const rows = pages.flat();
    expect(rows.map((r) => r.doc.id).sort()).toEqual(['customer:t1', 'customer:t2', 'explanations', 'profile']);
    expect(rows.every((r) => r.doc.partnerId === p && r.etag === written.get(r.doc.id))).toBe(true);
    expect(systemFieldsOf(rows.map((r) => r.doc))).toEqual([]);
    expect(rows.find((r) => r.doc.id === 'profile')?.doc).toEqual({ id: 'profile', partnerId: p, docType: 'profile', n: 7 });
    expect((await all(repos.partnerDocuments.pages(p, { types: [], ids: ['state'] }, 10))).flat().map((r) => r.doc.id)).toEqual(['state']);
    expect((await all(repos.partnerDocuments.pages(unique('nobody'), { types: ['customer'], ids: ['state'] }, 10))).flat()).toEqual([]);

    const known = new Set((await all(repos.partnerDocuments.partnerIdPages(2))).flat());
    expect([p, other, stateOnly].filter((id) => known.has(id))).toEqual([p, other, stateOnly]);
    expect(known.has(customerOnly)).toBe(false);
  });

  it('partnerInsightsStatus.all: the connections’ status documents', async () => {
    const { store, repos } = make();
    const ops = store.collection('operations');
    await ops.upsert({ id: 'conn-1', pk: PARTNER_INSIGHTS_STATUS_PK, ok: false, action: 'sign in again', connection: 'a' });
    await ops.upsert({ id: 'conn-2', pk: PARTNER_INSIGHTS_STATUS_PK, ok: true, connection: 'b' });
    const docs = await repos.partnerInsightsStatus.all();
    expect(ids(docs).sort()).toEqual(['conn-1', 'conn-2']);
    expect(systemFieldsOf(docs)).toEqual([]);
  });

  it('expiredRecords.page: records of one partition past their ttl, at most limit', async () => {
    const { store, repos } = make();
    const ops = store.collection('operations');
    const pk = OPERATIONS_PK.webhookDeliveries;
    for (let i = 0; i < 3; i++) await ops.upsert({ id: `short-${i}`, pk, ttl: 60 });
    await ops.upsert({ id: 'long', pk, ttl: 86_400 });
    await ops.upsert({ id: 'forever', pk });
    await ops.upsert({ id: 'elsewhere', pk: OPERATIONS_PK.blobCursors, ttl: 60 });
    const now = Math.floor(Date.now() / 1000);
    expect(await repos.expiredRecords.page(pk, now, 10)).toEqual([]);
    const inTwoMinutes = await repos.expiredRecords.page(pk, now + 120, 10);
    expect(inTwoMinutes.map((r) => r.id).sort()).toEqual(['short-0', 'short-1', 'short-2']);
    expect(inTwoMinutes.every((r) => r.pk === pk)).toBe(true);
    expect(await repos.expiredRecords.page(pk, now + 120, 2)).toHaveLength(2);
    expect((await repos.expiredRecords.page(pk, now + 2 * 86_400, 10)).map((r) => r.id).sort()).toEqual([
      'long',
      'short-0',
      'short-1',
      'short-2',
    ]);
  });

  describe('partnerSummaries', () => {
    // Partner ids of this run only (the stand-in's container holds other tests' partners too).
    const run = `ps${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const P = ['a', 'b', 'c', 'd', 'e'].map((x) => `${run}-${x}`);
    const area = (status: string, statusRank: number, total: number | null, atRisk = false) => ({
      status,
      statusRank,
      total,
      track: null,
      qualifiesToday: null,
      atRisk,
      anniversary: null,
      daysUntilAnniversary: null,
    });
    async function seed(store: DocumentStore) {
      const partners = store.collection('partners');
      const state = (partnerId: string, name: string | null, dataAi: object, security: object) => ({
        id: 'state',
        partnerId,
        docType: 'state',
        scoring: { asOf: '2026-11-30', today: '2026-12-01' },
        summary: { name, nameLower: name?.toLowerCase() ?? null, nextAnniversary: null, areas: { dataAi, security } },
      });
      await partners.upsert(state(P[0]!, 'Contoso', area('enrolled', 2, 80), area('inProgress', 0, 10)));
      await partners.upsert(state(P[1]!, 'adatum', area('inProgress', 0, 40, true), area('qualified', 1, 70)));
      await partners.upsert(state(P[2]!, 'Fabrikam', area('enrolled', 2, 80), area('enrolled', 2, 90)));
      await partners.upsert(state(P[3]!, null, area('inProgress', 0, null), area('inProgress', 0, null)));
      // A state written before the summary: no summary, so the list names it from its profile.
      await partners.upsert({ id: 'state', partnerId: P[4]!, docType: 'state', scoring: { asOf: '2026-11-30', today: '2026-12-01' } });
      await partners.upsert({ id: 'profile', partnerId: P[4]!, docType: 'profile', name: { value: 'Old One', deleted: false } });
      await partners.upsert({ id: 'profile', partnerId: P[0]!, docType: 'profile', name: { value: 'Contoso Ltd', deleted: false } });
    }
    async function pages(repos: Repositories, filter: PartnerListFilter, order: PartnerListOrder, limit: number) {
      const seen: string[] = [];
      let continuation: string | undefined;
      let calls = 0;
      do {
        const page = await repos.partnerSummaries.page(filter, order, limit, continuation);
        expect(page.rows.length).toBeLessThanOrEqual(limit);
        seen.push(...page.rows.map((r) => r.partnerId));
        continuation = page.continuation;
      } while (continuation && ++calls < 20);
      return seen;
    }
    const byId: PartnerListOrder = { path: ['partnerId'], descending: false };

    it('page: filters, order (ties by partner id, nulls first) and paging with continuation tokens', async () => {
      const { store, repos } = make();
      await seed(store);
      const only = { onlyPartners: P };
      expect(await pages(repos, only, byId, 2)).toEqual(P);
      expect(await pages(repos, only, { path: ['partnerId'], descending: true }, 3)).toEqual([...P].reverse());
      expect(await pages(repos, only, { path: ['summary', 'nameLower'], descending: false }, 10)).toEqual([P[3], P[1], P[0], P[2]]);
      expect(await pages(repos, only, { path: ['summary', 'areas', 'dataAi', 'total'], descending: true }, 1)).toEqual([
        P[0],
        P[2],
        P[1],
        P[3],
      ]);
      expect(await pages(repos, { ...only, status: 'enrolled' }, byId, 10)).toEqual([P[0], P[2]]);
      expect(await pages(repos, { ...only, status: 'enrolled', area: 'security' }, byId, 10)).toEqual([P[2]]);
      expect(await pages(repos, { ...only, status: 'atRisk' }, byId, 10)).toEqual([P[1]]);
      expect(await pages(repos, { ...only, q: 'fab' }, byId, 10)).toEqual([P[2]]);
      expect(await pages(repos, { ...only, q: `${run}-d`.toLowerCase() }, byId, 10)).toEqual([P[3]]);
      expect(await pages(repos, { onlyPartners: [P[1]!, 'nobody'] }, byId, 10)).toEqual([P[1]]);
      expect(await pages(repos, { onlyPartners: [] }, byId, 10)).toEqual([]);
      const first = await repos.partnerSummaries.page(only, byId, 1);
      expect(first.rows[0]).toEqual({
        partnerId: P[0],
        asOf: '2026-11-30',
        today: '2026-12-01',
        summary: expect.objectContaining({ name: 'Contoso', nameLower: 'contoso' }),
      });
      expect(systemFieldsOf(first.rows as unknown as Document[])).toEqual([]);
      const last = await repos.partnerSummaries.page({ onlyPartners: [P[4]!] }, byId, 5);
      expect(last).toEqual({ rows: [{ partnerId: P[4], asOf: '2026-11-30', today: '2026-12-01' }], continuation: undefined });
    });

    it('profileNames: the stored name field of the given partners\u2019 profiles', async () => {
      const { store, repos } = make();
      await seed(store);
      const names = await repos.partnerSummaries.profileNames([P[4]!, P[0]!, P[1]!]);
      expect(Object.fromEntries(names)).toEqual({
        [P[4]!]: { value: 'Old One', deleted: false },
        [P[0]!]: { value: 'Contoso Ltd', deleted: false },
      });
    });

    it('statuses: per area status and at-risk flag of every matching state, page by page', async () => {
      const { store, repos } = make();
      await seed(store);
      const rows = await all(repos.partnerSummaries.statuses({ onlyPartners: P }, 2));
      const byPartner = Object.fromEntries(rows.map((r) => [r.partnerId, r.areas]));
      expect(Object.keys(byPartner).sort()).toEqual(P);
      expect(byPartner[P[1]!]).toMatchObject({
        dataAi: { status: 'inProgress', atRisk: true },
        security: { status: 'qualified', atRisk: false },
      });
      expect(byPartner[P[1]!]!.infrastructure).toEqual({});
      expect((await all(repos.partnerSummaries.statuses({ onlyPartners: P, q: 'fabrik' }, 2))).map((r) => r.partnerId)).toEqual([P[2]]);
      expect((await all(repos.partnerSummaries.statuses({ onlyPartners: P, q: 'adatum' }, 2))).map((r) => r.partnerId)).toEqual([P[1]]);
    });
  });
});
