// English wording (the fallback for every language without its own module).
import { STATUS_LABELS } from '../../domain/status/types.js';
import type { Wording } from './wording.js';

export const en: Wording = {
  language: 'en',
  statusLabels: STATUS_LABELS,
  metricNames: {
    netCustomerAdds: 'Net customer adds',
    intermediateCertifications: 'Intermediate certifications',
    advancedCertifications: 'Advanced certifications',
    usageGrowth: 'Usage growth',
    deployments: 'Deployments',
  },
  trackNames: { enterprise: 'Enterprise', smb: 'SMB' },
  designation: 'Solutions Partner for {area}',
  days: { one: '{n} day', other: '{n} days' },
  units: {
    activeUsers: { one: '{n} active user', other: '{n} active users' },
    paidSeats: { one: '{n} paid seat', other: '{n} paid seats' },
  },
  greeting: 'Hello {partner},',
  closing: 'Your designation tracker',
  footer:
    'You receive this message because you are a contact of partner {partnerId} in the designation tracker. Dates are UTC days. Reference: {reference}',
  labels: {
    designation: 'Designation',
    line: '{label}: {value}',
    status: 'Status',
    day: 'Day',
    anniversary: 'Anniversary',
    renewalWindow: 'Renewal window',
    range: '{start} to {end}',
    score: 'Score as of {asOf}:',
    track: 'Track',
    total: 'Total',
    totalValue: '{total} points ({threshold} needed to qualify)',
    metricValue: '{points} of {max}',
    qualificationWindow: 'Qualification window',
    eligibilityWindow: 'Renewal eligibility window',
  },
  noAnniversary: 'Partner Center shows the anniversary and the renewal window of the enrollment (Membership → Solutions Partner).',
  generic: {
    subject: '{designation} for {partner}: {status}',
    intro: 'On {day}, the status of {designation} for {partner} became {status}.',
  },
  eligibility: {
    eligible:
      'What to do next: {partner} is eligible to renew {designation}, because it qualified on a day of its window. Renew in Partner Center during the renewal window, by {renewEnd} at the latest, to keep the designation and its benefits without interruption.',
    notYetEligible:
      'What to do next: {partner} is not yet eligible to renew {designation}: it has not qualified on any day of its window. It can still become eligible by qualifying on any day up to {qualifyBy}; if it cannot renew by {renewEnd}, the designation lapses.',
    unknown: 'What to do next: check in Partner Center whether {designation} can be renewed, and renew by {renewEnd} at the latest.',
  },
  plan: {
    reach: 'What would bring {designation} to {threshold} points:',
    hold: 'What would keep {designation} at {threshold} points or more next month:',
    notFound:
      'No combination of steps within the planner’s limits reaches {threshold} points; Partner Center shows how far each metric is from its maximum.',
    notFoundHold: 'No combination of steps within the planner’s limits keeps {designation} at {threshold} points next month.',
    noneNeeded: 'No extra step is needed to stay at {threshold} points or more.',
    certification: 'Have person {personId} earn the certification “{certification}” ({metric}).',
    certificationNewPerson: 'Link a new person to the partner and have them earn the certification “{certification}” ({metric}).',
    newCustomer: 'Win a new customer (tenant {tenantId}, {association}) with {amount} of {name} in {month} ({metric}).',
    moreUsage: 'Add {amount} of {name} at customer {tenantId} ({association}) in {month} ({metric}).',
    newDeployment: 'Deploy {name} at customer {tenantId} ({association}) with {amount} in {month} ({metric}).',
  },
  kinds: {
    qualified: {
      subject: '{partner} qualifies for {designation}',
      intro: ['On {day}, {partner} reached a qualifying score for {designation}. Its status is now {status}.'],
      next: 'What to do next: you can enroll in Partner Center (Membership → Solutions Partner) within the window ending {enrollBy}. The status stays Qualified while a qualifying day remains in the rolling window of the current month and the {previousMonths} months before it; qualifying again later extends it.',
    },
    'no-longer-qualified': {
      subject: '{partner} is no longer qualified for {designation}',
      intro: ['On {day}, the qualification window of {designation} no longer held a qualifying day, so its status went back to {status}.'],
      next: 'What to do next: as soon as {partner} qualifies again on any day, the status returns to Qualified and you can enroll. Partner Center shows the window and the highest score of each month.',
    },
    enrolled: {
      subject: '{partner} is enrolled in {designation}',
      intro: ['On {day}, {partner} became enrolled in {designation}. Its status is now {status}.'],
      automatic:
        'On {day}, {designation} was added to the enrollment of {partner} automatically: a Solutions Partner that qualifies in another solution area is enrolled there at no extra fee. Its status is now {status}.',
      dates: 'The designation is held until the anniversary on {anniversary}; its renewal window runs from {renewStart} to {renewEnd}.',
      datesInWindow: 'The anniversary of this enrollment, {anniversary}, has already passed: its renewal window runs until {renewEnd}.',
      datesPast:
        'The anniversary of this enrollment, {anniversary}, and its renewal window (until {renewEnd}) have already passed; Partner Center (Membership → Solutions Partner) shows the current anniversary.',
      next: 'What to do next: to be able to renew, {partner} must qualify on at least one day between {eligStart} and {eligEnd}.',
      nextQualifies:
        'Nothing to do now: {designation} qualifies today. Renewing needs one qualifying day between {eligStart} and {eligEnd}; keeping the score at {threshold} points or more into that window is enough.',
      nextEligible:
        'Nothing to do now: {designation} qualifies today, a day between {eligStart} and {eligEnd}, so {partner} can renew it in the renewal window ({renewStart} to {renewEnd}).',
    },
    'renewal-due': {
      subject: 'Renewal due: {designation} for {partner}',
      intro: [
        'On {day}, {designation} entered its renewal window (anniversary {anniversary}). The window closes on {renewEnd}; until then the benefits continue. Its status is now {status}.',
      ],
    },
    renewed: {
      subject: '{partner} renewed {designation}',
      intro: ['On {day}, {partner} renewed {designation}. Its status is now {status}.'],
      dates: 'The next anniversary is {anniversary}; the next renewal window runs from {renewStart} to {renewEnd}.',
      next: 'Nothing to do now. To be able to renew next time, {partner} must qualify on at least one day between {eligStart} and {eligEnd}.',
    },
    lapsed: {
      subject: '{designation} has lapsed for {partner}',
      intro: [
        'The renewal window of {designation} (anniversary {anniversary}) closed on {renewEnd} without a renewal. On {day}, its status went back to {status}.',
      ],
      lost: 'What was lost: {partner} no longer holds {designation}, its badge or the benefits that come with it.',
      next: 'What to do next: to hold the designation again, {partner} must qualify again and buy the Solutions Partner offer anew in Partner Center.',
      nextQualifies:
        'What to do next: {designation} qualifies today, so {partner} can buy the Solutions Partner offer anew in Partner Center to hold the designation again.',
    },
    'enrollment-withdrawn': {
      subject: '{partner} is no longer enrolled in {designation}',
      intro: ['On {day}, Partner Center no longer listed {partner} as enrolled in {designation}. Its status is now {status}.'],
      dates: 'The enrollment had its anniversary on {anniversary}.',
      next: 'What this means: the designation, its badge and its benefits no longer apply to {partner}. If this is unexpected, check the enrollment in Partner Center (Membership → Solutions Partner).',
    },
    'renewal-reminder': {
      subjectBefore: 'Reminder: {designation} for {partner} is due for renewal on {anniversary} (in {daysUntil})',
      subjectInWindow: 'Reminder: the renewal window of {designation} for {partner} closes on {renewEnd} (in {daysLeft})',
      before:
        '{daysUntil} remain until the anniversary of {designation} on {anniversary}. The renewal window runs from {renewStart} to {renewEnd}. Its status is {status}.',
      inWindow:
        'The renewal window of {designation} (anniversary {anniversary}) ends on {renewEnd}, {daysLeft} from now. Its status is {status}.',
    },
    'at-risk': {
      subject: 'At risk: {designation} for {partner} may fall below {threshold} points',
      intro: [
        'On {day}, the forecast for next month put {designation} for {partner} below {threshold} points. Its status is {status}; nothing has changed yet.',
      ],
      forecast: 'Forecast for {forecastDay}: {forecastTotal} points (today {total}). The metric that drops is {metric}.',
      forecastMetric:
        'Forecast for {forecastDay}: {forecastTotal} points (today {total}). The metric that drops is {metric}, today at {metricPoints} of {metricMax} points.',
      meaning:
        'A day below {threshold} points does not change the status at once, but it is not a qualifying day: only qualifying days keep an area Qualified, allow enrolling and make it eligible to renew.',
      next: 'What to do next: keep the score at {threshold} points or more. Partner Center shows each metric against its maximum.',
    },
    'claim-competing': {
      subject: 'Competing claim for {partner}: another partner has claimed {workloads} at {customerShort} (claim {claimId})',
      intro: [
        'On {since}, another partner submitted a CPOR claim for the same customer workload as your claim {claim}. Microsoft does not disclose which partner it is, and neither does this mail.',
      ],
      claimTitle: 'Your claim:',
      labels: {
        claim: 'Claim',
        customer: 'Customer',
        workloads: 'Workload claimed by both',
        solutionArea: 'Solution area',
        claimStatus: 'Claim status',
      },
      claimNamed: '{claimId} (“{name}”)',
      customerDomain: '{domain} (tenant {tenantId})',
      customerTenant: 'tenant {tenantId}',
      workloadSubscription: '{workloads}, subscription {subscriptionId}',
      stake:
        'What is at stake: the CPOR association this claim gives counts toward {designation}, and only one partner can hold it for this customer workload.',
      nextUndecided:
        'What happens next: Microsoft arbitrates competing claims on the most recent proof of execution. Your claim stays under review meanwhile, and the review may take longer than usual; the association counts for {partner} only if Microsoft approves this claim.',
      nextApproved:
        'What happens next: your claim stays approved for now. Microsoft arbitrates competing claims on the most recent proof of execution: if it approves the other claim, the association of {partner} for {workloads} counts through the day after that approval, then ends.',
      nextDraft:
        'What happens next: your claim is still a draft. Once you submit it, Microsoft reviews it against the other claim and arbitrates on the most recent proof of execution; the review may take longer than usual.',
      canDo:
        'What you can do: make sure the proof of execution of claim {claimId} is current — the most recent document agreed with the customer for this work (for example a customer-signed statement of work), with its date. Partner Center lets you replace it while the claim’s status is “{actionRequired}”.',
      statusLabels: {
        draft: 'Draft',
        submitted: 'Submitted',
        'under-review': 'Under review',
        'partner-action-required': 'Partner action required',
        approved: 'Approved',
        rejected: 'Rejected',
        dispute: 'Dispute',
        'rejected-final': 'Rejected (final)',
        expired: 'Expired',
      },
    },
  },
};
