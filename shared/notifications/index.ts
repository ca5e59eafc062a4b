export { buildNotificationMessage, notificationMessageSchema, outboxEntrySchema, DEFAULT_LANGUAGE } from './message.js';
export type { NotificationMessage } from './message.js';
export * from './templates/index.js';
export { sendOnce, recordSkipped, NotificationInFlightError, DEFAULT_LEASE_MS, DEFAULT_WAIT_FOR_IN_FLIGHT_MS } from './sendOnce.js';
export type { NotificationRecord, Outgoing, SendOnceOptions, SendOutcome, SendState } from './sendOnce.js';
