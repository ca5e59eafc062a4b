export * from './clock.js';
export * from './documentStore.js';
export * from './exportSource.js';
export * from './health.js';
export * from './mailer.js';
export * from './messageBus.js';

import type { Clock } from './clock.js';
import type { DocumentStore } from './documentStore.js';
import type { ExportSource } from './exportSource.js';
import type { HealthProbe } from './health.js';
import type { Mailer } from './mailer.js';
import type { MessageBus } from './messageBus.js';

/** Everything handlers may depend on; the composition root builds one set. */
export interface Ports {
  clock: Clock;
  store: DocumentStore;
  bus: MessageBus;
  mailer: Mailer;
  exports: ExportSource;
  probes: readonly HealthProbe[];
}
