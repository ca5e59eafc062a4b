// Differential-testing oracle: a deliberately plain scorer written straight from
// ../shared/spec/scoring-contract.md and catalog-names.md (rules version 2026-05), WITHOUT looking at
// the engine in shared/domain/scoring. It takes the raw (already valid) JSON document, applies the
// contract's defaults itself, and returns the contract's output fields only.
//
// Rule numbers and lists are hardcoded here on purpose: this is a test oracle, and the
// no-literals rule applies to shared/domain/scoring only. Amounts are integer cents; points are
// plain floating-point numbers (compared with a tolerance by the tests).
//
// Readings chosen where the contract leaves room (see README-style notes in the report):
//  (A1) A CPOR record without its own cporActivity passes an activity rule when ANY association it
//       matched carries an allowed activity ("one matching association is enough").
//  (A2) Azure / Business Applications usage-growth `value` is the growth % whenever base ≠ 0, even
//       when points are 0 because of the TTM / baseline floor; null when base = 0.
//  (A3) Modern Work usage growth: on equal points the group listed first wins (as the contract says
//       for deployments); its user difference is the value.
//  (A4) A ratio Σ activeUsers / Σ paidSeats with Σ paidSeats = 0 is not a deployment.
//  (A5) Modern Work deployments' start-month exclusion looks at the ratio through g in the start
//       month only (the band is not re-checked there).

/* eslint-disable @typescript-eslint/no-explicit-any */
export type RawFacts = any;

export type Track = 'enterprise' | 'smb';
export interface RefMetric {
  value: number | null;
  points: number;
  maxPoints: number;
}
export interface RefArea {
  track: Track;
  trackTotals: Partial<Record<Track, number>>;
  metrics: Record<string, RefMetric>;
  total: number;
  qualifiesToday: boolean;
}
export interface RefScores {
  partnerId: string;
  asOf: string;
  rulesVersion: string;
  areas: Record<string, RefArea>;
}

// ---------------------------------------------------------------- names (catalog-names.md)

export const norm = (s: string): string => s.trim().toLowerCase();
const set = (names: string[]): Set<string> => new Set(names.map(norm));

export const RETIRED: Record<string, string> = {
  'Azure AI Engineer Associate': '2026-06-30',
  'Azure Data Scientist Associate': '2026-06-01',
  'Azure Developer Associate': '2026-07-31',
  'Power Platform Solution Architect Expert': '2026-06-30',
  'Dynamics 365 Field Service Functional Consultant Associate': '2026-06-30',
  'Power Platform Functional Consultant Associate': '2026-08-31',
  'Power Automate RPA Developer Associate': '2026-06-30',
  'Dynamics 365 Customer Experience Analyst Associate': '2026-07-31',
  'Dynamics 365 Supply Chain Management Functional Consultant Expert': '2026-06-30',
  'Dynamics 365 Finance and Operations Apps Solution Architect Expert': '2026-06-30',
  'Microsoft 365 Fundamentals': '2026-03-31',
  'Microsoft 365 Enterprise Administrator Expert': '2026-11-30',
  'Teams Meetings and Meeting Rooms Technical Assessment': '2026-06-15',
  'Azure Security Engineer Associate': '2026-08-31',
  'Information Protection Administrator Associate': '2025-05-31',
};
const RETIRED_N = new Map(Object.entries(RETIRED).map(([k, v]) => [norm(k), v]));

export const AZ_ADMIN = 'Azure Administrator Associate';
export const SOL_ARCH = 'Azure Solutions Architect Expert';
export const DATA_AI_FINAL = [
  'Azure Database Administrator Associate',
  'Azure AI Engineer Associate',
  'Azure Data Scientist Associate',
  'Power BI Data Analyst Associate',
  'Azure Cosmos DB Developer Specialty',
  'Fabric Analytics Engineer Associate',
  'Fabric Data Engineer Associate',
  'SQL AI Developer Associate',
  'Azure AI Apps and Agents Developer Associate',
  'Machine Learning Operations Engineer Associate',
  'Azure Databricks Data Engineer Associate',
];
export const INFRA_INT_FINAL = ['Azure Network Engineer Associate', 'Windows Server Hybrid Administrator Associate'];
export const INFRA_ADV_FINAL = ['Azure Virtual Desktop Specialty', 'Azure for SAP Workloads Specialty'];
export const DAI_INT_FINAL = [
  'Azure Developer Associate',
  'Power Platform Developer Associate',
  'Azure AI Cloud Developer Associate',
  'GitHub Certified: Agentic AI Developer',
];
export const DAI_ADV_FINAL = [
  'Azure DevOps Engineer Expert',
  'Power Platform Solution Architect Expert',
  'GitHub Actions',
  'GitHub Administration',
  'GitHub Advanced Security',
  'GitHub Copilot',
];
export const BA_INT = [
  'Dynamics 365 Finance Functional Consultant Associate',
  'Dynamics 365 Finance and Operations Apps Developer Associate',
  'Dynamics 365 Supply Chain Management Functional Consultant Associate',
  'Dynamics 365 Customer Service Functional Consultant Associate',
  'Dynamics 365 Field Service Functional Consultant Associate',
  'Dynamics 365 Business Central Functional Consultant Associate',
  'Power BI Data Analyst Associate',
  'Power Platform Functional Consultant Associate',
  'Power Platform Developer Associate',
  'Power Automate RPA Developer Associate',
  'Dynamics 365 Customer Experience Analyst Associate',
  'Dynamics 365 Sales AI Consultant',
  'Intelligent Applications Builder',
  'Dynamics 365 Contact Center AI Engineer',
];
export const BA_ADV = [
  'Dynamics 365 Supply Chain Management Functional Consultant Expert',
  'Dynamics 365 Finance and Operations Apps Solution Architect Expert',
  'Power Platform Solution Architect Expert',
  'Dynamics 365 Business Central Developer Associate',
  'Agentic AI Business Solutions Architect',
];
export const MW_INT = [
  'Microsoft 365 Fundamentals',
  'Teams Administrator Associate',
  'Identity and Access Administrator Associate',
  'Collaboration Communications Systems Engineer Associate',
  'Endpoint Administrator Associate',
  'Copilot and Agent Administration Fundamentals',
];
export const MW_ADV = ['Microsoft 365 Enterprise Administrator Expert', 'Teams Meetings and Meeting Rooms Technical Assessment'];
export const SEC_GATE1 = ['Azure Security Engineer Associate', 'Cloud and AI Security Engineer Associate'];
export const SEC_GATE2 = ['Security Operations Analyst Associate'];
export const SEC_FINAL = [
  'Cybersecurity Architect Expert',
  'Identity and Access Administrator Associate',
  'Information Protection Administrator Associate',
  'Information Security Administrator Associate',
];

