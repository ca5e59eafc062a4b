// Eligibility of a claim submission where it enters (the claims webhook; pcs-rules.md §4.2, issue 13).
// Events already stored are not judged again: applyClaimEvent does not call these.
//
// - the workload is one the rule catalog lists for the solution area (MW&S: Modern Work workloads and
//   Security's Microsoft 365 workloads; BA: net-customer-adds workloads and the customer-success rate card);
// - the proof of execution is present with its date (not after the submission);
// - the submitter's role is one §4.2 allows (Incentives admin; Billing / Global admin);
// - a Business Applications claim names its subscription { id, purchaseChannel, startedOn }: claimable only
//   for Volume Licensing or Web Direct, and not in the 7 days after it started [S23];
// - the customer's domain agrees with what the product knows of the tenant (other claims' domains).
// Each refusal names its rule.
import type { IsoDate } from '../facts/types.js';
import type { RuleCatalog } from '../rules/catalog-schema.js';
import { nameKey } from '../rules/names.js';
import { addDays } from '../status/days.js';
import { CLAIMABLE_PURCHASE_CHANNELS, type ClaimData, type SolutionArea, SUBMITTER_ROLES } from './types.js';

export interface EligibilityRefusal {
  /** Field path in the event body, e.g. `claim.workloads[1]`. */
  path: string;
  message: string;
  /** The rule refused by, e.g. "pcs-rules §4.2: eligible workloads". */
  rule: string;
}

/** Days after a subscription starts before it can be claimed (§4.2 [S23]: "may take up to 7 days"). */
export const NEW_SUBSCRIPTION_DAYS = 7;

/** The workloads a claim may name for the solution area, from the rule catalog. */
export function claimableWorkloads(rules: RuleCatalog, area: SolutionArea): string[] {
  if (area === 'modernWorkSecurity') return [...new Set([...rules.modernWork.workloads.all, ...rules.security.m365.workloads])];
  const ba = rules.businessApplications;
  return [...new Set([...ba.netCustomerAdds.workloads, ...ba.customerSuccess.rateCard.flatMap((r) => [r.workload, ...r.rollUp])])];
}

/**
 * Refusals of a submission (`kind`: a draft needs no proof of execution yet). `day`: the submission's
 * day (occurredAt, UTC).
 */
export function submissionRefusals(
  data: ClaimData,
  submittedBy: { role: string } | undefined,
  day: IsoDate,
  rules: RuleCatalog,
  kind: 'drafted' | 'submitted',
): EligibilityRefusal[] {
  const out: EligibilityRefusal[] = [];
  const allowed = claimableWorkloads(rules, data.solutionArea);
  const known = new Set(allowed.map(nameKey));
  const workloadRule = `pcs-rules §4.2: a ${data.solutionArea} claim names workloads the rule catalog lists for the area`;
  if (data.solutionArea === 'modernWorkSecurity') {
    data.workloads.forEach((w, i) => {
      if (!known.has(nameKey(w)))
        out.push({
          path: `claim.workloads[${i}]`,
          message: `"${w}" is not an eligible Modern Work & Security workload`,
          rule: workloadRule,
        });
    });
  } else if (data.workload !== null && !known.has(nameKey(data.workload))) {
    out.push({
      path: 'claim.workload',
      message: `"${data.workload}" is not an eligible Business Applications workload`,
      rule: workloadRule,
    });
  }
  const roleRule = 'pcs-rules §4.2: claims are submitted by an Incentives admin (also Billing or Global admin)';
  if (!submittedBy)
    out.push({ path: 'submittedBy.role', message: `required: the submitter's role (${SUBMITTER_ROLES.join(', ')})`, rule: roleRule });
  else if (!(SUBMITTER_ROLES as readonly string[]).includes(submittedBy.role)) {
    out.push({
      path: 'submittedBy.role',
      message: `"${submittedBy.role}" may not submit claims (expected ${SUBMITTER_ROLES.join(', ')})`,
      rule: roleRule,
    });
  }
  if (kind === 'submitted') {
    const poeRule = 'pcs-rules §4.2: a claim needs its proof of execution (e.g. a customer-signed SOW), with its date';
    if (!data.proofOfExecution) out.push({ path: 'claim.proofOfExecution', message: 'required: the proof of execution', rule: poeRule });
    if (!data.proofOfExecutionDate)
      out.push({ path: 'claim.proofOfExecution.date', message: 'required: the date of the proof of execution', rule: poeRule });
    else if (data.proofOfExecutionDate > day)
      out.push({
        path: 'claim.proofOfExecution.date',
        message: `${data.proofOfExecutionDate} is after the submission (${day})`,
        rule: poeRule,
      });
  }
  if (data.solutionArea === 'businessApplications') {
    const sub = data.subscription ?? null;
    if (!sub) {
      if (kind === 'submitted')
        out.push({
          path: 'claim.subscription',
          message: 'required: { id, purchaseChannel, startedOn } of the claimed subscription',
          rule: 'pcs-rules §4.2: a Business Applications claim names its subscription',
        });
    } else {
      if (!(CLAIMABLE_PURCHASE_CHANNELS as readonly string[]).includes(sub.purchaseChannel)) {
        out.push({
          path: 'claim.subscription.purchaseChannel',
          message: `"${sub.purchaseChannel}" subscriptions cannot be claimed (only ${CLAIMABLE_PURCHASE_CHANNELS.join(', ')})`,
          rule: 'pcs-rules §4.2: Business Applications roles only for customers buying via Volume Licensing or Web Direct',
        });
      }
      const claimableFrom = addDays(sub.startedOn, NEW_SUBSCRIPTION_DAYS + 1);
      if (day < claimableFrom) {
        out.push({
          path: 'claim.subscription.startedOn',
          message: `subscription ${sub.id} started ${sub.startedOn}: claimable from ${claimableFrom} (not in the ${NEW_SUBSCRIPTION_DAYS} days after it started)`,
          rule: 'pcs-rules §4.2: a newly provisioned subscription may take up to 7 days to become claimable [S23]',
        });
      }
    }
  }
  return out;
}

/** The customer's domain against the domains known for the tenant (none known: nothing to disagree with). */
export function domainRefusal(
  data: Pick<ClaimData, 'tenantId' | 'customerDomain'>,
  knownDomains: readonly string[],
): EligibilityRefusal | null {
  const domain = data.customerDomain?.toLowerCase() ?? null;
  const known = [...new Set(knownDomains.map((d) => d.toLowerCase()))];
  if (domain === null || known.length === 0 || known.includes(domain)) return null;
  return {
    path: 'claim.customerDomain',
    message: `"${domain}" does not match tenant ${data.tenantId}, known as ${known.map((d) => `"${d}"`).join(', ')}`,
    rule: 'pcs-rules §4.2: the customer tenant ID and its domain must agree (mismatch errors)',
  };
}
