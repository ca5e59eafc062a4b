// What the pipeline's use cases need: the ports, the rules and the settings.
import type { RuleCatalog } from '../domain/rules/catalog-schema.js';
import { currentRules } from '../domain/rules/load.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/documentStore.js';
import type { MessageBus } from '../ports/messageBus.js';
import type { Repositories } from '../ports/repositories.js';
import { DEFAULT_DATA_COMPLETE_DAY } from './scoring-day.js';

export interface PipelineSettings {
  /** DATA_COMPLETE_DAY (default 20): before this day of the month the previous month's last day is scored. */
  dataCompleteDay?: number;
  /** Rule catalog (default: the current one). */
  rules?: RuleCatalog;
  /**
   * Attempts of a conditional write before giving up. Default 5. Applying and recomputing then throw
   * WriteContentionError (the bus retries the message); marking the outbox dispatched only warns (the
   * next run sends the same message ids again and marks them).
   */
  maxAttempts?: number;
  /**
   * MAIL_SETTLE_SECONDS: notifications are scheduled this far ahead and re-checked when they are sent
   * (shared/domain/status/settle.ts). Default 0 (at once) for in-process use; the app passes its setting.
   */
  mailSettleSeconds?: number;
  /**
   * Largest packed facts aggregate kept in the hot state document (characters of its base64 text; default
   * 512 KiB). A Cosmos item holds at most 2 MB and the hot document is rewritten on every change, so a
   * partner whose aggregate is larger (tens of thousands of customers with rich usage) keeps none: its
   * changes take the full path (every fact document read), which is slower but has no size limit.
   */
  maxAggregateChars?: number;
}

export interface PipelineDeps extends PipelineSettings {
  store: DocumentStore;
  /** The partner documents' queries over `store` (the Cosmos adapter's, or the in-memory ones in tests). */
  repos: Pick<Repositories, 'partnerDocuments'>;
  bus: MessageBus;
  clock: Clock;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_MAX_AGGREGATE_CHARS = 512 * 1024;

export function settingsOf(deps: PipelineSettings): Required<PipelineSettings> {
  return {
    dataCompleteDay: deps.dataCompleteDay ?? DEFAULT_DATA_COMPLETE_DAY,
    rules: deps.rules ?? currentRules(),
    maxAttempts: deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    mailSettleSeconds: deps.mailSettleSeconds ?? 0,
    maxAggregateChars: deps.maxAggregateChars ?? DEFAULT_MAX_AGGREGATE_CHARS,
  };
}

/** A conditional write kept losing races: thrown so the bus redelivers the message later. */
export class WriteContentionError extends Error {
  constructor(what: string, attempts: number) {
    super(`${what}: still conflicting after ${attempts} attempts (concurrent writers); the message will be retried`);
    this.name = 'WriteContentionError';
  }
}
