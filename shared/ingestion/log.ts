// The ingestion use cases log through the one Logger port (shared/ports/logger.ts); the old name stays.
export type { Logger as IngestionLog } from '../ports/logger.js';
