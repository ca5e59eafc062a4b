// Issue 11, defect 6: a transition that arrived before the partner's contacts was recorded `skipped`
// for good. Now the outbox entry is held (not dispatched, nothing recorded) until contacts exist —
// then sent exactly once — and only after HOLD_FOR_CONTACTS.days is it skipped, with the reason.
import { describe, expect, it } from 'vitest';

import { type ChangeEvent } from '../../../shared/domain/changes/events.js';
import { makeMessage } from '../../../shared/domain/changes/message.js';
import { sendNotificationHandler } from '../../../shared/handlers/sendNotification.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { HOLD_FOR_CONTACTS } from '../../../shared/pipeline/dispatch.js';
import { recomputePartner } from '../../../shared/pipeline/recompute.js';
import { OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';
import { MemoryStore, withRepos } from '../../support/memory-store.js';
import { testContext } from '../notifications/fixtures.js';
import { RecordingBus, RecordingMailer, sampleMessages, TestClock } from '../pipeline/fakes.js';

const PARTNER = '4100003';

const isContacts = (c: ChangeEvent) => c.fact === 'profile' && 'contacts' in c;
const withoutContacts = (c: ChangeEvent): ChangeEvent => {
  if (c.fact !== 'profile') return c;
  const { contacts: _c, ...rest } = c as ChangeEvent & { contacts?: unknown };
  return rest as ChangeEvent;
};

async function setup() {
  const store = new MemoryStore();
  const bus = new RecordingBus();
  const clock = new TestClock('2026-11-21');
  const deps = withRepos(store, { bus, clock });
  const messages = await sampleMessages(PARTNER);
  const contactChanges = messages.flatMap((m) => m.changes.filter(isContacts));
  expect(contactChanges.length).toBeGreaterThan(0);
  // The facts arrive first, without the contacts: the partner qualifies (a transition) with nobody to tell.
  for (const m of messages) await applyPartnerChanges(deps, makeMessage(PARTNER, m.changes.map(withoutContacts), m.source));
  // Northwind's lifting certification (as in settle.test.ts): Business Applications becomes qualified.
  clock.advance(30_000);
  const lift = {
    fact: 'certification',
    partnerId: PARTNER,
    personId: 'n-02',
    name: 'Dynamics 365 Business Central Developer Associate',
    earned: '2026-11-18',
    expires: '2027-11-18',
    observedAt: '2026-11-21T09:00:00Z',
    deleted: false,
  } as ChangeEvent;
  await applyPartnerChanges(deps, makeMessage(PARTNER, [lift]));
  const mailer = new RecordingMailer();
  const send = sendNotificationHandler(withRepos(store, { mailer, clock }));
  let delivered = 0;
  const deliverQueued = async () => {
    const queued = bus.sent.filter((m) => m.queue === QUEUES.notifications).slice(delivered);
    delivered += queued.length;
    const outcomes = [];
    for (const m of queued) outcomes.push(await send(m.body, testContext(m.messageId)));
    return outcomes;
  };
  const notificationsSent = async () =>
    store.collection('operations').ofPartition(OPERATIONS_PK.notificationsSent) as unknown as Array<{ state: string; reason?: string }>;
  return { store, bus, clock, deps, mailer, contactChanges, deliverQueued, notificationsSent };
}

describe('notifications wait for the partner’s contacts (hardening B, defect 6)', () => {
  it('transition → no contacts → contacts arrive → exactly one mail per entry', async () => {
    const s = await setup();
    const firstOutcomes = await s.deliverQueued();
    expect(firstOutcomes.every((o) => o?.outcome !== 'skipped')).toBe(true);
    expect(s.mailer.sent).toHaveLength(0);
    expect(await s.notificationsSent()).toHaveLength(0); // nothing recorded: nothing closed for good

    // A recompute without contacts still holds them.
    s.clock.advance(3_600_000);
    await recomputePartner(s.deps, PARTNER);
    await s.deliverQueued();
    expect(s.mailer.sent).toHaveLength(0);

    // The contacts arrive: the recompute dispatches the held entries; each is mailed once.
    s.clock.advance(3_600_000);
    await applyPartnerChanges(s.deps, makeMessage(PARTNER, s.contactChanges));
    await s.deliverQueued();
    const ids = s.mailer.sent.map((m) => m.idempotencyKey);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    expect(s.mailer.sent.every((m) => m.to.length > 0)).toBe(true);

    // Redeliveries and later recomputes send nothing more.
    await applyPartnerChanges(s.deps, makeMessage(PARTNER, s.contactChanges));
    for (const m of s.bus.sent.filter((x) => x.queue === QUEUES.notifications)) {
      await sendNotificationHandler(withRepos(s.store, { mailer: s.mailer, clock: s.clock }))(m.body, testContext(m.messageId));
    }
    expect(s.mailer.sent.map((m) => m.idempotencyKey).sort()).toEqual([...ids].sort());
  });

  it(`after ${HOLD_FOR_CONTACTS.days} days without contacts the entry is let go and recorded skipped, with the reason`, async () => {
    const s = await setup();
    await s.deliverQueued();
    s.clock.advance((HOLD_FOR_CONTACTS.days + 1) * 86_400_000);
    await recomputePartner(s.deps, PARTNER);
    await s.deliverQueued();
    const records = await s.notificationsSent();
    expect(records.length).toBeGreaterThan(0);
    for (const r of records)
      expect(r).toMatchObject({ state: 'skipped', reason: expect.stringMatching(/^no-recipient: no contacts within 7 days/) });
    expect(s.mailer.sent).toHaveLength(0);
  });
});
