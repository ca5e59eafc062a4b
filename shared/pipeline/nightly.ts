// Use case: the nightly recompute. Month rollover moves the scored month and every window, so every
// known partner is re-scored: one partner-recompute message per partner with the deterministic id
// `recompute:<partnerId>:<today>` (a second run the same day is a duplicate the broker drops). Partners
// are listed page by page (cross-partition query with continuation tokens); each partner's recompute
// is its own message and costs the same whatever the number of partners.
import { z } from 'zod';

import { type Logger, silentLogger } from '../ports/logger.js';
import { type OutboundMessage, QUEUES } from '../ports/messageBus.js';
import type { PipelineDeps } from './deps.js';
import { PartnerRepository } from './partner-repository.js';

export const NIGHTLY_PAGE_SIZE = 500;
/** The reason of a nightly partner-recompute message: such a run also computes the guidance. */
export const NIGHTLY_REASON = 'nightly';

/** Body of a partner-recompute message. `day` is informational: the recompute uses the clock's day. */
export const recomputeRequestSchema = z.looseObject({
  partnerId: z
    .string({ error: 'partnerId is required (a string)' })
    .trim()
    .min(1, 'partnerId must not be empty')
    .max(128, 'partnerId must be at most 128 characters'),
  reason: z.string().max(500).optional(),
  day: z.string().optional(),
});
export type RecomputeRequest = z.infer<typeof recomputeRequestSchema>;

export function recomputeMessageId(partnerId: string, day: string): string {
  return `recompute:${partnerId}:${day}`;
}

export async function queueNightlyRecompute(
  deps: Pick<PipelineDeps, 'store' | 'repos' | 'bus' | 'clock'>,
  options: { logger?: Logger; pageSize?: number } = {},
): Promise<{ day: string; queued: number; pages: number }> {
  const logger = options.logger ?? silentLogger;
  const day = deps.clock.now().toISOString().slice(0, 10);
  const repo = new PartnerRepository(deps);
  const seen = new Set<string>();
  let pages = 0;
  for await (const ids of repo.partnerIdPages(options.pageSize ?? NIGHTLY_PAGE_SIZE)) {
    pages++;
    const messages: OutboundMessage[] = [];
    for (const partnerId of ids) {
      if (seen.has(partnerId)) continue;
      seen.add(partnerId);
      messages.push({
        messageId: recomputeMessageId(partnerId, day),
        body: { partnerId, reason: NIGHTLY_REASON, day } satisfies RecomputeRequest,
        applicationProperties: { partnerId },
      });
    }
    if (messages.length > 0) await deps.bus.send(QUEUES.partnerRecompute, messages);
    logger.log(`nightlyRecompute ${day}: page ${pages}: queued ${messages.length} partner(s), ${seen.size} so far`);
  }
  logger.log(`nightlyRecompute ${day}: queued ${seen.size} partner(s) in ${pages} page(s)`);
  return { day, queued: seen.size, pages };
}
