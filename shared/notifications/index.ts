export type { NotificationMessage } from './message.js';
export { buildNotificationMessage, DEFAULT_LANGUAGE, notificationMessageSchema, outboxEntrySchema } from './message.js';
export type { NotificationRecord, Outgoing, SendOnceOptions, SendOutcome, SendState } from './sendOnce.js';
export { DEFAULT_LEASE_MS, DEFAULT_WAIT_FOR_IN_FLIGHT_MS, NotificationInFlightError, recordSkipped, sendOnce } from './sendOnce.js';
export * from './templates/index.js';
