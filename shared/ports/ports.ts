// Everything handlers may depend on, as one set the composition root builds.
import type { Clock } from './clock.js';
import type { DeadLetterReader } from './deadLetters.js';
import type { DocumentStore } from './documentStore.js';
import type { ExportSource } from './exportSource.js';
import type { HealthProbe } from './health.js';
import type { Mailer } from './mailer.js';
import type { MessageBus } from './messageBus.js';
import type { Repositories } from './repositories.js';

/** Everything handlers may depend on; the composition root builds one set. */
export interface Ports {
  clock: Clock;
  store: DocumentStore;
  /** The read queries of the operations records and claims, in the domain's words (over `store`). */
  repos: Repositories;
  bus: MessageBus;
  mailer: Mailer;
  exports: ExportSource;
  probes: readonly HealthProbe[];
  /** Peeks the queues' dead-letter sub-queues (GET /api/operations/dead-letters). */
  deadLetters: DeadLetterReader;
}
