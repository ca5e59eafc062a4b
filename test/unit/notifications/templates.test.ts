import { describe, expect, it } from 'vitest';

import { AREAS } from '../../../shared/domain/facts/types.js';
import { OUTBOX_KINDS, type OutboxEntry, type OutboxKind } from '../../../shared/domain/status/outbox.js';
import { AREA_NAMES } from '../../../shared/notifications/templates/areas.js';
import { wordingProblems } from '../../../shared/notifications/templates/parity.js';
import { renderNotification, wordingFor, WORDINGS } from '../../../shared/notifications/templates/render.js';
import { escapeHtml, fill, TemplateError } from '../../../shared/notifications/templates/text.js';
import { type Wording } from '../../../shared/notifications/templates/wording.js';
import { sampleCompetingClaim, sampleEntry } from './fixtures.js';

/** A realistic entry of each kind (anniversary 2026-07-01 → renewal window 07-01…07-30). */
function entryOf(kind: OutboxKind, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  const base = { id: `p-1:security:${kind}:x`, area: 'security' as const, kind };
  const byKind: Record<OutboxKind, Partial<OutboxEntry>> = {
    qualified: { day: '2026-03-14', status: 'qualified', cause: 'qualifying-day-in-window', anniversary: null },
    'no-longer-qualified': { day: '2026-09-01', status: 'inProgress', cause: 'window-closed-without-qualifying-day', anniversary: null },
    enrolled: { day: '2026-03-20', status: 'enrolled', cause: 'enrollment-fact', anniversary: '2027-03-20' },
    'renewal-due': {
      day: '2026-07-01',
      status: 'renewalDue',
      cause: 'anniversary-reached',
      anniversary: '2026-07-01',
      eligibleToRenew: true,
    },
    renewed: { day: '2026-07-10', status: 'enrolled', cause: 'renewed', anniversary: '2027-07-01', eligibleToRenew: true },
    lapsed: { day: '2026-07-31', status: 'inProgress', cause: 'renewal-window-closed', anniversary: '2026-07-01', eligibleToRenew: false },
    'enrollment-withdrawn': { day: '2026-05-05', status: 'inProgress', cause: 'enrollment-withdrawn', anniversary: '2026-07-01' },
    'renewal-reminder': {
      day: '2026-05-02',
      status: 'enrolled',
      cause: null,
      anniversary: '2026-07-01',
      eligibleToRenew: false,
      reminder: 'before-60',
    },
    'at-risk': { day: '2026-11-21', status: 'qualified', cause: null, anniversary: null },
    'claim-competing': { day: '2026-11-20', status: 'qualified', cause: null, anniversary: null },
  };
  return sampleEntry({ ...base, ...byKind[kind], ...overrides });
}

/** A claim-competing entry's claim (the other kinds carry none). */
const claimOf = (kind: OutboxKind) => (kind === 'claim-competing' ? sampleCompetingClaim() : null);

