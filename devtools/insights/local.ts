// `npm start` with PARTNER_INSIGHTS_CONNECTIONS unset: the Insights stand-in serves the sample partner
// 4100007 so the connector runs end to end locally. Not under `npm run demo` (its output and timing stay
// as they were) and not when the settings name a real connection.
import { randomUUID } from 'node:crypto';

import { type InsightsStandIn, startInsightsStandIn } from './server.js';

let running: InsightsStandIn | undefined;

/** Settings to merge over the host's when the stand-in is started; {} otherwise. */
export async function localInsightsSettings(env: Record<string, string | undefined>, demo: boolean): Promise<Record<string, string>> {
  if (demo || (env.PARTNER_INSIGHTS_CONNECTIONS ?? '').trim() !== '') return {};
  // A first refresh token of its own per start: a restarted stack keeps the rotated token of the last run in
  // its store, which this new stand-in does not know — a new token in the setting overrides the stored one.
  running = await startInsightsStandIn({ refreshToken: `stand-in-refresh-token-${randomUUID()}` });
  return {
    PARTNER_INSIGHTS_CONNECTIONS: running.connections(),
    PARTNER_INSIGHTS_API_URL: running.apiUrl,
    PARTNER_INSIGHTS_AUTHORITY_URL: running.authorityUrl,
  };
}

/** After start: pull once in the background (polling takes a few seconds), logging the outcome. */
export function pullLocalInsights(fire: ((name: string) => Promise<void>) | undefined, log: (line: string) => void): void {
  if (!running || !fire) return;
  log(`Insights stand-in: ${running.url} (sample partner 4100007); pulling once in the background`);
  fire('pullPartnerInsights').catch((err: unknown) => log(`pullPartnerInsights: ${err instanceof Error ? err.message : String(err)}`));
}
