// Shared set-up for the Service Bus stand-in tests: each test file starts its own stand-in on a
// free port (no global setup) and talks to it with the real, unmodified @azure/service-bus SDK.
import { ServiceBusClient } from '@azure/service-bus';

import { type ServiceBusStandIn, type ServiceBusStandInOptions, startServiceBusStandIn } from '../../../devtools/servicebus/server.js';

export interface StandInFixture {
  standIn: ServiceBusStandIn;
  client: ServiceBusClient;
  /** Every line the stand-in logged, to assert on how the SDK talked to it. */
  logLines: string[];
  close(): Promise<void>;
}

export async function startFixture(options: ServiceBusStandInOptions = {}): Promise<StandInFixture> {
  const logLines: string[] = [];
  const standIn = await startServiceBusStandIn({ ...options, port: 0, log: (line) => logLines.push(line) });
  const client = new ServiceBusClient(standIn.connectionString);
  return {
    standIn,
    client,
    logLines,
    async close() {
      await client.close();
      await standIn.close();
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; fails the test with `what` if it never does. */
export async function eventually(check: () => boolean, what: string | (() => string), timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${typeof what === 'function' ? what() : what}`);
    await sleep(20);
  }
}

let counter = 0;
/** A queue name unique within the run, so tests in one file never see each other's messages. */
export function uniqueQueue(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
