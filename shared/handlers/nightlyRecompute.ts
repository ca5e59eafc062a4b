import type { InvocationContext, Timer } from '@azure/functions';
import { queueNightlyRecompute, type PipelineDeps } from '../pipeline/index.js';

/**
 * Timer → one partner-recompute message per known partner (shared/pipeline/nightly.ts). The message id
 * `recompute:<partnerId>:<day>` makes a second run on the same day (a retry, a second instance) a
 * duplicate the broker drops.
 */
export function nightlyRecomputeHandler(deps: Pick<PipelineDeps, 'store' | 'bus' | 'clock'>) {
  return async (_timer: Timer, context: InvocationContext): Promise<{ day: string; queued: number; pages: number }> => {
    return queueNightlyRecompute(deps, { logger: context });
  };
}
