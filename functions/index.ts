// The one catalog of functions. Adding a function = one line here plus a handler in shared/handlers/.
// host.json's routePrefix is empty (the page is served at /), so API routes spell out `api/`; every HTTP
// route is anonymous at the host and the app checks its own keys per `access` (default key; functions/catalog.ts).
import { app } from '@azure/functions';

import { partnerFilter } from '../shared/access/principal.js';
import { QUEUES } from '../shared/ports/messageBus.js';
import { type CatalogEntry, http, register, serviceBusQueue, timer } from './catalog.js';
import { closeRoot, getRoot } from './composition.js';

export const CATALOG: readonly CatalogEntry[] = [
  http('health', { methods: ['GET'], route: 'api/health', access: 'public' }, (h) => h.health),
  http('submitChanges', { methods: ['POST'], route: 'api/changes', access: 'signed' }, (h) => h.submitChanges),
  timer('importExports', { schedule: '%IMPORT_SCHEDULE%' }, (h) => h.importExports),
  http('listImports', { methods: ['GET'], route: 'api/imports/{id?}', access: 'admin' }, (h) => h.listImports),
  http(
    'listPartners',
    { methods: ['GET'], route: 'api/partners' },
    (h) => (req, ctx, principal) => h.listPartners(req, ctx, { onlyPartners: partnerFilter(principal) }),
  ), // only the caller's partners
  http(
    'getPartnersSummary',
    { methods: ['GET'], route: 'api/partners/summary' },
    (h) => (req, ctx, principal) => h.getPartnersSummary(req, ctx, { onlyPartners: partnerFilter(principal) }),
  ), // literal: wins over {partnerId}
  http('getPartner', { methods: ['GET'], route: 'api/partners/{partnerId}' }, (h) => h.getPartner),
  http('getPartnerExplanations', { methods: ['GET'], route: 'api/partners/{partnerId}/explanations' }, (h) => h.getPartnerExplanations),
  http('getPartnerHistory', { methods: ['GET'], route: 'api/partners/{partnerId}/history' }, (h) => h.getPartnerHistory),
  http(
    'getPartnerRecommendations',
    { methods: ['GET'], route: 'api/partners/{partnerId}/recommendations' },
    (h) => h.getPartnerRecommendations,
  ),
  http('getPartnerForecast', { methods: ['GET'], route: 'api/partners/{partnerId}/forecast' }, (h) => h.getPartnerForecast),
  http('getPartnerMails', { methods: ['GET'], route: 'api/partners/{partnerId}/mails' }, (h) => h.getPartnerMails),
  http('listRejectedMessages', { methods: ['GET'], route: 'api/operations/rejected', access: 'admin' }, (h) => h.listRejectedMessages),
  http('listDeadLetters', { methods: ['GET'], route: 'api/operations/dead-letters', access: 'admin' }, (h) => h.listDeadLetters),
  http('openApi', { methods: ['GET'], route: 'api/openapi.json', access: 'public' }, (h) => h.openApi),
  http('me', { methods: ['GET'], route: 'api/me' }, (h) => h.me), // the caller's scope (admin, partners) for the page
  timer('pullInsights', { schedule: '%INSIGHTS_SCHEDULE%' }, (h) => h.pullInsights),
  timer('pullPartnerInsights', { schedule: '%PARTNER_INSIGHTS_SCHEDULE%' }, (h) => h.pullPartnerInsights), // Partner Center Insights API connector
  timer('nightlyRecompute', { schedule: '%NIGHTLY_RECOMPUTE_SCHEDULE%' }, (h) => h.nightlyRecompute),
  serviceBusQueue('processPartnerChange', QUEUES.partnerChanges, (h) => h.processPartnerChange),
  serviceBusQueue('recomputePartner', QUEUES.partnerRecompute, (h) => h.recomputePartner),
  serviceBusQueue('sendNotification', QUEUES.notifications, (h) => h.sendNotification),
  http('submitClaimEvent', { methods: ['POST'], route: 'api/claims/events', access: 'signed' }, (h) => h.submitClaimEvent),
  http('listClaims', { methods: ['GET'], route: 'api/claims/{partnerId}' }, (h) => h.listClaims),
  http('getClaim', { methods: ['GET'], route: 'api/claims/{partnerId}/{claimId}' }, (h) => h.getClaim),
  timer('claimDeadlines', { schedule: '%CLAIM_DEADLINES_SCHEDULE%' }, (h) => h.claimDeadlines),
  http('dashboard', { methods: ['GET'], route: '{*path}', access: 'public' }, (h) => h.dashboard), // the page (dist/web); catch-all, so every api/ route wins over it
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
