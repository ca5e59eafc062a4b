import type { Ports } from '../ports/index.js';
import { healthHandler } from './health.js';
import { importExportsHandler } from './importExports.js';
import { nightlyRecomputeHandler } from './nightlyRecompute.js';
import { processPartnerChangeHandler } from './processPartnerChange.js';
import { recomputePartnerHandler } from './recomputePartner.js';
import { sendNotificationHandler } from './sendNotification.js';
import { submitChangesHandler } from './submitChanges.js';

export * from './messages.js';
export * from './rejections.js';

/** Every handler, built once from one set of ports. functions/index.ts picks them by name. */
export function createHandlers(ports: Ports) {
  return {
    health: healthHandler(ports),
    submitChanges: submitChangesHandler(ports),
    importExports: importExportsHandler(ports),
    nightlyRecompute: nightlyRecomputeHandler(ports),
    processPartnerChange: processPartnerChangeHandler(ports),
    recomputePartner: recomputePartnerHandler(ports),
    sendNotification: sendNotificationHandler(ports),
  };
}
export type Handlers = ReturnType<typeof createHandlers>;
