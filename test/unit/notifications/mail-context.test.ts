import { describe, expect, it } from 'vitest';

import type { MailContext, PlanAction } from '../../../shared/domain/guidance/types.js';
import { OUTBOX_KINDS, type OutboxEntry, type OutboxKind } from '../../../shared/domain/status/outbox.js';
import { renderNotification, WORDINGS } from '../../../shared/notifications/templates/render.js';
import { fill } from '../../../shared/notifications/templates/text.js';
import { sampleCompetingClaim, sampleEntry } from './fixtures.js';

const LANGUAGES = ['en', 'de', 'fr', 'ja', 'nl'] as const;
const BROKEN = /undefined|NaN|null|\[object|Invalid Date|\{[A-Za-z]+\}/;
/** The English `text` of every action: a mail must word `detail` instead, in every language. */
const ENGLISH_TEXT = 'ENGLISH ACTION TEXT';

function action(detail: PlanAction['detail'], metric: PlanAction['metric']): PlanAction {
  return { kind: detail.kind, metric, text: ENGLISH_TEXT, facts: {}, cost: 1, detail };
}

const PLAN: PlanAction[] = [
  action(
    {
      kind: 'certification',
      certification: 'Dynamics 365 Business Central Functional Consultant Associate',
      personId: 'p-07',
      newPerson: false,
    },
    'advancedCertifications',
  ),
  action(
    { kind: 'certification', certification: 'Power Platform Developer Associate', personId: 'plan-1', newPerson: true },
    'intermediateCertifications',
  ),
  action(
    {
      kind: 'newCustomer',
      tenantId: 't-new',
      association: 'CSP_T1',
      month: '2026-11',
      name: 'Dynamics 365 Sales',
      amount: 1500,
      unit: 'usd',
    },
    'netCustomerAdds',
  ),
  action(
    {
      kind: 'moreUsage',
      tenantId: 't-2',
      association: 'PAL',
      month: '2026-11',
      name: 'Dynamics 365 Sales',
      amount: 25,
      unit: 'activeUsers',
    },
    'usageGrowth',
  ),
  action(
    { kind: 'newDeployment', tenantId: 't-3', association: 'DPOR', month: '2026-12', name: 'Power Apps', amount: 1, unit: 'paidSeats' },
    'deployments',
  ),
];

function context(overrides: Partial<MailContext> = {}): MailContext {
  return {
    asOf: '2026-11-20',
    today: '2026-11-21',
    track: 'smb',
    total: 72.5,
    qualifiesToday: true,
    metrics: {
      netCustomerAdds: { points: 20, maxPoints: 20 },
      intermediateCertifications: { points: 15, maxPoints: 15 },
      advancedCertifications: { points: 7.5, maxPoints: 15 },
      usageGrowth: { points: 15, maxPoints: 25 },
      deployments: { points: 15, maxPoints: 25 },
    },
    window: { start: '2026-06-01', end: '2026-11-21' },
    anniversary: null,
    plan: [],
    forecast: null,
    ...overrides,
  };
}

const below = (overrides: Partial<MailContext> = {}) => context({ total: 65, qualifiesToday: false, plan: PLAN, ...overrides });

/** One entry of each kind, on the day it is sent (anniversary 2027-11-21 for enrolled; 2026-07-01 otherwise). */
function entryOf(kind: OutboxKind, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  const byKind: Record<OutboxKind, Partial<OutboxEntry>> = {
    qualified: { day: '2026-11-21', status: 'qualified', cause: 'qualifying-day-in-window', anniversary: null },
    'no-longer-qualified': { day: '2026-11-01', status: 'inProgress', cause: 'window-closed-without-qualifying-day', anniversary: null },
    enrolled: { day: '2026-11-21', status: 'enrolled', cause: 'enrollment-fact', anniversary: '2027-11-21' },
    'renewal-due': {
      day: '2026-07-01',
      status: 'renewalDue',
      cause: 'anniversary-reached',
      anniversary: '2026-07-01',
      eligibleToRenew: false,
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
  return sampleEntry({ id: `p-1:businessApplications:${kind}:x`, area: 'businessApplications', kind, ...byKind[kind], ...overrides });
}

const AT_RISK = context({
  forecast: { asOf: '2026-12-21', total: 62.5, metric: 'advancedCertifications', reason: 'advancedCertifications drops' },
  plan: PLAN.slice(0, 1),
});

const render = (kind: OutboxKind, ctx: MailContext | null | undefined, language: string = 'en', overrides: Partial<OutboxEntry> = {}) =>
  renderNotification({
    entry: entryOf(kind, overrides),
    partnerName: 'Northwind',
    language,
    context: ctx,
    claim:
      kind === 'claim-competing'
        ? sampleCompetingClaim({ solutionArea: 'businessApplications', workloads: ['Business Central'], subscriptionId: 'sub-0001' })
        : null,
  });

describe('mails with a MailContext', () => {
  it('every kind in every language renders with every kind of context, without holes', () => {
    const contexts: Array<[string, MailContext | null | undefined]> = [
      ['none', undefined],
      ['null', null],
      ['qualifies', context()],
      ['with plan', below()],
      ['no plan found', below({ plan: null })],
      ['at risk', AT_RISK],
      ['at risk, metric not scored', { ...AT_RISK, metrics: {} }],
      ['enrolled context', context({ anniversary: '2027-11-21', window: { start: '2027-06-01', end: '2027-12-20' } })],
    ];
    for (const kind of OUTBOX_KINDS) {
      for (const language of LANGUAGES) {
        for (const [name, ctx] of contexts) {
          const mail = render(kind, ctx, language);
          const all = `${mail.subject}\n${mail.text}\n${mail.html}`;
          expect(all, `${kind} ${language} ${name}`).not.toMatch(BROKEN);
          expect(all, `${kind} ${language} ${name}`).not.toContain(ENGLISH_TEXT);
          expect(mail.subject).not.toMatch(/[\r\n]/);
        }
      }
    }
  });

  it('shows track, total against 70, each metric of its maximum and the window, in text and HTML', () => {
    const mail = render('qualified', context());
    for (const line of [
      'Score as of November 20, 2026:',
      '- Track: SMB',
      '- Total: 72.5 points (70 needed to qualify)',
      '- Net customer adds: 20.0 of 20',
      '- Advanced certifications: 7.5 of 15',
      '- Usage growth: 15.0 of 25',
      '- Qualification window: June 1, 2026 to November 21, 2026',
    ]) {
      expect(mail.text).toContain(line);
    }
    expect(mail.html).toContain('<li>Total: 72.5 points (70 needed to qualify)</li>');
    expect(mail.html).toContain('<li>Advanced certifications: 7.5 of 15</li>');
    // The next step of a qualified mail is enrolling.
    expect(mail.text).toContain('What to do next: you can enroll in Partner Center');
  });

  it('without a context the mail carries no number, as before', () => {
    for (const ctx of [undefined, null]) {
      for (const kind of OUTBOX_KINDS) {
        const mail = render(kind, ctx);
        expect(mail.text, kind).not.toContain('Score as of');
        expect(mail.text, kind).not.toContain('points (70 needed');
        // A claim-competing mail lists its claim's details; no other list without a context.
        expect(
          mail.html.replace(/<li>(Claim|Customer|Workload claimed by both|Solution area|Claim status):[^<]*<\/li>/g, ''),
          kind,
        ).not.toContain('<li>');
      }
    }
  });

  it('formats numbers and dates for the locale', () => {
    const expected: Record<string, string[]> = {
      en: ['72.5 points', '7.5 of 15', 'November 20, 2026'],
      de: ['72,5 Punkte', '7,5 von 15', '20. November 2026', 'Advanced-Zertifizierungen: 7,5 von 15'],
      fr: [
        '72,5 points',
        '7,5 sur 15',
        '20 novembre 2026',
        'du 1er juin 2026 au 21 novembre 2026',
        'Certifications de niveau avancé : 7,5 sur 15',
      ],
      ja: ['72.5 点', '15 点中 7.5 点', '2026年11月20日', '上級認定資格：15 点中 7.5 点'],
      nl: ['72,5 punten', '7,5 van 15', '20 november 2026', 'Certificeringen op advanced niveau: 7,5 van 15'],
    };
    for (const [language, parts] of Object.entries(expected)) {
      const mail = render('qualified', context(), language);
      for (const part of parts) expect(mail.text, language).toContain(part);
    }
    const fr = render('no-longer-qualified', below({ plan: [PLAN[2]!] }), 'fr-FR');
    expect(fr.text).toMatch(/1\s500\sUSD/u);
    expect(fr.text).toContain('en novembre 2026');
    expect(render('no-longer-qualified', below({ plan: [PLAN[2]!] }), 'ja-JP').text).toContain('2026年11月に新規顧客');
  });

  it('words the plan from each action’s detail, one line per action, in the mail’s language', () => {
    const en = render('no-longer-qualified', below());
    expect(en.text).toContain(
      [
        'What would bring Solutions Partner for Business Applications to 70 points:',
        '- Have person p-07 earn the certification “Dynamics 365 Business Central Functional Consultant Associate” (Advanced certifications).',
        '- Link a new person to the partner and have them earn the certification “Power Platform Developer Associate” (Intermediate certifications).',
        // Intl keeps the currency code and amount together with a no-break space.
        '- Win a new customer (tenant t-new, CSP Tier 1) with USD\u00a01,500 of Dynamics 365 Sales in November 2026 (Net customer adds).',
        '- Add 25 active users of Dynamics 365 Sales at customer t-2 (PAL) in November 2026 (Usage growth).',
        '- Deploy Power Apps at customer t-3 (DPOR) with 1 paid seat in December 2026 (Deployments).',
      ].join('\n'),
    );
    expect(en.html.match(/<li>/g)).toHaveLength(5 + 8);
    const ja = render('no-longer-qualified', below(), 'ja');
    expect(ja.text).toContain(
      '- 担当者 p-07 が認定資格「Dynamics 365 Business Central Functional Consultant Associate」を取得する（上級認定資格）。',
    );
    expect(ja.text).toContain('アクティブ ユーザー 25 人');
    const de = render('no-longer-qualified', below(), 'de');
    expect(de.text).toContain(
      '- Person p-07 die Zertifizierung „Dynamics 365 Business Central Functional Consultant Associate“ erwerben lassen (Advanced-Zertifizierungen).',
    );
    const nl = render('no-longer-qualified', below(), 'nl');
    expect(nl.text).toContain('25 actieve gebruikers');
  });

  it('no plan found: says so instead of listing steps; qualifying today: no plan at all', () => {
    const none = render('no-longer-qualified', below({ plan: null }));
    expect(none.text).toContain('No combination of steps within the planner’s limits reaches 70 points');
    const qualifies = render('enrolled', context());
    expect(qualifies.text).not.toContain('What would bring');
    expect(qualifies.text).not.toContain('No combination');
  });

  it('enrolled, qualifying today: nothing to do, never asked to qualify', () => {
    for (const language of LANGUAGES) {
      const mail = render('enrolled', context(), language);
      const w = WORDINGS[language]!.kinds.enrolled;
      // The sentence asking it to qualify starts like this in every language.
      const asks = w.next.slice(0, w.next.indexOf('{'));
      expect(mail.text, language).not.toContain(asks);
    }
    const en = render('enrolled', context());
    expect(en.text).toContain('Nothing to do now: Solutions Partner for Business Applications qualifies today.');
    expect(en.text).not.toMatch(/must qualify/);
    // Qualifying today inside the eligibility window (2026-08-01 … 2027-02-13 for anniversary 2027-01-15): eligible.
    const eligible = render('enrolled', context({ today: '2026-11-21' }), 'en', { anniversary: '2027-01-15' });
    expect(eligible.text).toContain('qualifies today, a day between August 1, 2026 and February 13, 2027, so Northwind can renew it');
    // Not qualifying today: asked to qualify, with the plan.
    const notYet = render('enrolled', below());
    expect(notYet.text).toContain(
      'to be able to renew, Northwind must qualify on at least one day between June 1, 2027 and December 20, 2027',
    );
    expect(notYet.text).toContain('What would bring');
  });

  it('enrollment first seen after its anniversary: no past date announced as ahead', () => {
    const inWindow = { day: '2026-07-10', anniversary: '2026-07-01' };
    for (const language of LANGUAGES) {
      const w = WORDINGS[language]!.kinds.enrolled;
      const mail = render('enrolled', context(), language, inWindow);
      // The sentence for an anniversary ahead, up to its first date, is not used.
      expect(mail.text, language).not.toContain(w.dates.slice(0, w.dates.indexOf('{')));
      expect(render('enrolled', null, language, inWindow).text, language).not.toContain(w.dates.slice(0, w.dates.indexOf('{')));
    }
    const en = render('enrolled', below(), 'en', inWindow);
    expect(en.text).toContain(
      'The anniversary of this enrollment, July 1, 2026, has already passed: its renewal window runs until July 30, 2026.',
    );
    expect(en.text).not.toContain('held until the anniversary');
    // Whether it qualified on an earlier day of the window is not known here: no claim either way.
    expect(en.text).toContain('renew by July 30, 2026 at the latest');
    expect(render('enrolled', below(), 'en', { ...inWindow, eligibleToRenew: false }).text).toContain('not yet eligible to renew');
    const past = render('enrolled', null, 'en', { day: '2026-09-01', anniversary: '2026-07-01' });
    expect(past.text).toContain(
      'The anniversary of this enrollment, July 1, 2026, and its renewal window (until July 30, 2026) have already passed',
    );
    expect(past.text).not.toContain('must qualify');
  });

  it('lapsed, qualifying today: not asked to qualify again, only to buy the offer anew', () => {
    for (const language of LANGUAGES) {
      const w = WORDINGS[language]!.kinds.lapsed;
      expect(render('lapsed', context(), language).text, language).not.toContain(fill(w.next, { partner: 'Northwind' }));
      expect(render('lapsed', below(), language).text, language).toContain(fill(w.next, { partner: 'Northwind' }));
    }
    expect(render('lapsed', context()).text).toContain('qualifies today, so Northwind can buy the Solutions Partner offer anew');
  });

  it('renewal due: qualifying today inside the eligibility window counts, even if the entry said not yet', () => {
    const entry = { eligibleToRenew: false };
    expect(render('renewal-due', below(), 'en', entry).text).toContain('not yet eligible to renew');
    expect(render('renewal-due', below(), 'en', entry).text).toContain('What would bring');
    const now = render('renewal-due', context({ today: '2026-07-01' }), 'en', entry);
    expect(now.text).toContain('Northwind is eligible to renew');
    expect(now.text).not.toContain('What would bring');
  });

  it('at-risk: forecast day, forecast total, the metric that drops and the plan that would hold it', () => {
    const mail = render('at-risk', AT_RISK);
    expect(mail.subject).toBe('At risk: Solutions Partner for Business Applications for Northwind may fall below 70 points');
    expect(mail.text).toContain(
      'Forecast for December 21, 2026: 62.5 points (today 72.5). The metric that drops is Advanced certifications, today at 7.5 of 15 points.',
    );
    expect(mail.text).toContain(
      'What would keep Solutions Partner for Business Applications at 70 points or more next month:\n- Have person p-07 earn',
    );
    expect(mail.text).not.toContain('What to do next: keep the score');
    const noPlan = render('at-risk', { ...AT_RISK, plan: null });
    expect(noPlan.text).toContain(
      'No combination of steps within the planner’s limits keeps Solutions Partner for Business Applications at 70 points next month.',
    );
    const old = render('at-risk', undefined);
    expect(old.text).toContain('the forecast for next month put Solutions Partner for Business Applications for Northwind below 70 points');
    expect(old.text).toContain('What to do next: keep the score at 70 points or more.');
    expect(render('at-risk', AT_RISK, 'ja').text).toContain(
      '2026年12月21日時点の予測：62.5 点（本日 72.5 点）。低下する指標は「上級認定資格」で、本日は 15 点中 7.5 点です。',
    );
    expect(render('at-risk', AT_RISK, 'nl').text).toContain('Prognose voor 21 december 2026: 62,5 punten (vandaag 72,5).');
  });

  it('HTML-escapes values from the context; the subject stays one line', () => {
    const evil = '<img src=x onerror="alert(1)"> & Co';
    const plan = [
      action(
        {
          kind: 'newCustomer',
          tenantId: evil,
          association: 'CSP_T2',
          month: '2026-11',
          name: `${evil}\r\nBcc: x@example.com`,
          amount: 10,
          unit: 'usd',
        },
        'netCustomerAdds',
      ),
    ];
    for (const language of LANGUAGES) {
      const mail = render('no-longer-qualified', below({ plan }), language);
      expect(mail.html).not.toContain('<img');
      expect(mail.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co');
      expect(mail.text).toContain(evil);
      expect(mail.text).not.toContain('\r\nBcc');
      expect(mail.subject).not.toMatch(/[\r\n]/);
    }
  });

  it('a wording placeholder without a value still throws (fill is not weakened)', () => {
    expect(() =>
      fill(WORDINGS.en!.kinds['at-risk'].forecastMetric, { forecastDay: 'x', forecastTotal: '1', total: '2', metric: 'm' }),
    ).toThrow(/metricPoints/);
  });
});
