// Modern Work (contract "modernWork"): both tracks computed, the higher total wins. Usage growth and
// deployments are computed per association group and the best group counts.
import { firstDayOfMonth, monthIndex, MONTHS_PER_YEAR } from '../calendar/dates.js';
import { compare, fromInteger, type Rational } from '../calendar/rational.js';
import type { PartnerFacts, Track } from '../facts/types.js';
import { ASSOCIATION_BITS, type CompiledModernWorkGroup, type CompiledRange, type CompiledRules, inRange } from '../rules/compiled.js';
import { type AreaScorer, bothTracks, type MetricExplanations, trackResult, type TrackScorer } from './area-result.js';
import { explainTenants, tenantMetric, withTenantsNotApplicable } from './explain-tenants.js';
import type { ExclusionReason } from './explanation.js';
import { F, figureAt, modernWorkMonth, type PartnerUsage, type TenantUsage } from './partner-usage.js';
import { atLeastShare, countMetric, type MetricResult, unitPoints } from './points.js';
import { listedAreaMetrics, type ListedSkilling, listedSkillings } from './skilling.js';

function groupUsers(t: TenantUsage, types: readonly number[], position: number): number {
  let users = 0;
  for (const index of types) users += figureAt(t.figures, F.mwUsers + index, position);
  return users;
}

function groupSeatSum(t: TenantUsage, types: readonly number[], position: number): number {
  let seats = 0;
  for (const index of types) seats += figureAt(t.figures, F.mwSeatSum + index, position);
  return seats;
}

interface GroupOutcome {
  group: CompiledModernWorkGroup;
  growth: number;
  growthPoints: Rational;
  deployedNow: number;
  deployedBase: number;
  deploymentPoints: Rational;
  perTenant: Map<TenantUsage, { contribution: number; now: boolean; base: boolean; reason: ExclusionReason | null }>;
}

const modernWorkTrack: TrackScorer = (track, facts, usage, people, rules, explain) => {
  const mw = rules.modernWork;
  const band = mw.bands[track];
  const groups = mw.groups[track];
  const { atM, atM12 } = usage.months;
  const seatsAt = (t: TenantUsage, p: number) => figureAt(t.figures, F.mwSeats, p);

  // netCustomerAdds: tenants in the band (workloads for net customer adds only) with a record
  // through one of the track's association types.
  const ncaMask = groups.reduce((mask, g) => mask | g.mask, 0);
  const inNca = (t: TenantUsage, p: number) =>
    inRange(figureAt(t.figures, F.mwSeatsNca, p), band) && (figureAt(t.figures, F.mwNcaTypes, p) & ncaMask) !== 0;
  let ncaNow = 0;
  let ncaBase = 0;
  for (const t of usage.tenants) {
    if (t.figures === null) continue;
    if (inNca(t, atM)) ncaNow++;
    if (inNca(t, atM12)) ncaBase++;
  }
  const netCustomerAdds = countMetric(ncaNow - ncaBase, mw.netCustomerAdds[track]);

  const outcomes = groups.map((group) => groupOutcome(group, track, usage, rules, explain));
  // Best group; on equal points the group listed first.
  const best = (points: (o: GroupOutcome) => Rational) => outcomes.reduce((a, b) => (compare(points(b), points(a)) > 0 ? b : a));
  const growthBest = best((o) => o.growthPoints);
  const deploymentsBest = best((o) => o.deploymentPoints);
  const usageGrowth: MetricResult = {
    value: fromInteger(growthBest.growth),
    points: growthBest.growthPoints,
    maxPoints: mw.usageGrowthMaxPoints,
  };
  const deployments: MetricResult = {
    value: fromInteger(deploymentsBest.deployedNow - deploymentsBest.deployedBase),
    points: deploymentsBest.deploymentPoints,
    maxPoints: mw.deploymentsMaxPoints,
  };
  const skilling = listedSkillings(mw, track, people, rules, explain);
  const metrics = listedAreaMetrics({ netCustomerAdds, usageGrowth, deployments }, skilling);
  if (!explain) return trackResult(track, metrics, null);
  const explanations = explainModernWork(
    { track, facts, usage, band, inNca, seatsAt },
    { ncaNow, ncaBase, outcomes, growthBest, deploymentsBest, skilling },
  );
  return trackResult(track, metrics, explanations);
};

