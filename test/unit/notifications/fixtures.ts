import { InvocationContext } from '@azure/functions';

import type { CompetingClaimDetails } from '../../../shared/domain/claims/competing.js';
import type { OutboxEntry } from '../../../shared/domain/status/outbox.js';
import { OPERATIONS_PK } from '../../../shared/ports/documentStore.js';

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

/** The recipient's claim of a claim-competing mail (Modern Work & Security, under review). */
export function sampleCompetingClaim(overrides: Partial<CompetingClaimDetails> = {}): CompetingClaimDetails {
  return {
    claimId: 'c-2026-017',
    name: 'Fabrikam Teams rollout',
    tenantId: 'fab00000-2222-4a2a-a222-000000000001',
    customerDomain: 'fabrikam.onmicrosoft.com',
    solutionArea: 'modernWorkSecurity',
    workloads: ['Teams', 'Exchange Online'],
    subscriptionId: null,
    since: '2026-11-20',
    status: 'under-review',
    competingRef: '0123456789abcdef',
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
