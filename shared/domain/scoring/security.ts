// Security (contract "security"): an Azure part (security services' ACR) and a Microsoft 365 part
// (security workloads' seats and protected users) feed the same metrics; both tracks computed, the
// higher total wins.
import { MONTHS_PER_YEAR } from '../calendar/dates.js';
import { add, clamp, divide, fromInteger, ZERO } from '../calendar/rational.js';
import { inRange } from '../rules/compiled.js';
import { type AreaScorer, bothTracks, trackResult, type TrackScorer } from './area-result.js';
import { explainTenants, tenantMetric, usd, withTenantsNotApplicable } from './explain-tenants.js';
import { WINDOW } from './months.js';
import { F, figureAt, type TenantUsage } from './partner-usage.js';
import { atLeastShare, countMetric, type MetricResult } from './points.js';
import { steppedSkilling } from './skilling.js';

const sec = (t: TenantUsage, p: number) => figureAt(t.figures, F.securityAcr, p);
const seats = (t: TenantUsage, p: number) => figureAt(t.figures, F.securitySeats, p);
const protectedUsers = (t: TenantUsage, p: number) => figureAt(t.figures, F.securityUsers, p);
const seatSum = (t: TenantUsage, p: number) => figureAt(t.figures, F.securitySeatSum, p);

/** Σ sec over the twelve months ending at window position `end`. */
function ttm(t: TenantUsage, end: number): number {
  let sum = 0;
  for (let p = end - MONTHS_PER_YEAR + 1; p <= end; p++) sum += sec(t, p);
  return sum;
}

const securityTrack: TrackScorer = (track, facts, usage, people, rules, explain) => {
  const s = rules.security;
  const band = s.bands[track];
  const { atM, atM12 } = usage.months;
  const ug = s.usageGrowth.tracks[track];
  const depRange = s.deployments.tracks[track].azureTtmCents;
  const shareN = Number(s.deployments.minActiveShare.n);
  const shareD = Number(s.deployments.minActiveShare.d);
  const inBand = (t: TenantUsage, p: number) => inRange(seats(t, p), band);

  let ncaNow = 0;
  let ncaBase = 0;
  let azureDelta = 0;
  let m365Delta = 0;
  let depNow = 0;
  let depBase = 0;
  const verdicts = explain
    ? new Map<TenantUsage, { q: [boolean, boolean]; dep: [boolean, boolean]; ttmM: number; ttmM12: number }>()
    : null;
  for (const t of usage.tenants) {
    if (t.figures === null) continue;
    const ttmM = ttm(t, atM);
    const ttmM12 = ttm(t, atM12);
    // netCustomerAdds: TTM ACR at the minimum, or in the band in some month of the TTM.
    const qualifies = (end: number, total: number) => {
      if (total >= s.netCustomerAdds.azureMinTtmCents) return true;
      for (let p = end - MONTHS_PER_YEAR + 1; p <= end; p++) if (inBand(t, p)) return true;
      return false;
    };
    const qNow = qualifies(atM, ttmM);
    const qBase = qualifies(atM12, ttmM12);
    if (qNow) ncaNow++;
    if (qBase) ncaBase++;
    // usageGrowth: Azure and Microsoft 365 deltas of the tenants eligible in M.
    if (inRange(ttmM, ug.azureTtmCents)) azureDelta += sec(t, atM) - sec(t, atM12);
    if (inBand(t, atM)) m365Delta += protectedUsers(t, atM) - protectedUsers(t, atM12);
    // deployments: Azure TTM in the track's range, or in the band with ≥ the active share.
    const deployed = (p: number, total: number) =>
      inRange(total, depRange) || (inBand(t, p) && atLeastShare(protectedUsers(t, p), seatSum(t, p), shareN, shareD));
    const dNow = deployed(atM, ttmM);
    const dBase = deployed(atM12, ttmM12);
    if (dNow) depNow++;
    if (dBase) depBase++;
    verdicts?.set(t, { q: [qNow, qBase], dep: [dNow, dBase], ttmM, ttmM12 });
  }

  const netCustomerAdds = countMetric(ncaNow - ncaBase, s.netCustomerAdds.tracks[track]);
  const growthSum = add(divide(fromInteger(azureDelta), ug.centsPerPoint), divide(fromInteger(m365Delta), ug.usersPerPoint));
  const usageGrowth: MetricResult = {
    value: growthSum,
    points: clamp(growthSum, ZERO, s.usageGrowth.max),
    maxPoints: s.usageGrowth.maxPoints,
  };
  const deployments = countMetric(depNow - depBase, s.deployments);
  const intermediate = steppedSkilling(s.intermediateCertifications, track, people, rules, explain);
  const metrics = { netCustomerAdds, intermediateCertifications: intermediate.result, usageGrowth, deployments };
  if (!verdicts) return trackResult(track, metrics, null);

  const figures = (t: TenantUsage) => ({
    'security ACR M': usd(sec(t, atM)),
    'security ACR M-12': usd(sec(t, atM12)),
    'TTM(M) USD': usd(verdicts.get(t)?.ttmM ?? 0),
    'TTM(M-12) USD': usd(verdicts.get(t)?.ttmM12 ?? 0),
    'seats M': seats(t, atM),
    'seats M-12': seats(t, atM12),
    'protected M': protectedUsers(t, atM),
    'protected M-12': protectedUsers(t, atM12),
  });
  const hasSecurity = (t: TenantUsage) => {
    for (let p = 0; p < WINDOW; p++) if (sec(t, p) !== 0 || seats(t, p) !== 0) return true;
    return false;
  };
  const explanations = {
    netCustomerAdds: tenantMetric(
      facts,
      `${track}: ${ncaNow} qualifying tenants over TTM(M), ${ncaBase} over TTM(M-12)`,
      explainTenants(facts, usage, 'security', (t) => {
        const v = verdicts.get(t);
        return { counted: !!v && (v.q[0] || v.q[1]), eligible: hasSecurity(t), reason: 'below-floor', figures: figures(t) };
      }),
    ),
    intermediateCertifications: withTenantsNotApplicable(facts, intermediate.explanation),
    usageGrowth: tenantMetric(
      facts,
      `${track}: Azure delta ${usd(azureDelta)} USD, Microsoft 365 delta ${m365Delta} protected users`,
      explainTenants(facts, usage, 'security', (t) => {
        const v = verdicts.get(t);
        const azure = !!v && inRange(v.ttmM, ug.azureTtmCents);
        const m365 = inBand(t, atM);
        return {
          counted: azure || m365,
          eligible: hasSecurity(t),
          reason: seats(t, atM) > 0 ? 'outside-band' : 'outside-ttm-range',
          figures: figures(t),
        };
      }),
      { azureDeltaUsd: usd(azureDelta), m365DeltaUsers: m365Delta },
    ),
    deployments: tenantMetric(
      facts,
      `${track}: ${depNow} deployments in M, ${depBase} in M-12`,
      explainTenants(facts, usage, 'security', (t) => {
        const v = verdicts.get(t);
        return {
          counted: !!v && (v.dep[0] || v.dep[1]),
          eligible: hasSecurity(t),
          reason: inBand(t, atM) || inBand(t, atM12) ? 'below-ratio' : 'outside-ttm-range',
          figures: figures(t),
        };
      }),
    ),
  };
  return trackResult(track, metrics, explanations);
};

/** Security: both tracks, the higher total wins. */
export const scoreSecurity: AreaScorer = bothTracks(securityTrack);