export const VM_SERVICES = ['Virtual Machines', 'Virtual Machines Licenses'];
export const SECURITY_SERVICES = [
  'Application Gateway',
  'Azure AD B2C',
  'Azure AD for External Identities',
  'Azure Bastion',
  'Azure DDoS Protection',
  'Azure Firewall',
  'Azure Firewall Manager',
  'Azure Front Door Service',
  'Azure IoT Security',
  'Key Vault',
  'Microsoft Defender for Cloud',
  'Microsoft Entra',
  'Microsoft Entra Domain Services',
  'Microsoft Entra Verified ID',
  'Microsoft Purview',
  'Microsoft Security Copilot',
  'Sentinel',
];
export const MW_WORKLOADS = [
  'Exchange Online',
  'Intune',
  'M365 Copilot',
  'Microsoft 365 Apps',
  'Microsoft Entra ID P1',
  'SharePoint Online',
  'Teams',
  'Teams Apps',
  'Teams for Frontline Workers',
  'Teams Meetings',
  'Teams Phone',
  'Teams Phone calling',
  'Teams Phone Enabled Users',
  'Teams Premium',
  'Teams Rooms Monthly Active Devices',
  'Viva Connections',
  'Viva Engage',
  'Viva Goals',
  'Viva Insights',
  'Viva Learning',
  'Viva Topics',
  'Windows 365',
];
export const TEAMS_PREMIUM = 'Teams Premium';
export const SEC_WORKLOADS = [
  'Microsoft Entra ID P1',
  'Defender for Office 365',
  'Defender for Endpoint P2',
  'Defender for Identity',
  'Purview Information Protection',
  'Intune',
];
export const BA_NCA_WORKLOADS = [
  'AI Builder',
  'Business Central',
  'CE Bundle',
  'Commerce',
  'Contact Center',
  'Copilot Studio',
  'Copilot Studio PAYG',
  'Customer Insights',
  'Customer Service',
  'F&O Bundle',
  'Field Service',
  'Finance',
  'HR',
  'Intelligent Order Management',
  'Mixed Reality',
  'Omni Channel',
  'Power Apps',
  'Power Automate',
  'Power BI',
  'Power Pages',
  'Power Virtual Agent',
  'Project Operations',
  'Sales',
  'Supply Chain',
  'Non-workload specific (F&O)',
  'Non-workload specific (misc)',
];
/** Rate per active user, in tenths (Customer Insights 0.2 → 2) so MCV stays an integer ×10. */
export const RATE_TENTHS: Record<string, number> = {
  'Business Central': 10000,
  'Contact Center': 2000,
  'Common Data Service': 2000,
  'Core HR': 10000,
  'Customer Insights': 2,
  'Finance & Operations': 1000,
  Guides: 10000,
  Portals: 1000,
  'Power Apps': 2000,
  'Power Automate': 2000,
  'Power BI': 2000,
  'Remote Assist': 10000,
  Retail: 1000,
  'Talent Attract': 10000,
  'Talent Onboard': 10000,
};
export const ROLL_UPS: Record<string, string> = {
  Sales: 'Common Data Service',
  'Sales Insights': 'Common Data Service',
  'Customer Service': 'Common Data Service',
  'Field Service': 'Common Data Service',
  Finance: 'Finance & Operations',
  'Project Operations': 'Finance & Operations',
};
export const PAL_ONLY = ['Power Apps', 'Power Automate', 'Power BI', 'Portals', 'Customer Insights'];

