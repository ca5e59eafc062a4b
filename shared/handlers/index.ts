import type { Config } from '../config/config.js';
import type { Ports } from '../ports/ports.js';
import { claimDeadlinesHandler } from './claimDeadlines.js';
import { dashboardHandler } from './dashboard.js';
import { getClaimHandler } from './getClaim.js';
import { getPartnerExplanationsHandler, getPartnerHandler } from './getPartner.js';
import { getPartnerForecastHandler, getPartnerRecommendationsHandler } from './getPartnerGuidance.js';
import { getPartnerHistoryHandler } from './getPartnerHistory.js';
import { getPartnerMailsHandler } from './getPartnerMails.js';
import { healthHandler } from './health.js';
import { importExportsHandler } from './importExports.js';
import { listClaimsHandler } from './listClaims.js';
import { listImportsHandler } from './listImports.js';
import { listPartnersHandler } from './listPartners.js';
import { meHandler } from './me.js';
import { nightlyRecomputeHandler } from './nightlyRecompute.js';
import { openApiHandler } from './openapi.js';
import { listDeadLettersHandler, listRejectedMessagesHandler } from './operations.js';
import { partnersSummaryHandler } from './partnersSummary.js';
import { processPartnerChangeHandler } from './processPartnerChange.js';
import { pullInsightsHandler } from './pullInsights.js';
import { type KeyVaultCredentials, pullPartnerInsightsHandler } from './pullPartnerInsights.js';
import { recomputePartnerHandler } from './recomputePartner.js';
import { sendNotificationHandler } from './sendNotification.js';
import { submitChangesHandler } from './submitChanges.js';
import { submitClaimEventHandler } from './submitClaimEvent.js';

/** What some handlers need beyond the ports: the app identity for Key Vault (Partner Center refresh tokens). */
export interface HandlerExtras {
  credentials?: KeyVaultCredentials;
}

/**
 * Every handler, built once from one set of ports and the settings the composition root parsed (it reads
 * the environment once; nothing here does). functions/index.ts picks them by name.
 */
export function createHandlers(ports: Ports, config: Config, extras: HandlerExtras = {}) {
  const pipeline = { ...ports, dataCompleteDay: config.DATA_COMPLETE_DAY, mailSettleSeconds: config.MAIL_SETTLE_SECONDS };
  return {
    health: healthHandler(ports),
    submitChanges: submitChangesHandler(ports, config),
    importExports: importExportsHandler(ports, config),
    listImports: listImportsHandler(ports),
    listPartners: listPartnersHandler(ports),
    getPartnersSummary: partnersSummaryHandler(ports),
    getPartnerMails: getPartnerMailsHandler(ports),
    listRejectedMessages: listRejectedMessagesHandler(ports),
    listDeadLetters: listDeadLettersHandler(ports),
    openApi: openApiHandler(),
    me: meHandler(),
    getPartner: getPartnerHandler(ports),
    getPartnerExplanations: getPartnerExplanationsHandler(ports),
    getPartnerHistory: getPartnerHistoryHandler(ports),
    getPartnerRecommendations: getPartnerRecommendationsHandler(pipeline),
    getPartnerForecast: getPartnerForecastHandler(pipeline),
    pullInsights: pullInsightsHandler(ports, config),
    pullPartnerInsights: pullPartnerInsightsHandler({ ...ports, ...extras }, config),
    nightlyRecompute: nightlyRecomputeHandler(ports),
    processPartnerChange: processPartnerChangeHandler(pipeline),
    recomputePartner: recomputePartnerHandler(pipeline),
    sendNotification: sendNotificationHandler({
      ...ports,
      mailSettleSeconds: config.MAIL_SETTLE_SECONDS,
      dataCompleteDay: config.DATA_COMPLETE_DAY,
    }),
    // A competing claim's mails wait MAIL_SETTLE_SECONDS on the queue, as every mail (shared/claims/competing-mail.ts).
    submitClaimEvent: submitClaimEventHandler({ ...ports, mailSettleSeconds: config.MAIL_SETTLE_SECONDS }, config),
    listClaims: listClaimsHandler(ports),
    getClaim: getClaimHandler(ports),
    claimDeadlines: claimDeadlinesHandler(ports),
    dashboard: dashboardHandler(),
  };
}
export type Handlers = ReturnType<typeof createHandlers>;
