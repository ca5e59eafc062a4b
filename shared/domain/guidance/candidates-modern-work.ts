// Candidates for Modern Work, for both tracks (the higher total wins): tenants nearest the track's
// seat band or lacking a record through the track's association groups (net customer adds), more
// active users through a group that was active before the month (usage growth; a new association
// would make M its start and credit nothing), users to reach the active share (deployments), skilling.
import { monthIndex } from '../calendar/dates.js';
import { toNumber } from '../calendar/rational.js';
import type { AssociationType, Track } from '../facts/types.js';
import { ASSOCIATION_TYPES } from '../facts/types.js';
import { type CompiledModernWorkGroup, inRange } from '../rules/compiled.js';
import { F, figureAt, type TenantUsage } from '../scoring/partner-usage.js';
import { bandMinimum, ratioUsersNeeded } from './bands.js';
import { gapPoints, mainName, TENANTS_PER_LEVER, usableTenants } from './candidates-common.js';
import { listedCandidates } from './candidates-skilling.js';
import type { Candidate, GenContext } from './draft.js';
import { freshId, pickChannel, planMonth, seatsInM } from './facts-edit.js';
import { usageDraft } from './usage-draft.js';

export function modernWorkCandidates(ctx: GenContext): Candidate[] {
  const { rules, asOf } = ctx.world;
  const mw = rules.modernWork;
  const out: Candidate[] = [];
  const tenants = usableTenants(ctx);
  const { atM, first } = ctx.usage.months;
  const m = planMonth(asOf).index;
  const workloads = rules.catalog.modernWork.workloads.all;
  const forNca = (name: string) => mw.workloads.get(name)?.forNetCustomerAdds === true;
  const ncaWorkload = workloads.find(forNca) ?? workloads[0] ?? '';
  const chosen = ctx.evaluation.result.track;

  for (const track of ['enterprise', 'smb'] as Track[]) {
    const band = mw.bands[track];
    const groups = mw.groups[track];
    const bandMin = bandMinimum(band);
    const types = (g: CompiledModernWorkGroup): AssociationType[] => g.typeIndexes.map((i) => ASSOCIATION_TYPES[i] as AssociationType);
    const ncaTypes = [...new Set(groups.flatMap(types))];
    const ncaMask = groups.reduce((mask, g) => mask | g.mask, 0);
    const seats = (t: TenantUsage) => figureAt(t.figures, F.mwSeats, atM);
    const users = (t: TenantUsage, g: CompiledModernWorkGroup, p = atM) =>
      g.typeIndexes.reduce((s, i) => s + figureAt(t.figures, F.mwUsers + i, p), 0);
    const seatSum = (t: TenantUsage, g: CompiledModernWorkGroup, p = atM) =>
      g.typeIndexes.reduce((s, i) => s + figureAt(t.figures, F.mwSeatSum + i, p), 0);

    // netCustomerAdds
    const near: { t: TenantUsage; seats: number }[] = [];
    for (const t of tenants) {
      const ncaSeats = figureAt(t.figures, F.mwSeatsNca, atM);
      const counted = inRange(ncaSeats, band) && (figureAt(t.figures, F.mwNcaTypes, atM) & ncaMask) !== 0;
      if (counted || bandMin === null) continue;
      if (inRange(ncaSeats, band)) near.push({ t, seats: ncaSeats });
      else if (ncaSeats < bandMin) near.push({ t, seats: bandMin });
    }
    near
      .sort((a, b) => a.seats - seatsInM(a.t.customer, asOf) - (b.seats - seatsInM(b.t.customer, asOf)))
      .slice(0, TENANTS_PER_LEVER)
      .forEach(({ t, seats: target }) => {
        const name = mainName(t.customer, 'm365', asOf, forNca) || ncaWorkload;
        const channel = pickChannel(t.customer, 'm365', name, { types: ncaTypes, mayAddAssociation: true }, asOf);
        if (channel)
          out.push([
            usageDraft(ctx, {
              kind: 'moreUsage',
              metric: 'netCustomerAdds',
              tenantId: t.customer.tenantId,
              record: 'm365',
              name,
              channel,
              amount: target,
              unit: 'paidSeats',
              fixed: { users: 0 },
              minAmount: target,
            }),
          ]);
      });
    if (bandMin !== null && ncaTypes[0]) {
      out.push([
        usageDraft(ctx, {
          kind: 'newCustomer',
          metric: 'netCustomerAdds',
          tenantId: freshId('plan-customer', ctx.tenants),
          segment: track,
          record: 'm365',
          name: ncaWorkload,
          channel: { association: ncaTypes[0] },
          amount: bandMin,
          unit: 'paidSeats',
          fixed: { users: 0 },
          minAmount: bandMin,
        }),
      ]);
    }

    for (const g of groups) {
      const gTypes = types(g);
      const inBandNow = tenants.filter((t) => inRange(seats(t), band));
      const start = (t: TenantUsage): number | null => {
        const list = t.customer.associations;
        if (list === null) return null;
        let s: number | null = null;
        for (const a of list) {
          if (!gTypes.includes(a.type)) continue;
          if (a.type === 'CPOR' && a.workload && !mw.workloads.has(a.workload)) continue;
          const idx = monthIndex(a.from);
          if (s === null || idx < s) s = idx;
        }
        return s;
      };
      const usable = inBandNow.filter((t) => {
        const s = start(t);
        return t.customer.associations === null || (s !== null && s < m);
      });

      // usageGrowth: users for the points still missing (or the group's full target).
      const perUser = toNumber(g.usageGrowth.perUnit);
      const value = track === chosen ? toNumber(ctx.evaluation.result.metrics.usageGrowth?.value ?? { n: 0n, d: 1n }) : 0;
      const points = value * perUser;
      const targets = new Set([g.usageGrowth.maxPoints, Math.min(g.usageGrowth.maxPoints, Math.max(0, points) + gapPoints(ctx))]);
      const growthHosts = [...usable].sort((a, b) => seats(b) - seats(a)).slice(0, 2);
      // A new customer only adds growth when its associations are left out: an association starting
      // in M makes M its baseline. Offered only when no tenant of the partner can carry the users.
      const omitted = (metric: 'usageGrowth' | 'deployments', count: number, skip = 0) => {
        if (bandMin === null || !gTypes[0]) return;
        out.push([
          usageDraft(ctx, {
            kind: 'newCustomer',
            metric,
            tenantId: freshId('plan-customer', ctx.tenants, skip),
            segment: track,
            record: 'm365',
            name: ncaWorkload,
            channel: { association: gTypes[0] },
            amount: count,
            unit: 'activeUsers',
            fixed: { seats: bandMin },
            minAmount: 1,
            omitAssociations: true,
          }),
        ]);
      };
      // More active users on t's main Modern Work workload through g, with `paidSeats` seats bought (none
      // without a channel through g).
      const moreUsers = (t: TenantUsage, metric: 'usageGrowth' | 'deployments', count: number, paidSeats: number) => {
        const name = mainName(t.customer, 'm365', asOf, (w) => mw.workloads.has(w)) || ncaWorkload;
        const channel = pickChannel(t.customer, 'm365', name, { types: gTypes, mayAddAssociation: false }, asOf);
        if (!channel) return;
        out.push([
          usageDraft(ctx, {
            kind: 'moreUsage',
            metric,
            tenantId: t.customer.tenantId,
            record: 'm365',
            name,
            channel,
            amount: count,
            unit: 'activeUsers',
            fixed: { seats: paidSeats },
          }),
        ]);
      };
      for (const target of targets) {
        const count = Math.ceil(target / perUser - Math.max(0, value));
        if (count <= 0) continue;
        if (growthHosts.length === 0) omitted('usageGrowth', count);
        for (const t of growthHosts) moreUsers(t, 'usageGrowth', count, 0);
      }

      // deployments: the users that bring a tenant to the active share through g.
      const shareN = Number(mw.minActiveShare.n);
      const shareD = Number(mw.minActiveShare.d);
      const deploy: { t: TenantUsage; count: number; paid: number }[] = [];
      for (const t of usable) {
        const s = start(t);
        if (s !== null && s >= m - 11) {
          const p = s - first;
          if (p >= 0 && p <= atM && seatSum(t, g, p) > 0 && users(t, g, p) * shareD >= shareN * seatSum(t, g, p)) continue;
        }
        const S = seatSum(t, g);
        const paid = S > 0 ? 0 : seats(t);
        const count = ratioUsersNeeded(users(t, g), S + paid, shareN, shareD);
        if (count > 0) deploy.push({ t, count, paid });
      }
      if (deploy.length === 0 && bandMin !== null) omitted('deployments', Math.max(1, ratioUsersNeeded(0, bandMin, shareN, shareD)));
      deploy
        .sort((a, b) => a.count - b.count)
        .slice(0, TENANTS_PER_LEVER)
        .forEach(({ t, count, paid }) => moreUsers(t, 'deployments', count, paid));
    }
  }

  for (const metric of ['intermediateCertifications', 'advancedCertifications'] as const) {
    out.push(...listedCandidates(ctx, metric, mw[metric]));
  }
  return out;
}
