// Issue 13's leftover (pcs-rules.md §4.2): "a claim submitted while another partner's claim on the same key
// is active is flagged as competing (both claims show it; both partners are told)". Telling them is a
// claim-competing mail to each partner, about its own claim, without naming the other partner: queued by
// the claim path on `notifications` (ids per partner, claim and competing claim, so redeliveries add
// nothing), re-checked against both claims when it is sent after the settle delay.
import type { InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';

import { competingMailMessage, competingMails } from '../../../shared/claims/competing-mail.js';
import { receiveClaimWebhook } from '../../../shared/claims/webhook.js';
import { emptyProfileDoc } from '../../../shared/domain/changes/docs.js';
import {
  competingMail,
  competingMailId,
  competingRef,
  competingVerdict,
  designationAreaOf,
} from '../../../shared/domain/claims/competing.js';
import { type Claim } from '../../../shared/domain/claims/types.js';
import { currentRules } from '../../../shared/domain/rules/load.js';
import { sendNotificationHandler } from '../../../shared/handlers/sendNotification.js';
import { buildNotificationMessage, notificationMessageSchema } from '../../../shared/notifications/message.js';
import type { NotificationRecord } from '../../../shared/notifications/sendOnce.js';
import { renderNotification } from '../../../shared/notifications/templates/render.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';
import { signWebhook } from '../../../shared/webhooks/standard-webhooks.js';
import { withRepos } from '../../support/memory-store.js';
import { fakeContext, RecordingBus, RecordingMailer, sampleMessages, TestClock } from '../pipeline/fakes.js';
import { mwsData, run } from './fixtures.js';
import { ClaimsMemoryStore } from './store.js';

const SECRET = 'whsec_' + Buffer.from('claims-competing-mail-secret').toString('base64');
/** Fabrikam Workplace GmbH (de-DE, enrolled in Modern Work) and Adatum Sécurité SAS (fr-FR), from the samples. */
const A = '4100002';
const B = '4100004';
const TENANT = 'fab00000-2222-4a2a-a222-000000000001';
const SETTLE = 300;

async function setup() {
  const store = new ClaimsMemoryStore();
  const bus = new RecordingBus();
  const clock = new TestClock('2026-11-21');
  // Both partners as the samples load them: profile (contacts, language) and a scored state.
  for (const partnerId of [A, B])
    for (const m of await sampleMessages(partnerId)) await applyPartnerChanges(withRepos(store, { bus, clock }), m);
  const log = { log() {}, warn() {}, error() {} };
  let n = 0;
  const post = async (value: unknown, webhookId = `d-${++n}`) => {
    const body = JSON.stringify(value);
    return receiveClaimWebhook(
      { store, repos: store.repos, bus, clock, mailSettleSeconds: SETTLE },
      { secrets: [SECRET], log },
      { headers: signWebhook({ id: webhookId, timestamp: clock.now(), body, secret: SECRET }), body },
    );
  };
  const mailer = new RecordingMailer();
  const sender = sendNotificationHandler(withRepos(store, { mailer, clock, mailSettleSeconds: SETTLE }));
  /** The claim-competing messages queued so far. */
  const queued = () => bus.sent.filter((m) => m.queue === QUEUES.notifications && m.subject === 'claim-competing');
  /** Delivers every queued claim-competing message once its delay has passed (redeliveries included). */
  const deliver = async () => {
    clock.advance((SETTLE + 1) * 1000);
    const outcomes = [];
    for (const m of queued())
      outcomes.push(await sender(m.body, fakeContext('sendNotification', m.messageId).context as unknown as InvocationContext));
    return outcomes;
  };
  const record = async (id: string) =>
    (await store.collection('operations').read<NotificationRecord>(id, OPERATIONS_PK.notificationsSent))?.doc;
  return { store, bus, clock, post, queued, deliver, mailer, record };
}

const submission = (partnerId: string, claimId: string, at: string, over: Record<string, unknown> = {}) => ({
  type: 'submitted',
  eventId: `sub-${partnerId}-${claimId}`,
  occurredAt: at,
  partnerId,
  claimId,
  claim: {
    ...mwsData({ workloads: ['Teams'], name: `${claimId} rollout` }),
    customerDomain: 'fabrikam.onmicrosoft.com',
    proofOfExecution: { reference: `sow-${claimId}`, date: '2026-10-20' },
    ...over,
  },
  submittedBy: { role: 'incentives-admin' },
});
const event = (partnerId: string, claimId: string, type: string, at: string) => ({
  type,
  eventId: `${partnerId}-${claimId}-${type}-${at}`,
  occurredAt: at,
  partnerId,
  claimId,
  ...(type === 'rejected' ? { reason: 'insufficient-proof' } : {}),
});

const idA = competingMailId(A, 'a-1', competingRef({ partnerId: B, claimId: 'b-1' }));
const idB = competingMailId(B, 'b-1', competingRef({ partnerId: A, claimId: 'a-1' }));

describe("claim-competing: B's submission against A's active claim tells both partners once", () => {
  it('queues exactly one message for A and one for B, scheduled MAIL_SETTLE_SECONDS ahead; redeliveries add none', async () => {
    const t = await setup();
    expect((await t.post(submission(A, 'a-1', '2026-11-19T09:00:00Z'))).status).toBe(202);
    expect(t.queued()).toEqual([]); // nobody competes yet
    expect((await t.post(submission(B, 'b-1', '2026-11-20T09:00:00Z'), 'sub-b')).status).toBe(202);

    const first = t.queued();
    expect(first.map((m) => m.messageId).sort()).toEqual([idA, idB].sort());
    expect(idA).toMatch(/^4100002:claim-competing:a-1:[0-9a-f]{16}$/);
    for (const m of first) {
      expect(m.delayMs).toBe(SETTLE * 1000);
      expect(m.applicationProperties).toMatchObject({ kind: 'claim-competing', area: 'modernWork' });
      expect(notificationMessageSchema.safeParse(m.body).success).toBe(true);
    }
    const bodyA = notificationMessageSchema.parse(first.find((m) => m.messageId === idA)!.body);
    const bodyB = notificationMessageSchema.parse(first.find((m) => m.messageId === idB)!.body);
    // Recipients and language from each partner's own profile.
    expect(bodyA).toMatchObject({
      partnerId: A,
      partnerName: 'Fabrikam Workplace GmbH',
      to: ['partner-office@fabrikam.example'],
      language: 'de-DE',
    });
    expect(bodyB).toMatchObject({ partnerId: B, partnerName: 'Adatum Sécurité SAS', language: 'fr-FR' });
    expect(bodyA.claim).toMatchObject({ claimId: 'a-1', workloads: ['Teams'], since: '2026-11-20', status: 'submitted' });
    expect(bodyB.claim).toMatchObject({ claimId: 'b-1', workloads: ['Teams'], since: '2026-11-20', status: 'submitted' });
    // Each message is about the recipient's claim only: the other partner is nowhere in it.
    expect(JSON.stringify(bodyA)).not.toMatch(new RegExp(`${B}|b-1`));
    expect(JSON.stringify(bodyB)).not.toMatch(new RegExp(`${A}|a-1`));

    // The same delivery again (recorded answer), and the same event under a new webhook-id (a duplicate).
    expect(await t.post(submission(B, 'b-1', '2026-11-20T09:00:00Z'), 'sub-b')).toMatchObject({ status: 202 });
    expect(await t.post(submission(B, 'b-1', '2026-11-20T09:00:00Z'), 'sub-b-again')).toMatchObject({
      status: 202,
      body: { outcome: 'duplicate' },
    });
    // A duplicate queues the same two ids again (a crash before the first send loses nothing): the broker drops them.
    expect(new Set(t.queued().map((m) => m.messageId))).toEqual(new Set([idA, idB]));

    // Through the sender, every delivery included: one mail per partner.
    await t.deliver();
    expect(t.mailer.sent.map((m) => m.idempotencyKey).sort()).toEqual([idA, idB].sort());
    const mailA = t.mailer.sent.find((m) => m.idempotencyKey === idA)!;
    const mailB = t.mailer.sent.find((m) => m.idempotencyKey === idB)!;
    expect(mailA.to).toEqual(['partner-office@fabrikam.example']);
    expect(mailA.subject).toContain('Konkurrierender Anspruch für Fabrikam Workplace GmbH');
    expect(mailA.text).toContain('Anspruch: a-1 („a-1 rollout“)');
    expect(mailA.text).toContain('Kunde: fabrikam.onmicrosoft.com (Mandant fab00000-2222-4a2a-a222-000000000001)');
    expect(mailA.text).toContain('Von beiden beanspruchte Workload: Teams');
    expect(mailA.text).toContain('Lösungsbereich: Modern Work & Security');
    expect(mailA.text).toContain('Am 20. November 2026');
    expect(mailA.text).toMatch(/Gesamt: \d+,\d Punkte \(70 für die Qualifikation erforderlich\)/); // the area's numbers (MailContext)
    expect(mailA.text).toContain('Solutions Partner for Modern Work');
    expect(mailB.subject).toContain('Revendication concurrente pour Adatum Sécurité SAS');
    expect(mailB.text).toMatch(/Total : \d+,\d points \(70 requis pour être qualifié\)/);
    expect(mailB.text).toContain('Microsoft arbitre les revendications concurrentes sur la preuve d’exécution la plus récente');
    for (const [mail, other] of [
      [mailA, [B, 'b-1', 'Adatum']],
      [mailB, [A, 'a-1', 'Fabrikam Workplace']],
    ] as const)
      for (const part of [mail.subject, mail.text, mail.html]) for (const word of other) expect(part).not.toContain(word);
    expect(await t.record(idA)).toMatchObject({ state: 'sent', kind: 'claim-competing', partnerId: A, area: 'modernWork' });

    // A later redelivery of every message (after the broker's window): nothing more is mailed.
    await t.deliver();
    expect(t.mailer.sent).toHaveLength(2);
  });

  it('an approved holder is told too (its association ends only if Microsoft approves the other claim); a BA subscription is one key', async () => {
    const t = await setup();
    await t.post(submission(A, 'a-1', '2026-11-10T09:00:00Z', { workloads: ['Teams', 'Intune'] }));
    await t.post(event(A, 'a-1', 'approved', '2026-11-12T09:00:00Z'));
    await t.post(submission(B, 'b-1', '2026-11-20T09:00:00Z'));
    expect(
      t
        .queued()
        .map((m) => m.messageId)
        .sort(),
    ).toEqual([idA, idB].sort());
    await t.deliver();
    const mailA = t.mailer.sent.find((m) => m.idempotencyKey === idA)!;
    expect(mailA.text).toContain('Status des Anspruchs: Genehmigt');
    expect(mailA.text).toContain('Von beiden beanspruchte Workload: Teams\n'); // Intune is not contested
    expect(mailA.text).toContain('Ihr Anspruch bleibt vorerst genehmigt');
  });

  it('a claim of the same partner, or on another key, queues nothing', async () => {
    const t = await setup();
    await t.post(submission(A, 'a-1', '2026-11-19T09:00:00Z'));
    await t.post(submission(B, 'b-1', '2026-11-20T09:00:00Z', { workloads: ['Exchange Online'] }));
    expect(t.queued()).toEqual([]);
  });
});

describe('claim-competing at send time: still active and still competing, else skipped with a reason', () => {
  it('the holder withdrew meanwhile (its claim rejected): both mails skipped', async () => {
    const t = await setup();
    await t.post(submission(A, 'a-1', '2026-11-19T09:00:00Z'));
    await t.post(submission(B, 'b-1', '2026-11-20T09:00:00Z'));
    expect((await t.post(event(A, 'a-1', 'rejected', '2026-11-20T10:00:00Z'))).status).toBe(202);
    const outcomes = await t.deliver();
    expect(outcomes.map((o) => o?.outcome)).toEqual(['skipped', 'skipped']);
    expect(t.mailer.sent).toEqual([]);
    expect(await t.record(idA)).toMatchObject({ state: 'skipped', reason: 'claim-ended: claim a-1 is rejected' });
    expect(await t.record(idB)).toMatchObject({ state: 'skipped', reason: 'no-longer-competing: the other claim is no longer active' });
  });

  it("decided meanwhile (B's claim approved over A's approved claim): both mails skipped, the other partner not named", async () => {
    const t = await setup();
    await t.post(submission(A, 'a-1', '2026-11-10T09:00:00Z'));
    await t.post(event(A, 'a-1', 'approved', '2026-11-12T09:00:00Z'));
    await t.post(submission(B, 'b-1', '2026-11-20T09:00:00Z'));
    expect((await t.post(event(B, 'b-1', 'approved', '2026-11-20T11:00:00Z'))).status).toBe(202);
    await t.deliver();
    expect(t.mailer.sent).toEqual([]);
    expect(await t.record(idA)).toMatchObject({
      state: 'skipped',
      reason: 'claim-decided: the other claim was approved for the workloads of claim a-1',
    });
    expect(await t.record(idB)).toMatchObject({ state: 'skipped', reason: 'claim-decided: claim b-1 was approved meanwhile' });
    for (const id of [idA, idB]) expect(JSON.stringify(await t.record(id))).not.toMatch(id === idA ? /4100004|b-1/ : /4100002|a-1/);
  });

  it('unchanged but one claim moved on within review (under review): still sent', async () => {
    const t = await setup();
    await t.post(submission(A, 'a-1', '2026-11-19T09:00:00Z'));
    await t.post(submission(B, 'b-1', '2026-11-20T09:00:00Z'));
    await t.post(event(B, 'b-1', 'review-started', '2026-11-20T12:00:00Z'));
    await t.deliver();
    expect(t.mailer.sent).toHaveLength(2);
  });
});

describe('claim-competing, pure parts', () => {
  const claimA = run([
    {
      eventId: 'a',
      type: 'submitted',
      occurredAt: '2026-11-19T09:00:00.000Z',
      partnerId: A,
      claimId: 'a-1',
      claim: mwsData({ workloads: ['Teams', 'Intune'] }),
    },
  ]);
  const claimB: Claim = { ...claimA, partnerId: B, claimId: 'b-1', workloads: ['Intune', 'Teams', 'Defender for Office 365'] };

  it("the claim path's body is buildNotificationMessage's for the same entry, profile and claim", () => {
    const stamp = { observedAt: '2026-01-01T00:00:00Z', deleted: false };
    const profile = {
      ...emptyProfileDoc(A),
      name: { ...stamp, value: 'Fabrikam' },
      contacts: { ...stamp, value: ['x@fabrikam.example', 'nope'] },
    };
    const [mail] = competingMails([{ claim: claimA, other: claimB, since: '2026-11-20' }], currentRules()).filter(
      (m) => m.entry.partnerId === A,
    );
    const message = competingMailMessage(mail!, profile, 1000);
    expect(message.body).toEqual(buildNotificationMessage(mail!.entry, profile, mail!.claim));
    expect(notificationMessageSchema.parse(message.body)).toEqual(message.body);
    // The schema wants the claim exactly for a claim-competing entry.
    const { claim: _claim, ...withoutClaim } = message.body as Record<string, unknown>;
    expect(notificationMessageSchema.safeParse(withoutClaim).success).toBe(false);
  });

  it('contested workloads as each claim spells them; the area they count toward; one id per (partner, claim, competing claim)', () => {
    const mail = competingMail(claimB, claimA, '2026-11-20', currentRules());
    expect(mail.claim.workloads).toEqual(['Intune', 'Teams']);
    expect(mail.entry).toMatchObject({
      partnerId: B,
      area: 'modernWork',
      kind: 'claim-competing',
      day: '2026-11-20',
      status: 'inProgress',
    });
    expect(designationAreaOf('modernWorkSecurity', ['Defender for Office 365', 'Intune'], currentRules())).toBe('security');
    expect(designationAreaOf('modernWorkSecurity', ['Intune'], currentRules())).toBe('modernWork');
    expect(designationAreaOf('businessApplications', ['Business Central'], currentRules())).toBe('businessApplications');
    expect(competingMailId(A, 'a-1', 'ref')).toBe(`${A}:claim-competing:a-1:ref`);
    const long = competingMailId('p'.repeat(100), 'c'.repeat(100), '0123456789abcdef');
    expect(long).toMatch(/^claim-competing:[0-9a-f]{40}$/);
    expect(competingMailId('p'.repeat(100), 'c'.repeat(100), '0123456789abcdef')).toBe(long);
    expect(competingRef({ partnerId: A, claimId: 'a-1' })).not.toBe(competingRef({ partnerId: B, claimId: 'a-1' }));
  });

  it('the verdict: gone, ended, decided, no longer competing, else send', () => {
    const noted = (c: Claim, other: Claim): Claim => ({
      ...c,
      competing: [{ partnerId: other.partnerId, claimId: other.claimId, keys: [], since: '2026-11-20' }],
    });
    const a = noted(claimA, claimB);
    const b = noted(claimB, claimA);
    const details = competingMail(a, b, '2026-11-20', currentRules()).claim;
    expect(competingVerdict(details, a, b)).toEqual({ send: true });
    expect(competingVerdict(details, undefined, b)).toMatchObject({ send: false, reason: expect.stringMatching(/^claim-gone/) });
    expect(competingVerdict(details, { ...a, status: 'rejected-final' }, b)).toMatchObject({
      reason: 'claim-ended: claim a-1 is rejected-final',
    });
    expect(competingVerdict(details, { ...a, status: 'approved' }, b)).toMatchObject({ reason: expect.stringMatching(/^claim-decided/) });
    expect(competingVerdict({ ...details, status: 'approved' }, { ...a, status: 'approved' }, b)).toEqual({ send: true });
    expect(competingVerdict(details, a, { ...b, status: 'expired' })).toMatchObject({
      reason: expect.stringMatching(/^no-longer-competing/),
    });
    expect(competingVerdict(details, a, undefined)).toMatchObject({ reason: expect.stringMatching(/^no-longer-competing/) });
    expect(competingVerdict(details, { ...a, competing: [] }, b)).toMatchObject({ reason: expect.stringMatching(/^no-longer-competing/) });
    expect(competingVerdict(details, a, { ...b, workloads: ['Exchange Online'] })).toMatchObject({
      reason: 'no-longer-competing: the claims no longer share a workload',
    });
  });

  it('renders in all five languages without naming the other partner, with the next step by status', () => {
    const mail = competingMail(claimA, claimB, '2026-11-20', currentRules());
    for (const language of ['en', 'de', 'fr', 'ja', 'nl']) {
      for (const status of ['draft', 'submitted', 'approved', 'dispute'] as const) {
        const r = renderNotification({ entry: mail.entry, partnerName: 'Fabrikam', language, claim: { ...mail.claim, status } });
        const all = `${r.subject}\n${r.text}\n${r.html}`;
        expect(all).not.toMatch(/undefined|NaN|null|\{[A-Za-z]+\}/);
        expect(all).not.toContain(B);
        expect(all).toContain('a-1');
        expect(all).toContain(TENANT);
      }
    }
    const en = (status: Claim['status']) =>
      renderNotification({ entry: mail.entry, partnerName: 'Fabrikam', language: 'en', claim: { ...mail.claim, status } }).text;
    expect(en('under-review')).toContain('Your claim stays under review meanwhile, and the review may take longer than usual');
    expect(en('approved')).toContain('your claim stays approved for now');
    expect(en('draft')).toContain('your claim is still a draft');
    expect(en('submitted')).toContain('make sure the proof of execution of claim a-1 is current');
  });
});
