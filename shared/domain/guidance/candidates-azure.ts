// Candidates for the Azure areas (Data & AI, Infrastructure, Digital & App Innovation): tenants
// nearest the net-customer-adds floor, more month-M ACR for usage growth (sized to the points still
// missing, the TTM minimum included), a service the partner has not deployed, and skilling.
import type { AssociationType, AzureArea, Customer } from '../facts/types.js';
import { F, figureAt, type TenantUsage } from '../scoring/partner-usage.js';
import type { MetricName } from '../scoring/types.js';
import { CENTS, gapPoints, hasHeadroom, mainName, pointsOf, preferredType, TENANTS_PER_LEVER, usableTenants } from './candidates-common.js';
import { steppedCandidates } from './candidates-skilling.js';
import type { Candidate, GenContext } from './draft.js';
import { type ChannelRule, freshId, pickChannel } from './facts-edit.js';
import { azureUsageDraft, usageDraft } from './usage-draft.js';

/** ACR a new deployment carries in M: a planning choice (any amount > 0 deploys), not a Microsoft rule. */
export const DEPLOYMENT_USD = 100;
/** Tenants tried per lever: the nearest few. */

export function azureCandidates(ctx: GenContext): Candidate[] {
  const { rules, asOf } = ctx.world;
  const area = ctx.world.area as AzureArea;
  const az = rules.azure;
  const track = ctx.evaluation.result.track;
  const { atM, atM1, atM12, ttmStart } = ctx.usage.months;
  const types = rules.catalog.azure.eligibility.associations;
  const rule: ChannelRule = { types, mayAddAssociation: true };
  const acr = (t: TenantUsage, p: number) => figureAt(t.figures, F.azureAcr, p);
  const tenants = usableTenants(ctx);
  const newType: AssociationType = preferredType(ctx.facts.customers, 'azure', types);
  const segment = track === 'smb' ? 'smb' : 'enterprise';
  const out: Candidate[] = [];

  const anyService = defaultService(ctx.facts.customers, rules.catalog.security.azure.services);
  const more = (t: TenantUsage, metric: MetricName, cents: number, name = mainName(t.customer, 'azure', asOf) || anyService) => {
    const channel = pickChannel(t.customer, 'azure', name, rule, asOf);
    if (!channel) return;
    out.push([
      azureUsageDraft(ctx, {
        kind: 'moreUsage',
        metric,
        tenantId: t.customer.tenantId,
        name,
        channel,
        cents,
      }),
    ]);
  };
  const newCustomer = (metric: MetricName, cents: number, name: string, skip = 0) =>
    out.push([
      azureUsageDraft(ctx, {
        kind: 'newCustomer',
        metric,
        tenantId: freshId('plan-customer', ctx.tenants, skip),
        segment,
        name,
        channel: { association: newType },
        cents,
      }),
    ]);

  if (hasHeadroom(ctx, 'netCustomerAdds')) {
    const floor = az.netCustomerAdds.floorCents[track];
    tenants
      .filter((t) => acr(t, atM) < floor && acr(t, atM1) < floor)
      .sort((a, b) => acr(b, atM) - acr(a, atM))
      .slice(0, TENANTS_PER_LEVER)
      .forEach((t) => more(t, 'netCustomerAdds', floor - acr(t, atM)));
    newCustomer('netCustomerAdds', floor, anyService);
  }

  if (hasHeadroom(ctx, 'usageGrowth')) {
    let cur = 0;
    let base = 0;
    let ttm = 0;
    for (const t of ctx.usage.tenants) {
      cur += acr(t, atM);
      base += acr(t, atM12);
      for (let p = ttmStart; p <= atM; p++) ttm += acr(t, p);
    }
    const ug = az.usageGrowth;
    const perPercent = Number(ug.perUnit.n) / Number(ug.perUnit.d);
    const now = pointsOf(ctx, 'usageGrowth');
    const targets = new Set<number>([ug.maxPoints, Math.min(ug.maxPoints, now + gapPoints(ctx))]);
    if (now === 0) targets.add(0);
    const amounts = new Set<number>();
    if (base >= 0) {
      for (const target of targets) {
        let cents: number;
        if (base === 0) cents = Math.max(1, 1 - cur);
        else if (target === 0) cents = Math.max(1, base - cur + 1);
        else cents = Math.ceil(base * (1 + target / perPercent / 100) - cur);
        cents = Math.max(cents, ug.minTtmCents - ttm, 1);
        amounts.add(cents);
      }
    }
    const active = [...tenants].sort((a, b) => acr(b, atM) - acr(a, atM)).slice(0, 2);
    for (const cents of amounts) {
      if (active.length === 0) newCustomer('usageGrowth', cents, anyService);
      for (const t of active) more(t, 'usageGrowth', cents);
    }
  }

  if (hasHeadroom(ctx, 'deployments')) {
    const counted = new Set([...ctx.usage.azureServiceTtm].filter(([, cents]) => cents > 0).map(([key]) => key));
    const pool = [
      ...ctx.facts.customers.flatMap((c) => c.usage.flatMap((u) => (u.kind === 'azure' ? [u.service.trim()] : []))),
      ...rules.catalog.security.azure.services,
    ];
    const service = pool.find((s) => !counted.has(ctx.usage.keys.key(s)) && !az.deployments.excluded.has(s));
    const host = [...tenants].sort((a, b) => acr(b, atM) - acr(a, atM))[0];
    if (service !== undefined) {
      if (host) {
        const channel = pickChannel(host.customer, 'azure', service, rule, asOf);
        if (channel) {
          out.push([
            usageDraft(ctx, {
              kind: 'newDeployment',
              metric: 'deployments',
              tenantId: host.customer.tenantId,
              record: 'azure',
              name: service,
              channel,
              amount: DEPLOYMENT_USD,
              unit: 'usd',
              minAmount: DEPLOYMENT_USD,
            }),
          ]);
        }
      } else newCustomer('deployments', DEPLOYMENT_USD * CENTS, service);
    }
  }

  const skilling = rules.azure.skilling[area] as Partial<Record<MetricName, Parameters<typeof steppedCandidates>[2]>>;
  for (const metric of ['intermediateCertifications', 'advancedCertifications'] as const) {
    const stepped = skilling[metric];
    if (stepped && hasHeadroom(ctx, metric)) out.push(...steppedCandidates(ctx, metric, stepped, track));
  }
  return out;
}

function defaultService(customers: readonly Customer[], fallback: readonly string[]): string {
  for (const c of customers) for (const u of c.usage) if (u.kind === 'azure' && u.offer === 'standard') return u.service.trim();
  return fallback[0] ?? '';
}
