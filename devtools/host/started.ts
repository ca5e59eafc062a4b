// Runs once the local stack is up, before the host prints "ready" (npm start and npm run demo).
// The Cosmos stand-in keeps nothing, so every start loads the samples again: upload the export drops
// and run the import once (the timer would pick them up within its schedule anyway).
import type { StandInStack } from '../standins/launcher.js';
import type { RunningHost } from './host.js';
import { uploadSampleExports } from './samples.js';

export interface StartedContext {
  host: RunningHost;
  stack: StandInStack;
  log: (line: string) => void;
  /** When this start began (epoch ms): the demo counts only mail written since. */
  startedAtMs: number;
}

export async function onStarted(ctx: StartedContext): Promise<void> {
  // Real storage named in the settings holds the user's own exports: leave it alone.
  if (ctx.stack.skipped.includes('azurite')) return;
  const names = await uploadSampleExports(ctx.host.config);
  ctx.log(`Samples: uploaded ${names.length} export files to the "${ctx.host.config.EXPORTS_CONTAINER}" container`);
  if (ctx.host.timers) await ctx.host.timers.fire('importExports');
}
