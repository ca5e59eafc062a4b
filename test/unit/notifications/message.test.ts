import { describe, expect, it } from 'vitest';

import { emptyProfileDoc, type ProfileDoc } from '../../../shared/domain/changes/docs.js';
import type { MailContext } from '../../../shared/domain/guidance/types.js';
import { buildNotificationMessage, notificationMessageSchema, renderInputOf } from '../../../shared/notifications/message.js';
import { renderNotification } from '../../../shared/notifications/templates/render.js';
import { sampleEntry } from './fixtures.js';

const stamp = { observedAt: '2026-01-01T00:00:00Z', deleted: false };

function profile(fields: Partial<ProfileDoc>): ProfileDoc {
  return { ...emptyProfileDoc('p-1'), ...fields };
}

describe('buildNotificationMessage', () => {
  it('takes id, name, contacts and language from the entry and profile, and passes the schema', () => {
    const entry = sampleEntry();
    const m = buildNotificationMessage(
      entry,
      profile({
        name: { ...stamp, value: '  Contoso Ltd ' },
        contacts: { ...stamp, value: ['a@contoso.example', ' B@contoso.example ', 'a@CONTOSO.example', 'not-an-email', ''] },
        preferredLanguage: { ...stamp, value: 'de-DE' },
      }),
    );
    expect(m).toEqual({
      id: entry.id,
      partnerId: 'p-1',
      partnerName: 'Contoso Ltd',
      to: ['a@contoso.example', 'B@contoso.example'],
      ignoredContacts: ['not-an-email'],
      language: 'de-DE',
      entry,
    });
    expect(notificationMessageSchema.parse(JSON.parse(JSON.stringify(m)))).toEqual(m);
  });

  it('without a profile: no recipients, partner id as name, English', () => {
    const m = buildNotificationMessage(sampleEntry(), undefined);
    expect(m.to).toEqual([]);
    expect(m.partnerName).toBe('p-1');
    expect(m.language).toBe('en');
    expect(notificationMessageSchema.safeParse(m).success).toBe(true);
  });

  it('ignores deleted fields and an unusable language', () => {
    const m = buildNotificationMessage(
      sampleEntry(),
      profile({
        name: { ...stamp, deleted: true },
        contacts: { observedAt: stamp.observedAt, deleted: true },
        preferredLanguage: { ...stamp, value: 'Deutsch (Schweiz)' },
      }),
    );
    expect(m).toMatchObject({ partnerName: 'p-1', to: [], language: 'en' });
    const nulls = buildNotificationMessage(
      sampleEntry(),
      profile({ contacts: { ...stamp, value: null }, preferredLanguage: { ...stamp, value: null } }),
    );
    expect(nulls).toMatchObject({ to: [], language: 'en' });
  });

  it('copies every field of the entry (reminders included)', () => {
    const entry = sampleEntry({
      id: 'p-1:security:renewal-reminder:2026-05-02:before-30',
      area: 'security',
      kind: 'renewal-reminder',
      status: 'enrolled',
      cause: null,
      anniversary: '2026-06-01',
      eligibleToRenew: false,
      reminder: 'before-30',
      day: '2026-05-02',
    });
    expect(buildNotificationMessage(entry, undefined).entry).toEqual(entry);
  });
});

describe('notificationMessageSchema', () => {
  const good = buildNotificationMessage(sampleEntry(), profile({ contacts: { ...stamp, value: ['a@contoso.example'] } }));

  it('names the field and why', () => {
    const cases: Array<[unknown, string]> = [
      [{ ...good, to: ['nope'] }, 'to.0'],
      [{ ...good, entry: { ...good.entry, kind: 'party' } }, 'entry.kind'],
      [{ ...good, entry: { ...good.entry, day: '2026-02-30' } }, 'entry.day'],
      [{ ...good, id: 'other' }, 'id'],
      [{ ...good, partnerId: 'p-2' }, 'partnerId'],
      [{ ...good, language: 'de_DE' }, 'language'],
    ];
    for (const [body, path] of cases) {
      const r = notificationMessageSchema.safeParse(body);
      expect(r.success, path).toBe(false);
      expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
    }
  });

  it('defaults language and ignoredContacts', () => {
    const { language: _l, ignoredContacts: _i, ...rest } = good;
    expect(notificationMessageSchema.parse(rest)).toMatchObject({ language: 'en', ignoredContacts: [] });
  });

  const context: MailContext = {
    asOf: '2026-11-20',
    today: '2026-11-21',
    track: 'enterprise',
    total: 72.5,
    qualifiesToday: true,
    metrics: { advancedCertifications: { points: 7.5, maxPoints: 15 } },
    window: { start: '2026-06-01', end: '2026-11-21' },
    anniversary: null,
    plan: [
      {
        kind: 'certification',
        metric: 'advancedCertifications',
        text: 'Have p-1 earn X',
        facts: { people: [{ id: 'p-1', certifications: [{ name: 'X', earned: '2026-11-21', expires: null }] }] },
        cost: 1,
        detail: { kind: 'certification', certification: 'X', personId: 'p-1', newPerson: false },
      },
    ],
    forecast: { asOf: '2026-12-21', total: 62.5, metric: 'advancedCertifications', reason: 'drops' },
  };

  it('carries an optional context, validated; old messages without one still parse', () => {
    const withContext = { ...good, context };
    expect(notificationMessageSchema.parse(JSON.parse(JSON.stringify(withContext)))).toEqual(withContext);
    expect(notificationMessageSchema.parse({ ...good, context: null }).context).toBeNull();
    expect(notificationMessageSchema.parse(good).context).toBeUndefined();
    const cases: Array<[unknown, string]> = [
      [{ ...context, total: 'many' }, 'context.total'],
      [{ ...context, track: 'mid' }, 'context.track'],
      [{ ...context, window: { start: '2026-02-30', end: '2026-11-21' } }, 'context.window.start'],
      [{ ...context, metrics: { bogus: { points: 1, maxPoints: 2 } } }, 'context.metrics'],
      [
        {
          ...context,
          plan: [
            {
              ...context.plan![0]!,
              detail: { kind: 'moreUsage', tenantId: 't', association: 'CSP_T1', month: '2026-13', name: 'n', amount: 1, unit: 'usd' },
            },
          ],
        },
        'context.plan.0.detail.month',
      ],
      [{ ...context, forecast: { ...context.forecast!, metric: 'vibes' } }, 'context.forecast.metric'],
    ];
    for (const [bad, path] of cases) {
      const r = notificationMessageSchema.safeParse({ ...good, context: bad });
      expect(r.success, path).toBe(false);
      expect(
        r.error?.issues.map((i) => i.path.join('.')),
        path,
      ).toContain(path);
    }
  });

  it('renderInputOf passes the context to the templates', () => {
    const mail = renderNotification(renderInputOf(notificationMessageSchema.parse({ ...good, context })));
    expect(mail.text).toContain('Advanced certifications: 7.5 of 15');
    expect(renderNotification(renderInputOf(good)).text).not.toContain('Advanced certifications');
  });
});
