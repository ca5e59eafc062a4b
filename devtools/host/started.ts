// Runs once the local stack is up, before the host prints "ready" (npm start and npm run demo).
// Samples go only into an empty store: upload the export drops and run the import once (the timer would
// pick them up within its schedule anyway). A restart of `npm start` on its kept data (.local/data)
// finds the exports container filled and leaves the user's data as it is: no re-upload, no re-import.
import { getRoot } from '../../functions/composition.js';
import { PartnerRepository } from '../../shared/pipeline/partner-repository.js';
import { pullLocalInsights } from '../insights/local.js';
import type { StandInStack } from '../standins/launcher.js';
import type { RunningHost } from './host.js';
import { exportsPresent, SAMPLES_DAY, uploadSampleExports } from './samples.js';
import { monthsBetween } from './shift-samples.js';

export interface StartedContext {
  host: RunningHost;
  stack: StandInStack;
  log: (line: string) => void;
  /** When this start began (epoch ms): the demo counts only mail written since. */
  startedAtMs: number;
}

async function storeHoldsPartners(): Promise<boolean> {
  for await (const ids of new PartnerRepository(getRoot().ports).partnerIdPages(1)) if (ids.length > 0) return true;
  return false;
}

export async function onStarted(ctx: StartedContext): Promise<void> {
  pullLocalInsights(ctx.host.timers ? (name) => ctx.host.timers!.fire(name) : undefined, ctx.log); // the Insights stand-in, when npm start runs one
  // Real storage named in the settings holds the user's own exports: leave it alone.
  if (ctx.stack.skipped.includes('azurite')) return;
  const present = await exportsPresent(ctx.host.config);
  if (present > 0) {
    ctx.log(
      `Samples: not loaded, the "${ctx.host.config.EXPORTS_CONTAINER}" container already holds ${present === 1 ? 'a file' : 'files'} (kept data; npm start -- --fresh starts empty)`,
    );
    return;
  }
  // Cosmos acknowledges a write only once it is on disk; Azurite saves blob metadata on its own timer, so
  // after a kill -9 the exports may be gone while the partners are not: the store decides too.
  if (await storeHoldsPartners()) {
    ctx.log('Samples: not loaded, the store already holds partners (kept data; npm start -- --fresh starts empty)');
    return;
  }
  // Written for SAMPLES_DAY, loaded relative to the business day: moved by the whole months between them.
  const loadDay = getRoot().ports.clock.now().toISOString().slice(0, 10);
  const months = monthsBetween(SAMPLES_DAY, loadDay);
  const names = await uploadSampleExports(ctx.host.config, loadDay);
  ctx.log(
    `Samples: uploaded ${names.length} export files to the "${ctx.host.config.EXPORTS_CONTAINER}" container` +
      (months === 0
        ? ` (written for ${loadDay})`
        : ` (written for ${SAMPLES_DAY}, dates moved ${months > 0 ? '+' : ''}${months} month${Math.abs(months) === 1 ? '' : 's'} for ${loadDay})`),
  );
  if (ctx.host.timers) await ctx.host.timers.fire('importExports');
}
