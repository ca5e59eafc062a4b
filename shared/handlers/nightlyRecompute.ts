import type { InvocationContext, Timer } from '@azure/functions';

import { type PipelineDeps } from '../pipeline/deps.js';
import { queueNightlyRecompute } from '../pipeline/nightly.js';
import type { Clock } from '../ports/clock.js';
import type { Repositories } from '../ports/repositories.js';
import { sweepExpired } from '../store/ttl.js';

/**
 * Timer → one partner-recompute message per known partner (shared/pipeline/nightly.ts). The message id
 * `recompute:<partnerId>:<day>` makes a second run on the same day (a retry, a second instance) a
 * duplicate the broker drops.
 */
export function nightlyRecomputeHandler(
  deps: Pick<PipelineDeps, 'store' | 'bus' | 'clock'> & {
    repos: Pick<Repositories, 'expiredRecords' | 'partnerDocuments'>;
    realClock?: Clock;
  },
) {
  return async (_timer: Timer, context: InvocationContext): Promise<{ day: string; queued: number; pages: number }> => {
    const queued = await queueNightlyRecompute(deps, { logger: context });
    // Expired operations records: Cosmos DB deletes them on Azure (nothing found here); the local stand-in
    // has no TTL. Judged by the wall clock (`_ts` is the real write time), not the scoring clock.
    const swept = await sweepExpired(deps.store, deps.repos.expiredRecords, deps.realClock ? { now: deps.realClock.now() } : {});
    if (Object.keys(swept).length) context.log(`nightly: expired operations records deleted: ${JSON.stringify(swept)}`);
    return queued;
  };
}
