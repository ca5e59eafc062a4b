// Candidates for Security, for both tracks (the higher total wins): tenants nearest the TTM minimum
// or the seat band (net customer adds), more security ACR or protected users (usage growth, sized
// to the points missing), tenants nearest the deployment range or the active share, step-gated skilling.
import { MONTHS_PER_YEAR } from '../calendar/dates.js';
import { toNumber } from '../calendar/rational.js';
import type { Track } from '../facts/types.js';
import { inRange } from '../rules/compiled.js';
import { F, figureAt, type TenantUsage } from '../scoring/partner-usage.js';
import type { MetricName } from '../scoring/types.js';
import { bandMinimum, ratioUsersNeeded } from './bands.js';
import { gapPoints, mainName, TENANTS_PER_LEVER, usableTenants } from './candidates-common.js';
import { steppedCandidates } from './candidates-skilling.js';
import type { Candidate, GenContext } from './draft.js';
import { type ChannelRule, freshId, pickChannel, seatsInM } from './facts-edit.js';
import { azureUsageDraft, usageDraft } from './usage-draft.js';

export function securityCandidates(ctx: GenContext): Candidate[] {
  const { rules, asOf } = ctx.world;
  const s = rules.security;
  const cat = rules.catalog.security;
  const out: Candidate[] = [];
  const tenants = usableTenants(ctx);
  const { atM, atM12 } = ctx.usage.months;
  const azureRule: ChannelRule = { types: cat.azure.associations, mayAddAssociation: true };
  const m365Rule: ChannelRule = { types: cat.m365.associations, mayAddAssociation: true };
  const service = (t: TenantUsage | null) =>
    (t ? mainName(t.customer, 'azure', asOf, (n) => s.services.has(n)) : '') || (cat.azure.services[0] ?? '');
  const workload = (t: TenantUsage | null) =>
    (t ? mainName(t.customer, 'm365', asOf, (n) => s.workloads.has(n)) : '') || (cat.m365.workloads[0] ?? '');
  const sec = (t: TenantUsage, p: number) => figureAt(t.figures, F.securityAcr, p);
  const ttm = (t: TenantUsage, end = atM) => {
    let sum = 0;
    for (let p = end - MONTHS_PER_YEAR + 1; p <= end; p++) sum += sec(t, p);
    return sum;
  };
  const seats = (t: TenantUsage, p = atM) => figureAt(t.figures, F.securitySeats, p);
  const protectedUsers = (t: TenantUsage) => figureAt(t.figures, F.securityUsers, atM);
  const seatSum = (t: TenantUsage) => figureAt(t.figures, F.securitySeatSum, atM);
  const chosen = ctx.evaluation.result.track;

  const acrAction = (kind: 'moreUsage' | 'newCustomer', metric: MetricName, t: TenantUsage | null, cents: number, track: Track) => {
    if (cents <= 0) return;
    const name = service(t);
    if (t === null) {
      out.push([
        azureUsageDraft(ctx, {
          kind,
          metric,
          tenantId: freshId('plan-customer', ctx.tenants),
          segment: track,
          name,
          channel: { association: azureRule.types[0]! },
          cents,
          minAmount: 0.01,
        }),
      ]);
      return;
    }
    const channel = pickChannel(t.customer, 'azure', name, azureRule, asOf);
    if (channel)
      out.push([
        azureUsageDraft(ctx, {
          kind,
          metric,
          tenantId: t.customer.tenantId,
          name,
          channel,
          cents,
        }),
      ]);
  };
  const m365Action = (metric: MetricName, t: TenantUsage | null, users: number, paid: number, track: Track) => {
    const name = workload(t);
    const unit = users > 0 ? 'activeUsers' : 'paidSeats';
    const amount = users > 0 ? users : paid;
    const fixed = users > 0 ? { seats: paid } : { users: 0 };
    const spec = { metric, record: 'm365', name, amount, unit, fixed, minAmount: unit === 'paidSeats' ? amount : 1 } as const;
    if (t === null) {
      const tenantId = freshId('plan-customer', ctx.tenants);
      out.push([usageDraft(ctx, { ...spec, kind: 'newCustomer', tenantId, segment: track, channel: { association: m365Rule.types[0]! } })]);
      return;
    }
    const channel = pickChannel(t.customer, 'm365', name, m365Rule, asOf);
    if (channel) out.push([usageDraft(ctx, { ...spec, kind: 'moreUsage', tenantId: t.customer.tenantId, channel })]);
  };

  for (const track of ['enterprise', 'smb'] as Track[]) {
    const band = s.bands[track];
    const bandMin = bandMinimum(band);
    const inBandInTtm = (t: TenantUsage) => {
      for (let p = atM - MONTHS_PER_YEAR + 1; p <= atM; p++) if (inRange(seats(t, p), band)) return true;
      return false;
    };

    // netCustomerAdds
    const missing = tenants.filter((t) => ttm(t) < s.netCustomerAdds.azureMinTtmCents && !inBandInTtm(t));
    [...missing]
      .sort((a, b) => ttm(b) - ttm(a))
      .slice(0, TENANTS_PER_LEVER)
      .forEach((t) => acrAction('moreUsage', 'netCustomerAdds', t, s.netCustomerAdds.azureMinTtmCents - ttm(t), track));
    if (bandMin !== null) {
      [...missing]
        .filter((t) => seats(t) < bandMin)
        .sort((a, b) => seatsInM(b.customer, asOf) - seatsInM(a.customer, asOf))
        .slice(0, TENANTS_PER_LEVER)
        .forEach((t) => m365Action('netCustomerAdds', t, 0, bandMin, track));
      m365Action('netCustomerAdds', null, 0, bandMin, track);
    }
    acrAction('newCustomer', 'netCustomerAdds', null, s.netCustomerAdds.azureMinTtmCents, track);

    // usageGrowth: Azure ACR at cents-per-point, or protected users at users-per-point.
    const ug = s.usageGrowth.tracks[track];
    const current = track === chosen ? (ctx.evaluation.points.usageGrowth ?? 0) : 0;
    const gains = new Set(
      [s.usageGrowth.maxPoints - current, Math.min(s.usageGrowth.maxPoints - current, gapPoints(ctx))].filter((g) => g > 0),
    );
    const range = ug.azureTtmCents;
    for (const gain of gains) {
      const cents = Math.ceil(gain * toNumber(ug.centsPerPoint));
      const fits = tenants.filter((t) => inRange(ttm(t) + cents, range) && sec(t, atM) - sec(t, atM12) >= 0);
      fits
        .sort((a, b) => ttm(b) - ttm(a))
        .slice(0, 2)
        .forEach((t) => acrAction('moreUsage', 'usageGrowth', t, cents, track));
      if (fits.length === 0)
        acrAction('newCustomer', 'usageGrowth', null, inRange(cents, range) ? cents : cents + (range.above ?? 0), track);
      const users = Math.ceil(gain * toNumber(ug.usersPerPoint));
      tenants
        .filter((t) => inRange(seats(t), band))
        .sort((a, b) => seats(b) - seats(a))
        .slice(0, 2)
        .forEach((t) => m365Action('usageGrowth', t, users, 0, track));
    }

    // deployments
    const depRange = s.deployments.tracks[track].azureTtmCents;
    const shareN = Number(s.deployments.minActiveShare.n);
    const shareD = Number(s.deployments.minActiveShare.d);
    const deployed = (t: TenantUsage) =>
      inRange(ttm(t), depRange) || (inRange(seats(t), band) && seatSum(t) > 0 && protectedUsers(t) * shareD >= shareN * seatSum(t));
    const toRange = (value: number) => {
      const low = depRange.from ?? (depRange.above !== undefined ? depRange.above + 1 : value);
      const cents = low - value;
      return cents > 0 && inRange(value + cents, depRange) ? cents : null;
    };
    const notDeployed = tenants.filter((t) => !deployed(t));
    notDeployed
      .map((t) => ({ t, cents: toRange(ttm(t)) }))
      .filter((x): x is { t: TenantUsage; cents: number } => x.cents !== null)
      .sort((a, b) => a.cents - b.cents)
      .slice(0, TENANTS_PER_LEVER)
      .forEach(({ t, cents }) => acrAction('moreUsage', 'deployments', t, cents, track));
    notDeployed
      .filter((t) => inRange(seats(t), band))
      .map((t) => {
        const paid = seatSum(t) > 0 ? 0 : seats(t);
        return { t, paid, users: ratioUsersNeeded(protectedUsers(t), seatSum(t) + paid, shareN, shareD) };
      })
      .filter((x) => x.users > 0)
      .sort((a, b) => a.users - b.users)
      .slice(0, TENANTS_PER_LEVER)
      .forEach(({ t, paid, users }) => m365Action('deployments', t, users, paid, track));
    const fresh = toRange(0);
    if (fresh !== null) acrAction('newCustomer', 'deployments', null, fresh, track);
    if (bandMin !== null) m365Action('deployments', null, Math.max(1, ratioUsersNeeded(0, bandMin, shareN, shareD)), bandMin, track);

    out.push(...steppedCandidates(ctx, 'intermediateCertifications', s.intermediateCertifications, track));
  }
  return out;
}
