// Runs once the local stack is up, before the host prints "ready" (npm start and npm run demo).
// The Cosmos stand-in keeps nothing, so this is where samples get loaded on every start.
// The pipeline issue replaces the body (upload samples/ to the exports container, etc.).
import type { StandInStack } from '../standins/launcher.js';
import type { RunningHost } from './host.js';

export interface StartedContext {
  host: RunningHost;
  stack: StandInStack;
  log: (line: string) => void;
}

export async function onStarted(_ctx: StartedContext): Promise<void> {
  // No samples yet.
}