const RATE_N = new Map(Object.entries(RATE_TENTHS).map(([k, v]) => [norm(k), v]));
const ROLL_N = new Map(Object.entries(ROLL_UPS).map(([k, v]) => [norm(k), norm(v)]));
const PAL_ONLY_N = set(PAL_ONLY);
const VM_N = set(VM_SERVICES);
const SEC_SERVICES_N = set(SECURITY_SERVICES);
const MW_N = set(MW_WORKLOADS);
const SEC_WL_N = set(SEC_WORKLOADS);
const BA_NCA_N = set(BA_NCA_WORKLOADS);
const TEAMS_PREMIUM_N = norm(TEAMS_PREMIUM);
const AZURE_AREAS = ['dataAi', 'infrastructure', 'digitalAppInnovation'];

// ---------------------------------------------------------------- calendar

function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
export function addMonths(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + k;
  const yy = Math.floor(idx / 12);
  const mm = idx - yy * 12 + 1;
  return `${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}`;
}
const firstDay = (month: string): string => `${month}-01`;
const lastDay = (month: string): string => `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
const plusOneYear = (date: string): string => `${String(Number(date.slice(0, 4)) + 1).padStart(4, '0')}${date.slice(4)}`;
const ttmMonths = (x: string): string[] => Array.from({ length: 12 }, (_, i) => addMonths(x, -i));

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
/**
 * Whole cents of an amount "as written": the rounding mode is not stated by the contract; the earlier
 * contract audit (test/unit/contract-audit/cents.test.ts) settled it as half a cent away from zero on
 * the decimal value (1.005 → 101, −1.005 → −101), so the oracle works on the shortest decimal string.
 */
export function cents(amount: number): number {
  const sign = amount < 0 ? -1 : 1;
  const text = String(Math.abs(amount));
  if (/e/i.test(text)) return sign * Math.round(Math.abs(amount) * 100) || 0;
  const [int = '0', frac = ''] = text.split('.');
  const digits = (frac + '000').slice(0, 3);
  let c = Number(int) * 100 + Number(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) c += 1;
  return sign * c || 0;
}

/** Optional branch trace, for coverage reports of the differential runs (not part of the scoring). */
export const trace = new Map<string, number>();
const hit = (k: string): void => {
  trace.set(k, (trace.get(k) ?? 0) + 1);
};

// ---------------------------------------------------------------- records and attribution

interface Rec {
  tenant: string;
  segment: string;
  kind: 'azure' | 'm365' | 'bizapps';
  month: string;
  name: string; // normalized service / workload
  cents: number; // acrUsd or revenueUsd
  paidSeats: number;
  activeUsers: number;
  offer: string;
  association: string;
  /** Activities this record can claim (its own, or else those of the associations it matched). */
  activities: Set<string>;
}

interface Cust {
  tenantId: string;
  segment: string;
  associations: any[] | null; // null = omitted
}

function attribute(cust: Cust, u: any): { ok: boolean; activities: Set<string> } {
  const own: string | undefined = u.association === 'CPOR' ? (u.cporActivity ?? undefined) : undefined;
  if (cust.associations === null) return { ok: true, activities: new Set(own ? [own] : []) };
  const first = firstDay(u.month);
  const last = lastDay(u.month);
  const recName = norm(u.kind === 'azure' ? u.service : u.workload);
  const matchedActs = new Set<string>();
  let ok = false;
  for (const a of cust.associations) {
    if (a.type !== u.association) continue;
    if (!(a.from <= last)) continue;
    if (a.to != null && !(a.to >= first)) continue;
    if (a.type === 'CPOR') {
      if (a.workload != null && norm(a.workload) !== recName) continue;
      if (own && a.cporActivity != null && a.cporActivity !== own) continue;
      if (a.cporActivity != null) matchedActs.add(a.cporActivity);
    }
    ok = true;
  }
  if (!ok) return { ok: false, activities: new Set() };
  if (u.association === 'CPOR' && !own && matchedActs.size > 1) hit('attribution: CPOR record without activity matched ≥ 2 activities');
  if (cust.associations.some((a: any) => a.type === u.association && a.to === first))
    hit('attribution: association `to` = first day of the month');
  if (cust.associations.some((a: any) => a.type === u.association && a.from === last))
    hit('attribution: association `from` = last day of the month');
  return { ok: true, activities: own ? new Set([own]) : matchedActs };
}

function collect(facts: RawFacts): { recs: Rec[]; custs: Cust[] } {
  const recs: Rec[] = [];
  const custs: Cust[] = [];
  for (const c of facts.customers ?? []) {
    if ((c.cloud ?? 'commercial') !== 'commercial') continue;
    const cust: Cust = { tenantId: c.tenantId, segment: c.segment ?? 'enterprise', associations: c.associations ?? null };
    custs.push(cust);
    for (const u of c.usage ?? []) {
      const att = attribute(cust, u);
      if (!att.ok) continue;
      recs.push({
        tenant: c.tenantId,
        segment: cust.segment,
        kind: u.kind,
        month: u.month,
        name: norm(u.kind === 'azure' ? u.service : u.workload),
        cents: u.kind === 'azure' ? cents(u.acrUsd) : u.kind === 'bizapps' ? cents(u.revenueUsd) : 0,
        paidSeats: u.paidSeats ?? 0,
        activeUsers: u.activeUsers ?? 0,
        offer: u.offer ?? 'standard',
        association: u.association,
        activities: att.activities,
      });
    }
  }
  return { recs, custs };
}

/** Sum by key, as a Map. */
function sumBy<T>(items: T[], key: (t: T) => string, val: (t: T) => number): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + val(it));
  return m;
}
const k2 = (a: string, b: string): string => `${a}\u0000${b}`;

// ---------------------------------------------------------------- people

function certCounts(cert: any, d: string): boolean {
  if (typeof cert.earned !== 'string' || !(cert.earned <= d)) return false;
  if (cert.expires != null && !(cert.expires > d)) return false;
  const r = RETIRED_N.get(norm(cert.name));
  if (r !== undefined) {
    if (!(cert.earned < r)) return false;
    if (!(d <= plusOneYear(r))) return false;
  }
  return true;
}

/** Number of distinct people counted on day d holding a certification of `names`. */
function countPeople(facts: RawFacts, d: string, names: string[]): number {
  const wanted = set(names);
  let n = 0;
  for (const p of facts.people ?? []) {
    if (!(p.linkedFrom <= d)) continue;
    if (p.linkedTo != null && !(p.linkedTo > d)) continue;
    if ((p.certifications ?? []).some((c: any) => wanted.has(norm(c.name)) && certCounts(c, d))) {
      n++;
      for (const c of p.certifications ?? []) {
        const r = RETIRED_N.get(norm(c.name));
        if (r !== undefined && wanted.has(norm(c.name)) && certCounts(c, d) && d === plusOneYear(r))
          hit('people: retired cert on its last day of grace');
      }
    } else if ((p.certifications ?? []).some((c: any) => wanted.has(norm(c.name)) && c.expires === d)) hit('people: cert expiring on D');
  }
  return n;
}

function metric(value: number | null, points: number, maxPoints: number): RefMetric {
  return { value, points: clamp(points, 0, maxPoints), maxPoints };
}

function stepGated(
  facts: RawFacts,
  d: string,
  track: Track,
  gates: string[][],
  final: string[],
  perPerson: number,
  max: number,
): RefMetric {
  const gateCounts = gates.map((g) => countPeople(facts, d, g));
  const finalPeople = countPeople(facts, d, final);
  let points = 0;
  if (gateCounts.every((c) => c >= 2) && finalPeople > 0) hit(`skilling: ${track} all gates met with final-step people`);
  if (track === 'smb' && gateCounts.some((c) => c >= 1) && !gateCounts.every((c) => c >= 1) && finalPeople > 0)
    hit('skilling: smb partial gates with final-step people');
  if (track === 'enterprise') {
    if (gateCounts.every((c) => c >= 2)) points = perPerson * finalPeople;
  } else {
    points = 4 * gateCounts.filter((c) => c >= 1).length;
    if (gateCounts.every((c) => c >= 1)) points += perPerson * finalPeople;
  }
  return metric(finalPeople, points, max);
}

function perPersonMetric(facts: RawFacts, d: string, names: string[], perPerson: number, max: number): RefMetric {
  const n = countPeople(facts, d, names);
  return metric(n, n * perPerson, max);
}

// ---------------------------------------------------------------- area assembly

const EPS = 1e-9;
function area(track: Track, trackTotals: Partial<Record<Track, number>>, metrics: Record<string, RefMetric>): RefArea {
  const total = Object.values(metrics).reduce((s, m) => s + m.points, 0);
  const qualifiesToday = total >= 70 - EPS && Object.values(metrics).every((m) => m.points > EPS);
  if (qualifiesToday) hit('qualifies today');
  if (total >= 70 - EPS && !qualifiesToday) hit('total ≥ 70 but a metric at 0');
  if (Math.abs(total - 70) <= EPS) hit('total exactly 70');
  return { track, trackTotals, metrics, total, qualifiesToday };
}
const totalOf = (metrics: Record<string, RefMetric>): number => Object.values(metrics).reduce((s, m) => s + m.points, 0);
const ORDER = ['netCustomerAdds', 'intermediateCertifications', 'advancedCertifications', 'usageGrowth', 'deployments'];
function ordered(m: Record<string, RefMetric>): Record<string, RefMetric> {
  const o: Record<string, RefMetric> = {};
  for (const k of ORDER) if (m[k]) o[k] = m[k];
  return o;
}
/** Both tracks computed, higher total wins, tie → enterprise. */
function bestOf(ent: Record<string, RefMetric>, smb: Record<string, RefMetric>): RefArea {
  const te = totalOf(ent);
  const ts = totalOf(smb);
  const track: Track = ts > te + EPS ? 'smb' : 'enterprise';
  if (Math.abs(ts - te) <= EPS && ts > 0) hit('best-of: tie with points (→ enterprise)');
  return area(track, { enterprise: te, smb: ts }, ordered(track === 'enterprise' ? ent : smb));
}

// ---------------------------------------------------------------- Azure areas

function azureAreas(facts: RawFacts, recs: Rec[], M: string, d: string): Record<string, RefArea> {
  const elig = recs.filter(
    (r) => r.kind === 'azure' && r.offer === 'standard' && ['CSP_T1', 'CSP_T2', 'DPOR', 'PAL'].includes(r.association),
  );
  const acr = sumBy(
    elig,
    (r) => k2(r.tenant, r.month),
    (r) => r.cents,
  );
  const ACR = (t: string, m: string): number => acr.get(k2(t, m)) ?? 0;
  const tenants = [...new Set(elig.map((r) => r.tenant))];
  const segment = new Map(elig.map((r) => [r.tenant, r.segment]));

  // Track
  let track: Track;
  const enrolledAzure = (facts.enrollment?.areas ?? []).some((a: string) => AZURE_AREAS.includes(a));
  const frozen = facts.enrollment?.azureTrack ?? null;
  if (enrolledAzure && frozen != null) {
    track = frozen;
    hit(`azure: frozen track ${frozen}`);
  } else {
    const active = tenants.filter((t) => ACR(t, M) > 0);
    const smb = active.filter((t) => segment.get(t) === 'smb').length;
    if (active.length > 0 && smb * 5 === active.length * 4) hit('azure: exactly 80 % smb tenants');
    track = active.length > 0 && smb * 5 >= active.length * 4 ? 'smb' : 'enterprise';
  }

  // netCustomerAdds
  const F = track === 'enterprise' ? 100000 : 50000;
  const S = (x: string): number => tenants.filter((t) => ACR(t, x) >= F || ACR(t, addMonths(x, -1)) >= F).length;
  const nca = S(M) - S(addMonths(M, -12));
  const netCustomerAdds = metric(nca, nca * 10, 30);

  // usageGrowth
  const total = (m: string): number => elig.filter((r) => r.month === m).reduce((s, r) => s + r.cents, 0);
  const cur = total(M);
  const base = total(addMonths(M, -12));
  const ttm = ttmMonths(M).reduce((s, m) => s + total(m), 0);
  const ugValue: number | null = base === 0 ? null : ((cur - base) / base) * 100;
  let ugPoints: number;
  if (ttm < 100000 && base !== 0) hit('azure: TTM below 1,000 with a base');
  if (ttm >= 100000 && base < 0) hit('azure: negative base (credits) with TTM ≥ 1,000');
  if (ttm >= 100000 && base === 0 && cur > 0) hit('azure: base 0, full points');
  if (tenants.some((t) => ACR(t, M) === F || ACR(t, addMonths(M, -1)) === F)) hit('azure: tenant exactly at the NCA floor');
  if (ttm < 100000) ugPoints = 0;
  else if (base === 0) ugPoints = cur > 0 ? 20 : 0;
  else ugPoints = ugValue as number;
  const usageGrowth = metric(ugValue, ugPoints, 20);

  // deployments
  const ttmSet = new Set(ttmMonths(M));
  const perService = sumBy(
    elig.filter((r) => ttmSet.has(r.month) && !VM_N.has(r.name)),
    (r) => r.name,
    (r) => r.cents,
  );
  const services = [...perService.values()].filter((v) => v > 0).length;
  if ([...perService.values()].some((v) => v <= 0)) hit('azure: a service with TTM ACR ≤ 0 (credits)');
  const deployments = metric(services, services * 2, 10);

  const common = { netCustomerAdds, usageGrowth, deployments };
  const totals = (m: Record<string, RefMetric>): RefArea => area(track, { [track]: totalOf(m) }, ordered(m));
  return {
    dataAi: totals({
      ...common,
      intermediateCertifications: stepGated(facts, d, track, [[AZ_ADMIN], [SOL_ARCH]], DATA_AI_FINAL, 4, 40),
    }),
    infrastructure: totals({
      ...common,
      intermediateCertifications: stepGated(facts, d, track, [[AZ_ADMIN]], INFRA_INT_FINAL, 4, 20),
      advancedCertifications: stepGated(facts, d, track, [[SOL_ARCH]], INFRA_ADV_FINAL, 4, 20),
    }),
    digitalAppInnovation: totals({
      ...common,
      intermediateCertifications: stepGated(facts, d, track, [[AZ_ADMIN]], DAI_INT_FINAL, 4, 20),
      advancedCertifications: stepGated(facts, d, track, [[SOL_ARCH]], DAI_ADV_FINAL, 4, 20),
    }),
  };
}

// ---------------------------------------------------------------- Business Applications

function businessApplications(facts: RawFacts, recs: Rec[], M: string, d: string): RefArea {
  const M12 = addMonths(M, -12);
  const ba = recs.filter((r) => r.kind === 'bizapps');

  // Track: any association type, NCA-list workloads, revenue > 5,000 in both M and M−12.
  const rev = sumBy(
    ba.filter((r) => BA_NCA_N.has(r.name)),
    (r) => `${k2(r.tenant, r.name)}\u0000${r.month}`,
    (r) => r.cents,
  );
  const pairs = [...new Set(ba.filter((r) => BA_NCA_N.has(r.name)).map((r) => k2(r.tenant, r.name)))];
  const big = pairs.filter((p) => (rev.get(`${p}\u0000${M}`) ?? 0) > 500000 && (rev.get(`${p}\u0000${M12}`) ?? 0) > 500000).length;
  const track: Track = big >= 5 ? 'enterprise' : 'smb';
  if (big >= 5) hit('ba: enterprise track');
  if (big === 4) hit('ba: 4 big pairs (smb)');

  // netCustomerAdds
  const ncaEligible = ba.filter(
    (r) =>
      BA_NCA_N.has(r.name) &&
      (['CSP_T1', 'CSP_T2', 'DPOR'].includes(r.association) ||
        (r.association === 'CPOR' && ['revrec', 'osa', 'revrec-performance'].some((a) => r.activities.has(a)))),
  );
  const ncaRev = sumBy(
    ncaEligible,
    (r) => `${k2(r.tenant, r.name)}\u0000${r.month}`,
    (r) => r.cents,
  );
  const floor = track === 'enterprise' ? 150000 : 25000;
  const P = (x: string): number => [...ncaRev.entries()].filter(([k, v]) => k.endsWith(`\u0000${x}`) && v >= floor).length;
  const nca = P(M) - P(M12);
  const netCustomerAdds = metric(nca, nca * 3, 15);

  // MCV (×10)
  const mcvRecs = ba
    .map((r) => ({ r, w: ROLL_N.get(r.name) ?? r.name }))
    .filter(({ r, w }) => {
      if (!RATE_N.has(w)) return false;
      if (PAL_ONLY_N.has(w)) return r.association === 'PAL';
      return ['CSP_T1', 'CSP_T2', 'DPOR'].includes(r.association) || (r.association === 'CPOR' && r.activities.has('osu'));
    });
  const mcv = sumBy(
    mcvRecs,
    ({ r, w }) => `${k2(r.tenant, w)}\u0000${r.month}`,
    ({ r, w }) => r.activeUsers * (RATE_N.get(w) as number),
  );
  const mcvTotal = (x: string): number => [...mcv.entries()].filter(([k]) => k.endsWith(`\u0000${x}`)).reduce((s, [, v]) => s + v, 0) / 10;

  const base = mcvTotal(M12);
  const cur = mcvTotal(M);
  const ugValue = base === 0 ? null : ((cur - base) / base) * 100;
  const ugFloor = track === 'enterprise' ? 50000 : 25000;
  const ugPoints = base < ugFloor ? 0 : (ugValue as number);
  if (base >= ugFloor) hit(`ba: usage growth scored (${track})`);
  if (base === ugFloor) hit('ba: baseline exactly at the floor');
  if (mcvRecs.some(({ r, w }) => w !== r.name)) hit('ba: roll-up workload counted');
  if (ba.some((r) => PAL_ONLY_N.has(ROLL_N.get(r.name) ?? r.name) && r.association !== 'PAL'))
    hit('ba: PAL-only workload through another association');
  if (ba.some((r) => r.association === 'CPOR' && r.activities.size === 0)) hit('ba: CPOR record with no activity');
  const usageGrowth = metric(ugValue, ugPoints, 30);

  const depFloor10 = (track === 'enterprise' ? 10000 : 5000) * 10;
  const D = (x: string): number => [...mcv.entries()].filter(([k, v]) => k.endsWith(`\u0000${x}`) && v >= depFloor10).length;
  const dep = D(M) - D(M12);
  const deployments = metric(dep, dep * 4, 20);

  const intermediateCertifications =
    track === 'enterprise' ? perPersonMetric(facts, d, BA_INT, 1, 20) : perPersonMetric(facts, d, BA_INT, 4, 20);
  const advancedCertifications =
    track === 'enterprise' ? perPersonMetric(facts, d, BA_ADV, 15 / 7, 15) : perPersonMetric(facts, d, BA_ADV, 7.5, 15);

  const m = ordered({ netCustomerAdds, intermediateCertifications, advancedCertifications, usageGrowth, deployments });
  return area(track, { [track]: totalOf(m) }, m);
}

// ---------------------------------------------------------------- Modern Work

function modernWork(facts: RawFacts, recs: Rec[], custs: Cust[], M: string, d: string): RefArea {
  const M12 = addMonths(M, -12);
  const elig = recs.filter((r) => r.kind === 'm365' && MW_N.has(r.name));
  const tenants = custs.map((c) => c.tenantId);

  const seatsOf = (t: string, x: string, withPremium: boolean): number | null => {
    let s: number | null = null;
    for (const r of elig) {
      if (r.tenant !== t || r.month !== x) continue;
      if (!withPremium && r.name === TEAMS_PREMIUM_N) continue;
      s = Math.max(s ?? 0, r.paidSeats);
    }
    return s;
  };
  const inBand = (track: Track, seats: number | null): boolean =>
    seats !== null && (track === 'enterprise' ? seats > 300 : seats >= 11 && seats <= 300);

  const groups: Record<Track, { types: string[]; target: number; perDep: number }[]> = {
    enterprise: [
      { types: ['CPOR'], target: 1000, perDep: 5 },
      { types: ['DPOR'], target: 4000, perDep: 2.5 },
    ],
    smb: [
      { types: ['CPOR'], target: 500, perDep: 5 },
      { types: ['CSP_T1', 'CSP_T2'], target: 2000, perDep: 2.5 },
    ],
  };

  /** Earliest `from` among the tenant's associations of a type in g (CPOR: naming an MW workload or none). */
  const startOf = (c: Cust, types: string[]): string | null => {
    if (c.associations === null) return null;
    let start: string | null = null;
    for (const a of c.associations) {
      if (!types.includes(a.type)) continue;
      if (a.type === 'CPOR' && a.workload != null && !MW_N.has(norm(a.workload))) continue;
      if (start === null || a.from < start) start = a.from;
    }
    return start;
  };

  const score = (track: Track): Record<string, RefMetric> => {
    // netCustomerAdds
    const ncaTypes = track === 'enterprise' ? ['CPOR', 'DPOR'] : ['CPOR', 'CSP_T1', 'CSP_T2'];
    const N = (x: string): number =>
      tenants.filter(
        (t) =>
          inBand(track, seatsOf(t, x, false)) &&
          elig.some((r) => r.tenant === t && r.month === x && r.name !== TEAMS_PREMIUM_N && ncaTypes.includes(r.association)),
      ).length;
    const nca = N(M) - N(M12);
    const netCustomerAdds = metric(nca, nca * (track === 'enterprise' ? 4 : 2), 20);

    // usageGrowth and deployments per group
    const users = (t: string, x: string, types: string[]): number =>
      inBand(track, seatsOf(t, x, true))
        ? elig.filter((r) => r.tenant === t && r.month === x && types.includes(r.association)).reduce((s, r) => s + r.activeUsers, 0)
        : 0;
    const ratioAtLeast = (t: string, x: string, types: string[], ratio: number): boolean => {
      const rs = elig.filter((r) => r.tenant === t && r.month === x && types.includes(r.association));
      const a = rs.reduce((s, r) => s + r.activeUsers, 0);
      const p = rs.reduce((s, r) => s + r.paidSeats, 0);
      if (p > 0 && a * 100 === ratio * 100 * p) hit(`ratio exactly ${ratio}`);
      if (p === 0 && a > 0) hit('mw: active users with 0 paid seats');
      return p > 0 && a >= ratio * p - 1e-9; // ≥ 0.40 inclusive (A4: no seats → no ratio)
    };
    const ttmFirst = firstDay(addMonths(M, -11));
    const ttmLast = lastDay(M);

    let bestUg: { value: number; points: number } | null = null;
    let bestDep: { value: number; points: number } | null = null;
    for (const g of groups[track]) {
      let value = 0;
      for (const c of custs) {
        const t = c.tenantId;
        const start = startOf(c, g.types);
        const baseline = start !== null && start > firstDay(M12) ? users(t, start.slice(0, 7), g.types) : users(t, M12, g.types);
        if (start !== null && start > firstDay(M12) && baseline !== 0) hit('mw: baseline from the start month (≠ 0)');
        if (start !== null && start > lastDay(M)) hit('mw: start after M');
        if (start === firstDay(M12)) hit('mw: start exactly on the first day of M−12');
        value += users(t, M, g.types) - baseline;
      }
      const points = clamp((value * 30) / g.target, 0, 30);
      if (bestUg !== null && Math.abs(points - bestUg.points) <= EPS && value !== bestUg.value)
        hit('mw: usage-growth tie with different values');
      if (bestUg === null || points > bestUg.points + EPS) bestUg = { value, points };

      const Dep = (x: string): number =>
        custs.filter((c) => {
          const t = c.tenantId;
          if (!inBand(track, seatsOf(t, x, true)) || !ratioAtLeast(t, x, g.types, 0.4)) return false;
          const start = startOf(c, g.types);
          if (start !== null && start >= ttmFirst && start <= ttmLast && ratioAtLeast(t, start.slice(0, 7), g.types, 0.4)) {
            hit('mw: deployment left out (already at 0.40 in the start month)');
            return false;
          }
          return true;
        }).length;
      const dv = Dep(M) - Dep(M12);
      const dp = clamp(dv * g.perDep, 0, 25);
      if (bestDep !== null && Math.abs(dp - bestDep.points) <= EPS && dv !== bestDep.value)
        hit('mw: deployments tie with different values');
      if (bestDep === null || dp > bestDep.points + EPS) bestDep = { value: dv, points: dp };
    }
    const usageGrowth = metric(bestUg!.value, bestUg!.points, 30);
    const deployments = metric(bestDep!.value, bestDep!.points, 25);

    const intermediateCertifications = perPersonMetric(facts, d, MW_INT, track === 'enterprise' ? 2.5 : 5, 10);
    const advancedCertifications = perPersonMetric(facts, d, MW_ADV, track === 'enterprise' ? 7.5 : 15, 15);
    return ordered({ netCustomerAdds, intermediateCertifications, advancedCertifications, usageGrowth, deployments });
  };
  if (elig.some((r) => r.name === TEAMS_PREMIUM_N && r.paidSeats > (seatsOf(r.tenant, r.month, false) ?? -1)))
    hit('mw: Teams Premium sets the band');
  return bestOf(score('enterprise'), score('smb'));
}

// ---------------------------------------------------------------- Security

function security(facts: RawFacts, recs: Rec[], custs: Cust[], M: string, d: string): RefArea {
  const M12 = addMonths(M, -12);
  const az = recs.filter(
    (r) =>
      r.kind === 'azure' && r.offer === 'standard' && SEC_SERVICES_N.has(r.name) && ['PAL', 'CSP_T1', 'CSP_T2'].includes(r.association),
  );
  const m365 = recs.filter((r) => r.kind === 'm365' && SEC_WL_N.has(r.name) && ['CPOR', 'CSP_T1', 'CSP_T2'].includes(r.association));
  const secMap = sumBy(
    az,
    (r) => k2(r.tenant, r.month),
    (r) => r.cents,
  );
  const sec = (t: string, x: string): number => secMap.get(k2(t, x)) ?? 0;
  const ttm = (t: string, x: string): number => ttmMonths(x).reduce((s, m) => s + sec(t, m), 0);
  const seats = (t: string, x: string): number | null => {
    let s: number | null = null;
    for (const r of m365) if (r.tenant === t && r.month === x) s = Math.max(s ?? 0, r.paidSeats);
    return s;
  };
  const protectedUsers = (t: string, x: string): number =>
    m365.filter((r) => r.tenant === t && r.month === x).reduce((s, r) => s + r.activeUsers, 0);
  const paid = (t: string, x: string): number => m365.filter((r) => r.tenant === t && r.month === x).reduce((s, r) => s + r.paidSeats, 0);
  const tenants = custs.map((c) => c.tenantId);

  const score = (track: Track): Record<string, RefMetric> => {
    const inBand = (t: string, x: string): boolean => {
      const s = seats(t, x);
      return s !== null && (track === 'enterprise' ? s > 300 : s >= 5 && s <= 300);
    };
    if (tenants.some((t) => ttm(t, M) === 60000)) hit('security: ttm exactly 600');
    if (tenants.some((t) => ttm(t, M) < 60000 && !inBand(t, M) && ttmMonths(M).some((m) => inBand(t, m))))
      hit('security: band only earlier in TTM');
    const Q = (x: string): number => tenants.filter((t) => ttm(t, x) >= 60000 || ttmMonths(x).some((m) => inBand(t, m))).length;
    const nca = Q(M) - Q(M12);
    const netCustomerAdds = metric(nca, nca * (track === 'enterprise' ? 2 : 4), 20);

    let azureDelta = 0;
    let m365Delta = 0;
    for (const t of tenants) {
      const tt = ttm(t, M);
      if (track === 'enterprise' ? tt > 1200000 : tt > 0 && tt <= 1200000) azureDelta += sec(t, M) - sec(t, M12);
      if (inBand(t, M)) m365Delta += protectedUsers(t, M) - protectedUsers(t, M12);
    }
    const ugValue = track === 'enterprise' ? azureDelta / 100 / 1250 + m365Delta / 125 : azureDelta / 100 / 750 + m365Delta / 50;
    const usageGrowth = metric(ugValue, ugValue, 20);
    if (azureDelta !== 0 && m365Delta !== 0) hit(`security: both usage deltas (${track})`);

    const Dep = (x: string): number =>
      tenants.filter((t) => {
        const tt = ttm(t, x);
        if (track === 'enterprise' ? tt > 1200000 : tt >= 75000 && tt <= 1200000) return true;
        const p = paid(t, x);
        if (inBand(t, x) && p > 0 && protectedUsers(t, x) * 100 === 15 * p) hit('ratio exactly 0.15');
        return inBand(t, x) && p > 0 && protectedUsers(t, x) >= 0.15 * p - 1e-9;
      }).length;
    const dep = Dep(M) - Dep(M12);
    const deployments = metric(dep, (dep * 20) / 6, 20);

    const intermediateCertifications = stepGated(
      facts,
      d,
      track,
      [SEC_GATE1, SEC_GATE2],
      SEC_FINAL,
      track === 'enterprise' ? 40 / 6 : 8,
      40,
    );
    return ordered({ netCustomerAdds, intermediateCertifications, usageGrowth, deployments });
  };
  return bestOf(score('enterprise'), score('smb'));
}

// ---------------------------------------------------------------- entry

export function referenceScore(facts: RawFacts, asOfOverride?: string): RefScores {
  const d: string = asOfOverride ?? facts.asOf;
  const M = addMonths(d.slice(0, 7), -1);
  const { recs, custs } = collect(facts);
  const azure = azureAreas(facts, recs, M, d);
  return {
    partnerId: facts.partnerId,
    asOf: d,
    rulesVersion: '2026-05',
    areas: {
      dataAi: azure.dataAi!,
      infrastructure: azure.infrastructure!,
      digitalAppInnovation: azure.digitalAppInnovation!,
      businessApplications: businessApplications(facts, recs, M, d),
      modernWork: modernWork(facts, recs, custs, M, d),
      security: security(facts, recs, custs, M, d),
    },
  };
}
