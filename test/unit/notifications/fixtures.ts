import { InvocationContext } from '@azure/functions';

import type { OutboxEntry } from '../../../shared/domain/status/outbox.js';
import { OPERATIONS_PK } from '../../../shared/ports/index.js';

export function sampleEntry(overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id: 'p-1:dataAi:qualified:2026-03-14',
    partnerId: 'p-1',
    area: 'dataAi',
    kind: 'qualified',
    day: '2026-03-14',
    status: 'qualified',
    cause: 'qualifying-day-in-window',
    anniversary: null,
    eligibleToRenew: null,
    reminder: null,
    ...overrides,
  };
}

/** A sent-record left `sending` by another attempt: live or crashed, depending on `leaseUntil`. */
export function claimHeldBy(notificationId: string, attemptId: string, claimedAt: string, leaseUntil: string) {
  return {
    id: notificationId,
    pk: OPERATIONS_PK.notificationsSent,
    type: 'notification',
    notificationId,
    state: 'sending',
    attempts: 1,
    attemptId,
    claimedAt,
    leaseUntil,
  };
}

export function testContext(messageId: string, lines: string[] = []): InvocationContext {
  return new InvocationContext({
    functionName: 'sendNotification',
    invocationId: messageId,
    triggerMetadata: { messageId, deliveryCount: 1 },
    logHandler: (level, ...args) => lines.push(`${level}: ${args.map(String).join(' ')}`),
  });
}