/** Modern Work: both tracks, the higher total wins. */
export const scoreModernWork: AreaScorer = bothTracks(modernWorkTrack);

/** Earliest `from` among the tenant's associations of the group (CPOR: naming a listed workload or none). */
function groupStart(t: TenantUsage, group: CompiledModernWorkGroup, rules: CompiledRules): string | null {
  const associations = t.customer.associations;
  if (associations === null) return null;
  let start: string | null = null;
  for (const a of associations) {
    if ((ASSOCIATION_BITS[a.type] & group.mask) === 0) continue;
    if (a.type === 'CPOR' && a.workload && !rules.modernWork.workloads.has(a.workload)) continue;
    if (start === null || a.from < start) start = a.from;
  }
  return start;
}

/** One association group's usage growth and deployments on `track` (the best group counts). */
function groupOutcome(
  group: CompiledModernWorkGroup,
  track: Track,
  usage: PartnerUsage,
  rules: CompiledRules,
  explain: boolean,
): GroupOutcome {
  const mw = rules.modernWork;
  const band = mw.bands[track];
  const { m, first, atM, atM12 } = usage.months;
  const shareN = Number(mw.minActiveShare.n);
  const shareD = Number(mw.minActiveShare.d);
  const seatsAt = (t: TenantUsage, p: number) => figureAt(t.figures, F.mwSeats, p);
  const firstDayOfM12 = firstDayOfMonth(m - MONTHS_PER_YEAR);
  const ttmFirstMonth = m - MONTHS_PER_YEAR + 1;
  let growth = 0;
  let deployedNow = 0;
  let deployedBase = 0;
  const perTenant: GroupOutcome['perTenant'] = new Map();
  const types = group.typeIndexes;
  for (const t of usage.tenants) {
    const start = groupStart(t, group, rules);
    const startMonth = start === null ? null : monthIndex(start);
    if (t.figures === null && (startMonth === null || startMonth <= m)) continue;

    // usageGrowth: users in M minus the baseline (the start month when the association began after
    // the first day of M−12: usage it found is not credited). Users count only in the band.
    const usersNow = inRange(seatsAt(t, atM), band) ? groupUsers(t, types, atM) : 0;
    let baseline: number;
    if (start !== null && startMonth !== null && start > firstDayOfM12) {
      const p = startMonth - first;
      if (p <= atM) baseline = inRange(seatsAt(t, p), band) ? groupUsers(t, types, p) : 0;
      else {
        // A start month after M lies outside the window: read the records again (rare).
        const f = modernWorkMonth(t, startMonth, group.mask, rules, usage.keys);
        baseline = inRange(f.seats, band) ? f.users : 0;
      }
    } else baseline = inRange(seatsAt(t, atM12), band) ? groupUsers(t, types, atM12) : 0;
    const contribution = usersNow - baseline;
    growth += contribution;

    // deployments: in the band with ≥ the active share, leaving out tenants whose association started
    // within TTM(M) already at that share (startMonth ≥ M−11 lies inside the window).
    const excluded =
      startMonth !== null &&
      startMonth >= ttmFirstMonth &&
      startMonth <= m &&
      atLeastShare(groupUsers(t, types, startMonth - first), groupSeatSum(t, types, startMonth - first), shareN, shareD);
    const now =
      !excluded && inRange(seatsAt(t, atM), band) && atLeastShare(groupUsers(t, types, atM), groupSeatSum(t, types, atM), shareN, shareD);
    const base =
      !excluded &&
      inRange(seatsAt(t, atM12), band) &&
      atLeastShare(groupUsers(t, types, atM12), groupSeatSum(t, types, atM12), shareN, shareD);
    if (now) deployedNow++;
    if (base) deployedBase++;
    if (explain) {
      let reason: ExclusionReason | null = null;
      if (!now && !base) {
        if (excluded) reason = 'already-deployed-at-start';
        else if (!inRange(seatsAt(t, atM), band) && !inRange(seatsAt(t, atM12), band)) reason = 'outside-band';
        else reason = 'below-ratio';
      }
      perTenant.set(t, { contribution, now, base, reason });
    }
  }
  return {
    group,
    growth,
    growthPoints: unitPoints(fromInteger(growth), group.usageGrowth),
    deployedNow,
    deployedBase,
    deploymentPoints: unitPoints(fromInteger(deployedNow - deployedBase), group.deployments),
    perTenant,
  };
}

