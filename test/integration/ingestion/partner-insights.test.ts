// The Partner Center Insights API connector end to end against the local stand-in (devtools/insights):
// token endpoint with rotating refresh tokens, 404 before the first completed execution, one 429 with
// Retry-After; the pullPartnerInsights handler, Cosmos and Service Bus stand-ins behind it. The partner's
// changes are applied and scored, and must score as the facts the stand-in's files were made from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { insightsSampleFacts } from '../../../devtools/insights/sample.js';
import { type InsightsStandIn, startInsightsStandIn } from '../../../devtools/insights/server.js';
import { applyChanges, docRefFor } from '../../../shared/domain/changes/apply.js';
import { type PartnerDoc } from '../../../shared/domain/changes/docs.js';
import { type ChangeEvent } from '../../../shared/domain/changes/events.js';
import { buildFacts } from '../../../shared/domain/changes/facts.js';
import { partnerChangeMessageSchema } from '../../../shared/domain/changes/message.js';
import { CATALOG_2026_05 } from '../../../shared/domain/rules/catalog-2026-05.js';
import { scorePartner } from '../../../shared/domain/scoring/score-partner.js';
import { pullPartnerInsightsHandler } from '../../../shared/handlers/pullPartnerInsights.js';
import { listImportReports } from '../../../shared/ingestion/import-reports.js';
import { PARTNER_INSIGHTS_TOKENS_PK } from '../../../shared/ingestion/partner-center/tokens.js';
import { stackConfig } from '../helpers.js';
import { aTimer, type IngestionStack, ingestionStack, invocationContext } from './stack.js';

let standIn: InsightsStandIn;
let s: IngestionStack;
const lines: string[] = [];
let settings: ReturnType<typeof stackConfig>;
const handler = () =>
  pullPartnerInsightsHandler({ store: s.store, bus: s.bus, clock: s.clock }, settings, { queue: s.queue, pollIntervalMs: 300 });

beforeAll(async () => {
  standIn = await startInsightsStandIn({ completeAfterMs: 500 });
  s = await ingestionStack('pc-insights');
  settings = stackConfig({
    PARTNER_INSIGHTS_CONNECTIONS: standIn.connections(),
    PARTNER_INSIGHTS_API_URL: standIn.apiUrl,
    PARTNER_INSIGHTS_AUTHORITY_URL: standIn.authorityUrl,
  });
});
afterAll(async () => {
  await standIn?.close();
  await s?.close();
});

describe('pullPartnerInsights against the Insights stand-in', () => {
  it('pulls every dataset, skips duplicates, names the unknown attribution, and scores as the facts say', async () => {
    const [outcome] = await handler()(aTimer, invocationContext('pullPartnerInsights', lines));
    expect(outcome).toMatchObject({ status: 'imported', partnerId: '4100007' });
    if (outcome?.status !== 'imported') throw new Error(JSON.stringify(outcome));
    expect(outcome.datasets.every((d) => d.status === 'read')).toBe(true);
    expect(standIn.stats.throttled).toBe(1);
    expect(standIn.stats.notYet).toBeGreaterThan(0);
    expect(standIn.stats.tokenRedemptions).toBe(1);

    // The rotated refresh token is kept (locally in Cosmos operations).
    const stored = await s.store
      .collection('operations')
      .read<{ id: string; refreshToken: string }>(
        (
          await s.store
            .collection('operations')
            .query<{ id: string }>(
              { query: 'SELECT c.id FROM c WHERE c.pk = @pk', parameters: [{ name: '@pk', value: PARTNER_INSIGHTS_TOKENS_PK }] },
              { partitionKey: PARTNER_INSIGHTS_TOKENS_PK },
            )
        ).items[0]!.id,
        PARTNER_INSIGHTS_TOKENS_PK,
      );
    expect(stored!.doc.refreshToken).toBe(standIn.currentRefreshToken());

    const [report] = (await listImportReports(s.repos.importReports, 10)).filter((r) => r.origin.kind === 'insights');
    const pc = (
      report as unknown as {
        partnerCenter: { skippedDuplicates: number; unknown: Array<{ value: string; count: number; column: string }> };
      }
    ).partnerCenter;
    expect(pc.skippedDuplicates).toBe(2);
    expect(pc.unknown).toContainEqual(expect.objectContaining({ column: 'PartnerAttributionType', value: 'Advisor', count: 2 }));
    expect(JSON.stringify(report!.rejected)).toContain('Advisor');

    const received = await s.drain(1500);
    const changes = received.flatMap((m) => partnerChangeMessageSchema.parse(m.body).changes) as ChangeEvent[];
    expect(changes.length).toBe(outcome.changes);
    const docs = new Map<string, PartnerDoc>();
    for (const change of changes) {
      const ref = docRefFor(change);
      const key = `${ref.docType}:${ref.id}`;
      docs.set(key, applyChanges(docs.get(key) ?? null, [change]).doc);
    }
    const all = [...docs.values()];
    const expected = insightsSampleFacts();
    const facts = buildFacts(
      (all.find((d) => d.docType === 'profile') ?? null) as never,
      all.filter((d) => d.docType === 'customer') as never,
      all.filter((d) => d.docType === 'person') as never,
      expected.asOf,
      '4100007',
    );
    const got = scorePartner(facts, CATALOG_2026_05);
    const want = scorePartner(expected, CATALOG_2026_05);
    expect(got.areas).toEqual(want.areas);
  });

  it('a new process uses the rotated refresh token (the old one is refused); the same data is not imported again', async () => {
    const before = standIn.stats.rejectedGrants;
    const [outcome] = await handler()(aTimer, invocationContext('pullPartnerInsights', lines));
    expect(standIn.stats.rejectedGrants).toBe(before);
    expect(standIn.stats.tokenRedemptions).toBe(2);
    expect(outcome).toMatchObject({ status: 'unchanged' });
    expect(await s.drain(500)).toEqual([]);
  });
});
