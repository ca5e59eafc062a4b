// The one catalog of functions. Adding a function = one line here plus a handler in shared/handlers/.
import { app } from '@azure/functions';
import { QUEUES } from '../shared/ports/index.js';
import { http, register, serviceBusQueue, timer, type CatalogEntry } from './catalog.js';
import { closeRoot, getRoot } from './composition.js';

export const CATALOG: readonly CatalogEntry[] = [
  http('health', { methods: ['GET'], route: 'health', authLevel: 'anonymous' }, (h) => h.health),
  http('submitChanges', { methods: ['POST'], route: 'changes' }, (h) => h.submitChanges),
  timer('importExports', { schedule: '%IMPORT_SCHEDULE%' }, (h) => h.importExports),
  http('listImports', { methods: ['GET'], route: 'imports/{id?}' }, (h) => h.listImports),
  http('listPartners', { methods: ['GET'], route: 'partners' }, (h) => h.listPartners),
  http('getPartner', { methods: ['GET'], route: 'partners/{partnerId}' }, (h) => h.getPartner),
  http('getPartnerExplanations', { methods: ['GET'], route: 'partners/{partnerId}/explanations' }, (h) => h.getPartnerExplanations),
  http('getPartnerHistory', { methods: ['GET'], route: 'partners/{partnerId}/history' }, (h) => h.getPartnerHistory),
  http('getPartnerRecommendations', { methods: ['GET'], route: 'partners/{partnerId}/recommendations' }, (h) => h.getPartnerRecommendations),
  http('getPartnerForecast', { methods: ['GET'], route: 'partners/{partnerId}/forecast' }, (h) => h.getPartnerForecast),
  timer('pullInsights', { schedule: '%INSIGHTS_SCHEDULE%' }, (h) => h.pullInsights),
  timer('nightlyRecompute', { schedule: '%NIGHTLY_RECOMPUTE_SCHEDULE%' }, (h) => h.nightlyRecompute),
  serviceBusQueue('processPartnerChange', QUEUES.partnerChanges, (h) => h.processPartnerChange),
  serviceBusQueue('recomputePartner', QUEUES.partnerRecompute, (h) => h.recomputePartner),
  serviceBusQueue('sendNotification', QUEUES.notifications, (h) => h.sendNotification),
  http('submitClaimEvent', { methods: ['POST'], route: 'claims/events' }, (h) => h.submitClaimEvent),
  http('listClaims', { methods: ['GET'], route: 'claims/{partnerId}' }, (h) => h.listClaims),
  http('getClaim', { methods: ['GET'], route: 'claims/{partnerId}/{claimId}' }, (h) => h.getClaim),
  timer('claimDeadlines', { schedule: '%CLAIM_DEADLINES_SCHEDULE%' }, (h) => h.claimDeadlines),
];

register(CATALOG);

// At worker start: parse the settings (a bad one stops start-up with the list of problems), then create
// missing databases/containers. A dependency that is down only logs here; /api/health reports it.
app.hook.appStart(async () => {
  const root = getRoot();
  try {
    await root.ensureResources();
  } catch (err) {
    console.warn(`could not ensure Cosmos/Blob resources at start: ${err instanceof Error ? err.message : String(err)}`);
  }
});

// On graceful shutdown: close SDK connections (senders, receivers' clients, keep-alive sockets).
app.hook.appTerminate(async () => {
  await closeRoot();
});