/** The per-tenant explanations of a Modern Work track (explain only). */
function explainModernWork(
  at: {
    track: Track;
    facts: PartnerFacts;
    usage: PartnerUsage;
    band: CompiledRange;
    inNca: (t: TenantUsage, p: number) => boolean;
    seatsAt: (t: TenantUsage, p: number) => number;
  },
  found: {
    ncaNow: number;
    ncaBase: number;
    outcomes: GroupOutcome[];
    growthBest: GroupOutcome;
    deploymentsBest: GroupOutcome;
    skilling: ListedSkilling;
  },
): MetricExplanations {
  const { track, facts, usage, band, inNca, seatsAt } = at;
  const { ncaNow, ncaBase, outcomes, growthBest, deploymentsBest, skilling } = found;
  const { atM, atM12 } = usage.months;

  const seatFigures = (t: TenantUsage) => ({
    'seats M': figureAt(t.figures, F.mwSeatsNca, atM),
    'seats M-12': figureAt(t.figures, F.mwSeatsNca, atM12),
  });
  return {
    netCustomerAdds: tenantMetric(
      facts,
      `${track}: ${ncaNow} tenants in the band in M, ${ncaBase} in M-12`,
      explainTenants(facts, usage, 'modernWork', (t) => {
        const now = inNca(t, atM);
        const base = inNca(t, atM12);
        const inBand = inRange(figureAt(t.figures, F.mwSeatsNca, atM), band) || inRange(figureAt(t.figures, F.mwSeatsNca, atM12), band);
        return {
          counted: now || base,
          eligible: t.figures !== null && (seatsAt(t, atM) > 0 || seatsAt(t, atM12) > 0),
          reason: inBand ? 'association-not-eligible' : 'outside-band',
          figures: seatFigures(t),
        };
      }),
    ),
    intermediateCertifications: withTenantsNotApplicable(facts, skilling.intermediate.explanation),
    advancedCertifications: withTenantsNotApplicable(facts, skilling.advanced.explanation),
    usageGrowth: tenantMetric(
      facts,
      `${track}: best group ${growthBest.group.id}; ` + outcomes.map((o) => `${o.group.id} ${o.growth} users`).join(', '),
      explainTenants(facts, usage, 'modernWork', (t) => {
        const entry = growthBest.perTenant.get(t);
        const contribution = entry?.contribution ?? 0;
        return {
          counted: contribution !== 0,
          eligible: t.figures !== null,
          reason: 'no-change',
          figures: { [`users ${growthBest.group.id} M minus baseline`]: contribution },
        };
      }),
    ),
    deployments: tenantMetric(
      facts,
      `${track}: best group ${deploymentsBest.group.id}; ` +
        outcomes.map((o) => `${o.group.id} ${o.deployedNow} in M, ${o.deployedBase} in M-12`).join('; '),
      explainTenants(facts, usage, 'modernWork', (t) => {
        const entry = deploymentsBest.perTenant.get(t);
        return {
          counted: entry !== undefined && (entry.now || entry.base),
          eligible: entry !== undefined && t.figures !== null,
          reason: entry?.reason ?? 'below-ratio',
          figures: {
            ...seatFigures(t),
            'deployed M': (entry?.now ?? false) ? 'yes' : 'no',
            'deployed M-12': (entry?.base ?? false) ? 'yes' : 'no',
          },
        };
      }),
    ),
  };
}
