// Candidates for Business Applications: (tenant, workload) pairs nearest the net-customer-adds floor
// or a new pair, more active users of the highest-rate workload for usage growth (sized to the
// points missing), pairs nearest the deployment MCV minimum or a new one, and listed skilling.
import { BASELINE, CURRENT, type TenantUsage } from '../scoring/partner-usage.js';
import { CENTS, gapPoints, hasHeadroom, pointsOf, TENANTS_PER_LEVER, usableTenants } from './candidates-common.js';
import { listedCandidates } from './candidates-skilling.js';
import type { Candidate, GenContext } from './draft.js';
import { type ChannelRule, freshId, pickChannel } from './facts-edit.js';
import { usageDraft } from './usage-draft.js';

const PAIR = 2;

export function businessApplicationsCandidates(ctx: GenContext): Candidate[] {
  const { rules, asOf } = ctx.world;
  const ba = rules.businessApplications;
  const cat = rules.catalog.businessApplications;
  const track = ctx.evaluation.result.track;
  const segment = track;
  const tenants = usableTenants(ctx);
  const out: Candidate[] = [];
  const ncaRule: ChannelRule = {
    types: cat.netCustomerAdds.associations,
    cporActivity: cat.netCustomerAdds.cporActivities[0],
    mayAddAssociation: true,
  };
  const cs = ba.customerSuccess;
  const successRule = (i: number): ChannelRule =>
    cs.palOnly[i]
      ? { types: cat.customerSuccess.palOnlyAssociations, mayAddAssociation: true }
      : { types: cat.customerSuccess.associations, cporActivity: cat.customerSuccess.cporActivities[0], mayAddAssociation: true };
  const rate = (i: number) => cs.scaledRates[i] ?? 0;
  // Rate-card workloads, highest consumption value per active user first (fewest users per point).
  const byRate = cs.workloadNames.map((_, i) => i).sort((a, b) => rate(b) - rate(a));
  const baRecords = (t: TenantUsage) => t.customer.usage.filter((u) => u.kind === 'bizapps').length;
  const hosts = [...tenants].sort((a, b) => baRecords(b) - baRecords(a)).slice(0, 2);

  const revenue = (kind: 'moreUsage' | 'newCustomer', t: TenantUsage | null, w: number, cents: number, skip = 0) => {
    const name = ba.netCustomerAdds.workloadNames[w] ?? '';
    if (t === null) {
      out.push([
        usageDraft(ctx, {
          kind,
          metric: 'netCustomerAdds',
          tenantId: freshId('plan-customer', ctx.tenants, skip),
          segment,
          record: 'bizapps',
          name,
          channel: { association: ncaRule.types.find((x) => x !== 'CPOR') ?? 'CSP_T1' },
          amount: cents / CENTS,
          unit: 'usd',
        }),
      ]);
      return;
    }
    const channel = pickChannel(t.customer, 'bizapps', name, ncaRule, asOf);
    if (channel)
      out.push([
        usageDraft(ctx, {
          kind,
          metric: 'netCustomerAdds',
          tenantId: t.customer.tenantId,
          record: 'bizapps',
          name,
          channel,
          amount: cents / CENTS,
          unit: 'usd',
        }),
      ]);
  };
  const users = (
    kind: 'moreUsage' | 'newDeployment' | 'newCustomer',
    metric: 'usageGrowth' | 'deployments',
    t: TenantUsage | null,
    i: number,
    count: number,
  ) => {
    const name = cs.workloadNames[i] ?? '';
    if (count <= 0) return;
    if (t === null) {
      const rule = successRule(i);
      out.push([
        usageDraft(ctx, {
          kind: 'newCustomer',
          metric,
          tenantId: freshId('plan-customer', ctx.tenants),
          segment,
          record: 'bizapps',
          name,
          channel: {
            association: rule.types.find((x) => x !== 'CPOR') ?? rule.types[0]!,
            ...(rule.types.every((x) => x === 'CPOR') && rule.cporActivity ? { cporActivity: rule.cporActivity } : {}),
          },
          amount: count,
          unit: 'activeUsers',
          minAmount: 1,
        }),
      ]);
      return;
    }
    const channel = pickChannel(t.customer, 'bizapps', name, successRule(i), asOf);
    if (channel)
      out.push([
        usageDraft(ctx, {
          kind,
          metric,
          tenantId: t.customer.tenantId,
          record: 'bizapps',
          name,
          channel,
          amount: count,
          unit: 'activeUsers',
          minAmount: 1,
        }),
      ]);
  };

  if (hasHeadroom(ctx, 'netCustomerAdds')) {
    const floor = ba.netCustomerAdds.floorCents[track];
    const near: { t: TenantUsage; w: number; cents: number }[] = [];
    for (const t of tenants) {
      const any = t.bizRevenueAny;
      if (!any) continue;
      for (let w = 0; w * PAIR < any.length; w++) {
        const eligible = t.bizRevenueNca?.[w * PAIR + CURRENT] ?? 0;
        if ((any[w * PAIR + CURRENT] ?? 0) === 0 && eligible === 0) continue;
        if (eligible < floor) near.push({ t, w, cents: floor - eligible });
      }
    }
    near
      .sort((a, b) => a.cents - b.cents)
      .slice(0, TENANTS_PER_LEVER)
      .forEach((p) => revenue('moreUsage', p.t, p.w, p.cents));
    for (const t of hosts) {
      const w = ba.netCustomerAdds.workloadNames.findIndex(
        (_, k) => (t.bizRevenueAny?.[k * PAIR + CURRENT] ?? 0) === 0 && (t.bizRevenueNca?.[k * PAIR + CURRENT] ?? 0) === 0,
      );
      if (w >= 0) revenue('moreUsage', t, w, floor);
    }
    revenue('newCustomer', null, 0, floor);
  }

  if (hasHeadroom(ctx, 'usageGrowth')) {
    let now = 0;
    let base = 0;
    for (const t of ctx.usage.tenants) {
      const mcv = t.bizScaledMcv;
      if (!mcv) continue;
      for (let i = 0; i < mcv.length; i += PAIR) {
        now += mcv[i + CURRENT] ?? 0;
        base += mcv[i + BASELINE] ?? 0;
      }
    }
    if (base > 0 && base >= ba.usageGrowth.minBaseScaledMcv[track]) {
      const ug = ba.usageGrowth;
      const perPercent = Number(ug.perUnit.n) / Number(ug.perUnit.d);
      const current = pointsOf(ctx, 'usageGrowth');
      const targets = new Set([ug.maxPoints, Math.min(ug.maxPoints, current + gapPoints(ctx))]);
      if (current === 0) targets.add(0);
      const levers: { t: TenantUsage; i: number }[] = [];
      for (const t of tenants) {
        for (const i of byRate) {
          if ((t.bizScaledMcv?.[i * PAIR + CURRENT] ?? 0) > 0 || (t.bizScaledMcv?.[i * PAIR + BASELINE] ?? 0) > 0) {
            levers.push({ t, i });
            break;
          }
        }
      }
      levers.sort((a, b) => rate(b.i) - rate(a.i));
      const chosen = levers.slice(0, 2);
      if (chosen.length === 0 && hosts[0] && byRate[0] !== undefined) chosen.push({ t: hosts[0], i: byRate[0] });
      for (const target of targets) {
        const needed = target === 0 ? base + 1 : Math.ceil(base * (1 + target / perPercent / 100));
        for (const { t, i } of chosen) users('moreUsage', 'usageGrowth', t, i, Math.ceil((needed - now) / Math.max(1, rate(i))));
      }
    }
  }

  if (hasHeadroom(ctx, 'deployments')) {
    const min = ba.deployments.minScaledMcv[track];
    const near: { t: TenantUsage; i: number; count: number }[] = [];
    for (const t of tenants) {
      const mcv = t.bizScaledMcv;
      if (!mcv) continue;
      for (let i = 0; i * PAIR < mcv.length; i++) {
        const v = mcv[i * PAIR + CURRENT] ?? 0;
        if (v > 0 && v < min) near.push({ t, i, count: Math.ceil((min - v) / rate(i)) });
      }
    }
    near
      .sort((a, b) => a.count - b.count)
      .slice(0, TENANTS_PER_LEVER)
      .forEach((p) => users('moreUsage', 'deployments', p.t, p.i, p.count));
    for (const t of hosts.length ? hosts : []) {
      const i = byRate.find((k) => (t.bizScaledMcv?.[k * PAIR + CURRENT] ?? 0) === 0);
      if (i !== undefined) users('newDeployment', 'deployments', t, i, Math.ceil(min / rate(i)));
    }
    const top = byRate[0];
    if (top !== undefined) users('newCustomer', 'deployments', null, top, Math.ceil(min / rate(top)));
  }

  for (const metric of ['intermediateCertifications', 'advancedCertifications'] as const) {
    if (hasHeadroom(ctx, metric)) out.push(...listedCandidates(ctx, metric, ba[metric]));
  }
  return out;
}
