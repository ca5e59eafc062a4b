// `npm run mail:preview`: renders every notification kind, with representative contexts (with a plan,
// without one, enrolled after its anniversary, at risk, no context as on an old queued message; for
// claim-competing a claim under review, an approved Business Applications claim and a draft), in
// every language, to .local/mail-preview/: one .html (the HTML part) and one .eml (multipart text + HTML,
// UTF-8, composed by nodemailer's MailComposer with the fields the SMTP path sends) per kind × scenario ×
// language, plus index.html linking them. Each message goes through the queue schema first, so a preview
// context that a real message could not carry fails here.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import MailComposer from 'nodemailer/lib/mail-composer';

import { messageIdFor } from '../../shared/adapters/mail/ids.js';
import { type CompetingClaimDetails, competingMailId } from '../../shared/domain/claims/competing.js';
import type { MailContext, PlanAction } from '../../shared/domain/guidance/types.js';
import { OUTBOX_KINDS, type OutboxEntry, type OutboxKind } from '../../shared/domain/status/outbox.js';
import { qualificationWindow, renewalEligibilityWindow } from '../../shared/domain/status/window.js';
import { notificationMessageSchema, renderInputOf } from '../../shared/notifications/message.js';
import { renderNotification } from '../../shared/notifications/templates/render.js';
import { escapeHtml } from '../../shared/notifications/templates/text.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, '.local', 'mail-preview');
const LANGUAGES = ['en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'nl-NL'] as const;
const FROM = 'Designation Tracker <designations@tracker.example>';
const PARTNER = { id: '4100003', name: 'Northwind Dynamics Ltd', to: ['ms-programs@northwind.example'] };
const TODAY = '2026-11-21';

const action = (detail: PlanAction['detail'], metric: PlanAction['metric'], text: string): PlanAction => ({
  kind: detail.kind,
  metric,
  text,
  facts: {},
  cost: 1,
  detail,
});

const PLAN: PlanAction[] = [
  action(
    {
      kind: 'certification',
      certification: 'Dynamics 365 Business Central Functional Consultant Associate',
      personId: 'n-04',
      newPerson: false,
    },
    'advancedCertifications',
    'Have n-04 earn Dynamics 365 Business Central Functional Consultant Associate.',
  ),
  action(
    {
      kind: 'newCustomer',
      tenantId: 'b0b0b0b0-3333-4f3f-b333-000000000009',
      association: 'CSP_T1',
      month: '2026-11',
      name: 'Dynamics 365 Sales',
      amount: 1500,
      unit: 'usd',
    },
    'netCustomerAdds',
    'Win a new customer with USD 1,500 of Dynamics 365 Sales.',
  ),
  action(
    {
      kind: 'moreUsage',
      tenantId: 'b0b0b0b0-3333-4f3f-b333-000000000002',
      association: 'PAL',
      month: '2026-11',
      name: 'Dynamics 365 Customer Service',
      amount: 25,
      unit: 'activeUsers',
    },
    'usageGrowth',
    'Add 25 active users.',
  ),
];

function context(overrides: Partial<MailContext>): MailContext {
  return {
    asOf: '2026-11-20',
    today: TODAY,
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
    window: { start: '2026-06-01', end: TODAY },
    anniversary: null,
    plan: [],
    forecast: null,
    ...overrides,
  };
}

const BELOW = {
  total: 65,
  qualifiesToday: false,
  metrics: { ...context({}).metrics, advancedCertifications: { points: 0, maxPoints: 15 } },
};

/** The entry each kind is sent with on TODAY (lapsed, renewal-due… on days of their own). */
const ENTRIES: Record<OutboxKind, Partial<OutboxEntry>> = {
  qualified: { day: TODAY, status: 'qualified', cause: 'qualifying-day-in-window', anniversary: null },
  'no-longer-qualified': { day: '2026-11-01', status: 'inProgress', cause: 'window-closed-without-qualifying-day', anniversary: null },
  enrolled: { day: TODAY, status: 'enrolled', cause: 'enrollment-fact', anniversary: '2027-11-21' },
  'renewal-due': { day: TODAY, status: 'renewalDue', cause: 'anniversary-reached', anniversary: TODAY, eligibleToRenew: false },
  renewed: { day: TODAY, status: 'enrolled', cause: 'renewed', anniversary: '2027-11-10', eligibleToRenew: true },
  lapsed: { day: TODAY, status: 'inProgress', cause: 'renewal-window-closed', anniversary: '2026-10-22', eligibleToRenew: false },
  'enrollment-withdrawn': { day: TODAY, status: 'inProgress', cause: 'enrollment-withdrawn', anniversary: '2027-03-01' },
  'renewal-reminder': {
    day: TODAY,
    status: 'enrolled',
    cause: null,
    anniversary: '2027-01-20',
    eligibleToRenew: false,
    reminder: 'before-60',
  },
  'at-risk': { day: TODAY, status: 'qualified', cause: null, anniversary: null },
  'claim-competing': { day: '2026-11-20', status: 'qualified', cause: null, anniversary: null },
};

/** The recipient's claim of a claim-competing mail (the other partner is never named). */
const CLAIM: CompetingClaimDetails = {
  claimId: 'c-2026-017',
  name: 'Fabrikam Teams rollout',
  tenantId: 'fab00000-2222-4a2a-a222-000000000001',
  customerDomain: 'fabrikam.onmicrosoft.com',
  solutionArea: 'modernWorkSecurity',
  workloads: ['Teams', 'Exchange Online'],
  subscriptionId: null,
  since: '2026-11-20',
  status: 'under-review',
  competingRef: '3f9a1c0d5b7e2a64',
};

interface Scenario {
  name: string;
  context: MailContext | undefined;
  entry?: Partial<OutboxEntry>;
  claim?: CompetingClaimDetails;
}

function scenarios(kind: OutboxKind): Scenario[] {
  const list: Scenario[] = [
    { name: 'no-context', context: undefined },
    { name: 'with-plan', context: context({ ...BELOW, plan: PLAN }) },
    { name: 'without-plan', context: context({}) },
  ];
  if (kind === 'no-longer-qualified' || kind === 'lapsed') list.push({ name: 'no-plan-found', context: context({ ...BELOW, plan: null }) });
  if (kind === 'enrolled') {
    list.push({ name: 'after-anniversary', context: context({ ...BELOW, plan: PLAN }), entry: { anniversary: '2026-11-10' } });
  }
  if (kind === 'claim-competing') {
    const mw = { area: 'modernWork' as const };
    return [
      { name: 'under-review', context: context({}), entry: mw, claim: CLAIM },
      { name: 'no-context', context: undefined, entry: mw, claim: { ...CLAIM, customerDomain: null, name: null, status: 'submitted' } },
      {
        name: 'approved-business-applications',
        context: context({}),
        claim: {
          ...CLAIM,
          claimId: 'c-ba-0042',
          name: null,
          customerDomain: 'contoso.onmicrosoft.com',
          tenantId: '0b0b0000-3333-4b3b-b333-000000000001',
          solutionArea: 'businessApplications',
          workloads: ['Business Central'],
          subscriptionId: 'sub-0001',
          status: 'approved',
        },
      },
      { name: 'draft', context: context(BELOW), entry: mw, claim: { ...CLAIM, status: 'draft' } },
    ];
  }
  if (kind === 'at-risk') {
    const forecast = {
      asOf: '2026-12-21',
      total: 62.5,
      metric: 'advancedCertifications' as const,
      reason: 'total falls below 70 (72.5 → 62.5)',
    };
    return [
      { name: 'no-context', context: undefined },
      { name: 'with-plan', context: context({ forecast, plan: PLAN.slice(0, 1) }) },
      { name: 'without-plan', context: context({ forecast, plan: null }) },
    ];
  }
  return list;
}

/** The window and anniversary the sender would read for the entry: the eligibility window when enrolled. */
function windowOf(entry: OutboxEntry): Pick<MailContext, 'window' | 'anniversary'> {
  const enrolled = entry.status === 'enrolled' || entry.status === 'renewalDue';
  if (enrolled && entry.anniversary) return { anniversary: entry.anniversary, window: renewalEligibilityWindow(entry.anniversary) };
  return { anniversary: null, window: qualificationWindow(TODAY) };
}

async function eml(message: { id: string; to: string[]; subject: string; text: string; html: string }): Promise<Buffer> {
  // The fields SmtpMailer passes to sendMail (shared/adapters/mail/smtp.ts).
  const composer = new MailComposer({
    from: FROM,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: messageIdFor(message.id),
    headers: { 'X-Idempotency-Key': message.id },
  });
  return composer.compile().build();
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  // Earlier previews of renamed scenarios would linger: clear what this script writes.
  for (const f of await readdir(OUT)) if (f.endsWith('.eml') || f.endsWith('.html')) await rm(path.join(OUT, f));

  const links: string[] = [];
  let count = 0;
  for (const kind of OUTBOX_KINDS) {
    for (const scenario of scenarios(kind)) {
      const row: string[] = [];
      for (const language of LANGUAGES) {
        const entry: OutboxEntry = {
          id: scenario.claim
            ? competingMailId(PARTNER.id, scenario.claim.claimId, scenario.claim.competingRef)
            : `${PARTNER.id}:businessApplications:${kind}:${ENTRIES[kind].day}`,
          partnerId: PARTNER.id,
          area: 'businessApplications',
          kind,
          day: TODAY,
          status: 'inProgress',
          cause: null,
          anniversary: null,
          eligibleToRenew: null,
          reminder: null,
          ...ENTRIES[kind],
          ...scenario.entry,
        };
        const message = notificationMessageSchema.parse({
          id: entry.id,
          partnerId: PARTNER.id,
          partnerName: PARTNER.name,
          to: PARTNER.to,
          language,
          entry,
          ...(scenario.context ? { context: { ...scenario.context, ...windowOf(entry) } } : {}),
          ...(scenario.claim ? { claim: scenario.claim } : {}),
        });
        const mail = renderNotification(renderInputOf(message));
        const base = `${kind}.${scenario.name}.${mail.language}`;
        await writeFile(path.join(OUT, `${base}.html`), mail.html);
        await writeFile(path.join(OUT, `${base}.eml`), await eml({ id: message.id, to: message.to, ...mail }));
        row.push(`<a href="${escapeHtml(base)}.html">${escapeHtml(mail.language)}</a> (<a href="${escapeHtml(base)}.eml">.eml</a>)`);
        count++;
      }
      links.push(`<tr><td>${escapeHtml(kind)}</td><td>${escapeHtml(scenario.name)}</td><td>${row.join(' · ')}</td></tr>`);
    }
  }
  await writeFile(
    path.join(OUT, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>Mail preview</title></head><body style="font-family:sans-serif"><h1>Mail preview</h1><table>${links.join('\n')}</table></body></html>\n`,
  );
  console.log(
    `${count} mails (${OUTBOX_KINDS.length} kinds × scenarios × ${LANGUAGES.length} languages) → ${path.relative(process.cwd(), OUT) || OUT}`,
  );
  console.log(`  open ${path.join(OUT, 'index.html')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