const LANGUAGES = ['en', 'de', 'fr', 'ja', 'nl'] as const;
const BROKEN = /undefined|NaN|null|\[object|Invalid Date|\{[A-Za-z]+\}/;

describe('templates', () => {
  for (const kind of OUTBOX_KINDS) {
    for (const language of LANGUAGES) {
      it(`${kind} × ${language} renders subject, text and HTML without holes`, () => {
        const mail = renderNotification({ entry: entryOf(kind), partnerName: 'Contoso', language, claim: claimOf(kind) });
        expect(mail.language).toBe(language);
        for (const part of [mail.subject, mail.text, mail.html]) {
          expect(part).not.toMatch(BROKEN);
          expect(part).toContain('Contoso');
        }
        // The designation; a claim's subject names its workloads instead.
        for (const part of kind === 'claim-competing' ? [mail.text, mail.html] : [mail.subject, mail.text, mail.html])
          expect(part).toContain('Security');
        expect(mail.subject).not.toMatch(/[\r\n]/);
        expect(mail.html).toMatch(/^<!doctype html>/);
        expect(mail.html).toContain(`lang="${language}"`);
      });
    }
  }

  it('every kind renders in every language also without anniversary or eligibility', () => {
    for (const kind of OUTBOX_KINDS) {
      for (const language of LANGUAGES) {
        for (const overrides of [{ anniversary: null, eligibleToRenew: null }, { eligibleToRenew: true }, { eligibleToRenew: null }]) {
          const mail = renderNotification({ entry: entryOf(kind, overrides), partnerName: 'Contoso', language, claim: claimOf(kind) });
          expect(`${mail.subject}\n${mail.text}\n${mail.html}`, `${kind} ${language} ${JSON.stringify(overrides)}`).not.toMatch(BROKEN);
        }
      }
    }
  });

  it("names each solution area in Partner Center's words", () => {
    expect(Object.values(AREA_NAMES)).toEqual([
      'Data & AI (Azure)',
      'Infrastructure (Azure)',
      'Digital & App Innovation (Azure)',
      'Business Applications',
      'Modern Work',
      'Security',
    ]);
    for (const area of AREAS) {
      const mail = renderNotification({ entry: entryOf('qualified', { area }), partnerName: 'Contoso', language: 'en' });
      expect(mail.subject).toBe(`Contoso qualifies for Solutions Partner for ${AREA_NAMES[area]}`);
      expect(mail.html).toContain(escapeHtml(AREA_NAMES[area]));
    }
  });

  it('qualified: says where to enroll and until when (end of the fifth month after the qualifying day)', () => {
    const mail = renderNotification({ entry: entryOf('qualified'), partnerName: 'Contoso', language: 'en' });
    expect(mail.text).toContain('On March 14, 2026, Contoso reached a qualifying score');
    expect(mail.text).toContain(
      'you can enroll in Partner Center (Membership → Solutions Partner) within the window ending August 31, 2026',
    );
  });

  it('renewal-reminder: days until the anniversary and eligibility, before and inside the window', () => {
    const before = renderNotification({ entry: entryOf('renewal-reminder'), partnerName: 'Contoso', language: 'en' });
    expect(before.subject).toBe('Reminder: Solutions Partner for Security for Contoso is due for renewal on July 1, 2026 (in 60 days)');
    expect(before.text).toContain('60 days remain until the anniversary of Solutions Partner for Security on July 1, 2026');
    expect(before.text).toContain('not yet eligible to renew');
    expect(before.text).toContain('up to July 30, 2026');

    const eligible = renderNotification({
      entry: entryOf('renewal-reminder', { eligibleToRenew: true }),
      partnerName: 'Contoso',
      language: 'en',
    });
    expect(eligible.text).toContain('Contoso is eligible to renew Solutions Partner for Security');

    const inWindow = renderNotification({
      entry: entryOf('renewal-reminder', { day: '2026-07-28', reminder: 'due-27', status: 'renewalDue' }),
      partnerName: 'Contoso',
      language: 'en',
    });
    expect(inWindow.subject).toBe(
      'Reminder: the renewal window of Solutions Partner for Security for Contoso closes on July 30, 2026 (in 2 days)',
    );
    expect(inWindow.text).toContain('ends on July 30, 2026, 2 days from now');

    const oneDay = renderNotification({
      entry: entryOf('renewal-reminder', { day: '2026-06-30' }),
      partnerName: 'Contoso',
      language: 'en',
    });
    expect(oneDay.subject).toContain('(in 1 day)');
    const de = renderNotification({ entry: entryOf('renewal-reminder'), partnerName: 'Contoso', language: 'de' });
    expect(de.subject).toBe('Erinnerung: Verlängerung von Solutions Partner for Security für Contoso ab 1. Juli 2026 (noch 60 Tage)');
  });

  it('lapsed: says what was lost', () => {
    const mail = renderNotification({ entry: entryOf('lapsed'), partnerName: 'Contoso', language: 'en' });
    expect(mail.text).toContain('closed on July 30, 2026 without a renewal');
    expect(mail.text).toContain('What was lost: Contoso no longer holds Solutions Partner for Security, its badge or the benefits');
  });

  it('enrolled: automatic enrollment is told as such, with anniversary and renewal window', () => {
    const mail = renderNotification({
      entry: entryOf('enrolled', { cause: 'automatic-enrollment' }),
      partnerName: 'Contoso',
      language: 'en',
    });
    expect(mail.text).toContain('was added to the enrollment of Contoso automatically');
    expect(mail.text).toContain('anniversary on March 20, 2027; its renewal window runs from March 20, 2027 to April 18, 2027');
  });

  it('formats dates for the language, in UTC', () => {
    const entry = entryOf('renewal-due');
    expect(renderNotification({ entry, partnerName: 'C', language: 'en' }).text).toContain('On July 1, 2026');
    expect(renderNotification({ entry, partnerName: 'C', language: 'de-DE' }).text).toContain('Am 1. Juli 2026');
    // French writes the first of the month as an ordinal; Intl alone gives "1 juillet".
    expect(renderNotification({ entry, partnerName: 'C', language: 'fr' }).text).toContain('Le 1er juillet 2026');
    expect(renderNotification({ entry, partnerName: 'C', language: 'fr-FR' }).text).toContain('se termine le 30 juillet 2026');
    expect(renderNotification({ entry, partnerName: 'C', language: 'en-GB' }).text).toContain('On 1 July 2026');
    expect(renderNotification({ entry, partnerName: 'C', language: 'ja-JP' }).text).toContain('2026年7月1日、');
    expect(renderNotification({ entry, partnerName: 'C', language: 'nl-NL' }).text).toContain('Op 1 juli 2026');
    const later = entryOf('qualified', { day: '2026-11-21' });
    expect(renderNotification({ entry: later, partnerName: 'C', language: 'de-DE' }).text).toContain('Am 21. November 2026');
    expect(renderNotification({ entry: later, partnerName: 'C', language: 'nl-NL' }).text).toContain('Op 21 november 2026');
    expect(renderNotification({ entry: later, partnerName: 'C', language: 'ja-JP' }).text).toContain('2026年11月21日、');
  });

  it('falls back to English for other languages, keeping a regional tag of a supported one', () => {
    const entry = entryOf('renewal-due');
    for (const language of ['es', 'pt-BR', 'xx', 'zh-Hant-TW']) {
      const mail = renderNotification({ entry, partnerName: 'C', language });
      expect(mail.language, language).toBe('en');
      expect(mail.locale).toBe('en');
      expect(mail.subject).toBe('Renewal due: Solutions Partner for Security for C');
    }
    expect(renderNotification({ entry, partnerName: 'C', language: 'de-AT' })).toMatchObject({ language: 'de', locale: 'de-AT' });
    expect(renderNotification({ entry, partnerName: 'C', language: 'FR-ca' })).toMatchObject({ language: 'fr', locale: 'fr-CA' });
    expect(wordingFor('DE')).toBe(WORDINGS.de);
    expect(renderNotification({ entry, partnerName: 'C', language: 'ja-JP' })).toMatchObject({ language: 'ja', locale: 'ja-JP' });
    expect(renderNotification({ entry, partnerName: 'C', language: 'nl-NL' })).toMatchObject({ language: 'nl', locale: 'nl-NL' });
    expect(renderNotification({ entry, partnerName: 'C', language: 'nl-BE' })).toMatchObject({ language: 'nl', locale: 'nl-BE' });
  });

  it('HTML-escapes every interpolated value; text and subject keep them verbatim (without line breaks)', () => {
    const name = `<script>alert("x")</script> O'Brien & Co\r\nBcc: evil@example.com`;
    for (const language of LANGUAGES) {
      const mail = renderNotification({ entry: entryOf('renewal-reminder'), partnerName: name, language });
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co Bcc: evil@example.com');
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.subject).toContain(`<script>alert("x")</script> O'Brien & Co Bcc: evil@example.com`);
      expect(mail.text).toContain(`<script>alert("x")</script> O'Brien & Co Bcc: evil@example.com`);
    }
    const amp = renderNotification({ entry: entryOf('qualified', { area: 'dataAi' }), partnerName: 'C', language: 'en' });
    expect(amp.html).toContain('Data &amp; AI (Azure)');
    expect(amp.html).not.toMatch(/Data & AI/);
  });

  it('fill refuses a placeholder without a value', () => {
    expect(fill('{a} and {b}', { a: '1', b: '2' })).toBe('1 and 2');
    expect(() => fill('{a} and {missing}', { a: '1' })).toThrow(TemplateError);
  });

  it('every translation has every string of English, with the same placeholders both ways', () => {
    expect(Object.keys(WORDINGS).sort()).toEqual(['de', 'en', 'fr', 'ja', 'nl']);
    for (const [language, wording] of Object.entries(WORDINGS)) {
      expect(wording.language).toBe(language);
      expect(wordingProblems(WORDINGS.en!, wording), language).toEqual([]);
    }
  });

  it('the parity check fails on a missing string, a dropped or extra placeholder, a missing plural form', () => {
    const broken = structuredClone(WORDINGS.ja!) as unknown as {
      kinds: Record<string, Record<string, unknown>>;
      plan: Record<string, unknown>;
    };
    delete broken.kinds.qualified!.next;
    broken.kinds.lapsed!.intro = ['{designation} は{renewEnd}に終了しました。{total}'];
    broken.plan.extra = 'not in English';
    expect(wordingProblems(WORDINGS.en!, broken as unknown as Wording)).toEqual([
      'ja.plan.extra is not in English',
      'ja.kinds.qualified.next is missing',
      'ja.kinds.lapsed.intro[0] lacks {anniversary}',
      'ja.kinds.lapsed.intro[0] lacks {day}',
      'ja.kinds.lapsed.intro[0] lacks {status}',
      'ja.kinds.lapsed.intro[0] has {total}, which English does not',
    ]);
    // French needs its "many" form (1 000 000 de jours); English's own keys are not the measure.
    const fr = structuredClone(WORDINGS.fr!);
    fr.days = { one: '{n} jour', other: '{n} jours' };
    expect(wordingProblems(WORDINGS.en!, fr)).toEqual(['fr.days lacks the plural form "many" of fr']);
    const sentences = structuredClone(WORDINGS.nl!);
    sentences.kinds.qualified.intro = [...sentences.kinds.qualified.intro, 'Nog een zin.'];
    expect(wordingProblems(WORDINGS.en!, sentences)).toEqual(['nl.kinds.qualified.intro has 2 sentences, English 1']);
  });
});
