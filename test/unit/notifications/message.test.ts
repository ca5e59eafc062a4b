import { describe, expect, it } from 'vitest';
import { emptyProfileDoc, type ProfileDoc } from '../../../shared/domain/changes/docs.js';
import { buildNotificationMessage, notificationMessageSchema } from '../../../shared/notifications/message.js';
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
    const nulls = buildNotificationMessage(sampleEntry(), profile({ contacts: { ...stamp, value: null }, preferredLanguage: { ...stamp, value: null } }));
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
});
