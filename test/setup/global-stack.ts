// Integration-project globalSetup: starts every stand-in (Azurite, Cosmos, Service Bus, SMTP sink) once, on
// free ports bound to 127.0.0.1, whatever the environment says (no test talks to a real resource), and
// provides their settings to the tests through vitest's provide/inject. Teardown stops them all.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

import { type StandInStack, startStandIns } from '../../devtools/standins/launcher.js';
import { loadLocalSettings } from '../../devtools/standins/settings.js';

export interface StackSettings {
  /** App settings pointing at the stand-ins (AzureWebJobsStorage, COSMOS_*, ServiceBusConnection, SMTP_*). */
  settings: Record<string, string>;
  mailDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackSettings;
  }
}

let stack: StandInStack | undefined;
let mailRoot: string | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mailRoot = await mkdtemp(path.join(os.tmpdir(), 'dt-mail-'));
  const local = loadLocalSettings({
    LOCAL_BLOB_PORT: '0',
    LOCAL_QUEUE_PORT: '0',
    LOCAL_TABLE_PORT: '0',
    LOCAL_COSMOS_PORT: '0',
    LOCAL_SERVICEBUS_PORT: '0',
    LOCAL_SMTP_PORT: '0',
    LOCAL_MAIL_DIR: mailRoot,
  });
  stack = await startStandIns({ env: {}, local, only: { azurite: true, cosmos: true, serviceBus: true, smtp: true } });
  project.provide('stack', { settings: stack.settings, mailDir: stack.mailDir ?? mailRoot });
  return async () => {
    await stack?.stop();
    if (mailRoot) await rm(mailRoot, { recursive: true, force: true });
  };
}
