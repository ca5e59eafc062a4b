// Generates the sample export drops in samples/exports/ and the demo's lift change in
// samples/changes/. Run: npx tsx samples/generate.ts (the output is committed; re-running rewrites it
// identically). Today is 2026-11-21: M = 2026-10, M−12 = 2025-10; usage covers 2024-10 … 2026-10
// (25 months) so TTM(M−12) and every baseline are present.
//
// Six partners (expected totals worked out by hand from the scoring contract — see docs/export-formats.md, "Samples"):
//   4100001 Contoso Cloud Partners  Azure, enterprise track: Infrastructure ≈ 96 (qualified), Data & AI ≈ 68
//   4100002 Fabrikam Workplace      Modern Work, smb: ≈ 84, enrolled, anniversary 2026-12-10 (renewal due)
//   4100003 Northwind Dynamics      Business Applications, smb: 65 → 72.5 with samples/changes/lift-4100003.json
//   4100004 Adatum Secure           Security, smb: ≈ 43, enrolled (anniversary 2027-04-15) — at risk
//   4100005 Litware Apps            Digital & App Innovation, smb track: ≈ 84 (qualified); people as a snapshot
//   4100006 Tailspin Data           Data & AI, enrolled with the track frozen to enterprise: ≈ 74; invalid rows
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const OBSERVED = '2026-11-20T06:00:00Z';

type Cell = string | number | boolean | null | undefined;
type Row = Record<string, Cell>;

// ---------------------------------------------------------------------------------------------
// Months: index 0 = 2024-10 … index 24 = 2026-10 (M). Index 12 = 2025-10 (M−12).
const MONTHS = Array.from({ length: 25 }, (_, i) => {
  const n = 2024 * 12 + 9 + i;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
});
const monthAt = (i: number): string => MONTHS[i] ?? '';
const round2 = (x: number) => Math.round(x * 100) / 100;

const associations: Row[] = [];
const azure: Row[] = [];
const m365: Row[] = [];
const bizapps: Row[] = [];
const people: Row[] = [];
const certifications: Row[] = [];
const litwarePeople: Row[] = [];

function association(partnerId: string, tenantId: string, type: string, from: string, extra: Row = {}): void {
  associations.push({ partnerId, tenantId, type, workload: null, cporActivity: null, from, to: null, segment: null, cloud: null, deleted: null, observedAt: OBSERVED, ...extra });
}

/** Azure ACR per month for one tenant, split across services by share. */
function azureUsage(partnerId: string, tenantId: string, assoc: string, firstIndex: number, acr: (i: number) => number, shares: Record<string, number>): void {
  for (let i = firstIndex; i < MONTHS.length; i++) {
    for (const [service, share] of Object.entries(shares)) {
      azure.push({ partnerId, tenantId, month: monthAt(i), service, offer: 'standard', association: assoc, acrUsd: round2(acr(i) * share), observedAt: OBSERVED });
    }
  }
}

function person(partnerId: string, personId: string, linkedFrom: string, certs: Array<[name: string, earned: string, expires?: string | null]>, linkedTo: string | null = null, target = people): void {
  target.push({ partnerId, personId, linkedFrom, linkedTo, observedAt: OBSERVED });
  for (const [name, earned, expires] of certs) {
    certifications.push({ fact: 'certification', partnerId, personId, name, earned, expires: expires ?? null, observedAt: OBSERVED });
  }
}

// ---------------------------------------------------------------------------------------------
// 4100001 Contoso — Azure, enterprise. S(M−12) = 3 tenants ≥ $1,000, S(M) = 6 → +3 → 30.
// ACR(M−12) = 3 × 4,200 = 12,600; ACR(M) = 3 × 4,800 + 3 × 1,470 = 18,810 → +49 % → 20.
// Non-VM services with TTM ACR: AKS, Azure Monitor, Azure SQL Database, Storage, Azure Backup → 10.
{
  const P = '4100001';
  const existing = (i: number) => 3600 + 50 * i;
  const fresh = (i: number) => 1200 + 30 * (i - 15);
  association(P, 'c0a1e7d2-0001-4c1e-9a11-000000000001', 'PAL', '2023-05-01', { segment: 'enterprise' });
  association(P, 'c0a1e7d2-0001-4c1e-9a11-000000000002', 'CSP_T1', '2022-01-01', { segment: 'enterprise' });
  association(P, 'c0a1e7d2-0001-4c1e-9a11-000000000002', 'CSP_T2', '2020-01-01', { to: '2021-12-31' });
  association(P, 'c0a1e7d2-0001-4c1e-9a11-000000000003', 'DPOR', '2024-02-01', { segment: 'enterprise' });
  // An association that ended for good: written as an explicit deletion row.
  association(P, 'c0a1e7d2-0001-4c1e-9a11-000000000003', 'PAL', '2021-01-01', { deleted: true });
  for (const n of [4, 5, 6]) association(P, `c0a1e7d2-0001-4c1e-9a11-00000000000${n}`, 'CSP_T1', '2025-12-15', { segment: 'enterprise' });
  azureUsage(P, 'c0a1e7d2-0001-4c1e-9a11-000000000001', 'PAL', 0, existing, { 'Azure Kubernetes Service': 0.6, 'Azure Monitor': 0.1, 'Virtual Machines': 0.3 });
  azureUsage(P, 'c0a1e7d2-0001-4c1e-9a11-000000000002', 'CSP_T1', 0, existing, { 'Azure SQL Database': 0.7, Storage: 0.3 });
  azureUsage(P, 'c0a1e7d2-0001-4c1e-9a11-000000000003', 'DPOR', 0, existing, { 'Azure Backup': 0.4, 'Virtual Machines': 0.6 });
  azureUsage(P, 'c0a1e7d2-0001-4c1e-9a11-000000000004', 'CSP_T1', 15, fresh, { 'Azure Kubernetes Service': 0.7, Storage: 0.3 });
  azureUsage(P, 'c0a1e7d2-0001-4c1e-9a11-000000000005', 'CSP_T1', 15, fresh, { 'Azure SQL Database': 1 });
  azureUsage(P, 'c0a1e7d2-0001-4c1e-9a11-000000000006', 'CSP_T1', 15, fresh, { 'Azure Monitor': 1 });
  // A trial offer: not eligible anywhere (counts for nothing).
  azure.push({ partnerId: P, tenantId: 'c0a1e7d2-0001-4c1e-9a11-000000000001', month: '2026-10', service: 'Azure OpenAI', offer: 'trial', association: 'PAL', acrUsd: 50, observedAt: OBSERVED });

  const admin = 'Azure Administrator Associate';
  const architect = 'Azure Solutions Architect Expert';
  person(P, 'c-01', '2023-01-09', [[admin, '2024-03-02', '2027-03-02']]);
  person(P, 'c-02', '2023-01-09', [[admin, '2025-05-20', '2026-11-30'], ['Azure Network Engineer Associate', '2025-06-01', '2026-12-01']]);
  person(P, 'c-03', '2024-04-15', [[admin, '2025-11-11', '2026-11-11'], [admin, '2026-11-05', '2027-11-05']]); // renewed
  person(P, 'c-04', '2022-06-01', [[architect, '2024-09-30', '2026-12-30']]);
  person(P, 'c-05', '2023-02-01', [[architect, '2025-02-14', '2027-02-14']]);
  person(P, 'c-06', '2024-01-10', [['Azure Network Engineer Associate', '2025-08-08', '2026-08-08'], ['Azure Network Engineer Associate', '2026-08-01', '2027-08-01']]);
  person(P, 'c-07', '2024-01-10', [['Azure Network Engineer Associate', '2025-10-10', '2026-12-10']]);
  person(P, 'c-08', '2025-03-01', [['Windows Server Hybrid Administrator Associate', '2025-04-04', '2027-04-04']]);
  person(P, 'c-09', '2025-03-01', [['Windows Server Hybrid Administrator Associate', '2026-02-02', '2027-02-02']]);
  person(P, 'c-10', '2025-07-01', [['Azure Virtual Desktop Specialty', '2025-07-15', '2027-07-15']]);
  person(P, 'c-11', '2025-07-01', [['Azure Virtual Desktop Specialty', '2026-01-20', '2027-01-20']]);
  person(P, 'c-12', '2025-07-01', [['Azure Virtual Desktop Specialty', '2026-03-03', '2027-03-03']]);
  person(P, 'c-13', '2025-09-01', [['Azure for SAP Workloads Specialty', '2026-04-22', '2027-04-22']]);
  person(P, 'c-14', '2024-05-01', [['Azure Database Administrator Associate', '2025-12-12', '2026-12-12']]);
  person(P, 'c-15', '2024-05-01', [['Fabric Data Engineer Associate', '2026-06-30', '2027-06-30']]);
  person(P, 'c-16', '2024-05-01', [['Azure Developer Associate', '2025-03-01', '2026-03-01'], ['Azure Developer Associate', '2026-02-25', '2027-02-25']]);
  // Left the company: unlinked, so none of their certifications count.
  person(P, 'c-17', '2023-01-09', [['Azure Network Engineer Associate', '2025-01-15', '2027-01-15']], '2026-06-30');
}

// ---------------------------------------------------------------------------------------------
// 4100005 Litware — Azure, smb (6 of 7 tenants with ACR in M are smb = 86 % ≥ 80 %). Floor $500:
// S(M−12) = 2, S(M) = 5 → +3 → 30. ACR 2,080 → 4,040 → +94 % → 20. Five services → 10.
// Digital & App Innovation smb skilling: 4 + 2 × 4 = 12 (intermediate), 4 + 2 × 4 = 12 (advanced).
{
  const P = '4100005';
  const t = (n: number) => `71e2b0aa-5555-4e0b-8c55-00000000000${n}`;
  association(P, t(1), 'PAL', '2023-03-01', { segment: 'smb' });
  association(P, t(2), 'PAL', '2023-09-01', { segment: 'smb' });
  for (const n of [3, 4, 5]) association(P, t(n), 'CSP_T2', '2026-01-20', { segment: 'smb' });
  association(P, t(6), 'CSP_T1', '2024-06-01', { segment: 'smb' });
  association(P, t(7), 'PAL', '2024-02-01', { segment: 'enterprise' });
  azureUsage(P, t(1), 'PAL', 0, (i) => 800 + 10 * i, { 'App Service': 0.5, 'Azure Functions': 0.2, 'Azure Cosmos DB': 0.3 });
  azureUsage(P, t(2), 'PAL', 0, (i) => 600 + 5 * i, { 'App Service': 0.6, 'API Management': 0.4 });
  for (const n of [3, 4, 5]) azureUsage(P, t(n), 'CSP_T2', 16, (i) => 550 + 5 * (i - 16), { 'Azure Container Apps': 0.7, 'Azure Functions': 0.3 });
  azureUsage(P, t(6), 'CSP_T1', 0, () => 300, { 'App Service': 1 });
  azureUsage(P, t(7), 'PAL', 0, () => 200, { 'Virtual Machines': 1 });
  // People come as a full snapshot of the partner's people (samples/exports/people-4100005.snapshot.ndjson).
  person(P, 'l-01', '2024-01-08', [['Azure Administrator Associate', '2025-06-06', '2027-06-06']], null, litwarePeople);
  person(P, 'l-02', '2024-01-08', [['Azure Solutions Architect Expert', '2025-10-01', '2027-10-01']], null, litwarePeople);
  person(P, 'l-03', '2024-09-16', [['Power Platform Developer Associate', '2026-01-15', '2027-01-15']], null, litwarePeople);
  person(P, 'l-04', '2025-02-03', [['GitHub Certified: Agentic AI Developer', '2026-05-05', null]], null, litwarePeople);
  person(P, 'l-05', '2025-02-03', [['GitHub Copilot', '2025-12-01', '2027-12-01']], null, litwarePeople);
  person(P, 'l-06', '2025-05-12', [['GitHub Actions', '2026-07-07', '2029-07-07']], null, litwarePeople);
}

// ---------------------------------------------------------------------------------------------
// 4100006 Tailspin — Data & AI, enrolled with azureTrack frozen to enterprise (its tenants are smb,
// so unfrozen it would classify smb). Floor $1,000: S(M−12) = 2, S(M) = 4 → +2 → 20.
// ACR 3,540 → 6,220 → +76 % → 20. Five services → 10. Skilling: gates 2 + 2, 6 final people → 24. ≈ 74.
{
  const P = '4100006';
  const t = (n: number) => `d47a11ed-6666-4f6f-b666-00000000000${n}`;
  association(P, t(1), 'PAL', '2022-11-01', { segment: 'smb' });
  association(P, t(2), 'PAL', '2023-04-01', { segment: 'smb' });
  association(P, t(3), 'CSP_T1', '2026-03-01', { segment: 'smb' });
  association(P, t(4), 'CSP_T1', '2026-03-01', { segment: 'smb' });
  azureUsage(P, t(1), 'PAL', 0, (i) => 1900 + 10 * i, { 'Azure Synapse Analytics': 0.5, 'Azure Data Factory': 0.2, 'Azure Databricks': 0.3 });
  azureUsage(P, t(2), 'PAL', 0, (i) => 1400 + 10 * i, { 'Azure Machine Learning': 0.6, 'Azure Cosmos DB': 0.4 });
  azureUsage(P, t(3), 'CSP_T1', 17, (i) => 1150 + 10 * (i - 17), { 'Azure Databricks': 1 });
  azureUsage(P, t(4), 'CSP_T1', 17, (i) => 1150 + 10 * (i - 17), { 'Azure Cosmos DB': 0.5, 'Azure Machine Learning': 0.5 });
  person(P, 't-01', '2023-03-01', [['Azure Administrator Associate', '2025-09-09', '2026-12-09']]);
  person(P, 't-02', '2023-03-01', [['Azure Administrator Associate', '2026-04-04', '2027-04-04']]);
  person(P, 't-03', '2023-03-01', [['Azure Solutions Architect Expert', '2025-01-20', '2027-01-20']]);
  person(P, 't-04', '2024-08-01', [['Azure Solutions Architect Expert', '2026-08-18', '2027-08-18']]);
  person(P, 't-05', '2024-08-01', [['Fabric Data Engineer Associate', '2026-02-10', '2027-02-10']]);
  person(P, 't-06', '2024-08-01', [['Azure Databricks Data Engineer Associate', '2026-06-01', '2027-06-01']]);
  person(P, 't-07', '2024-10-01', [['Azure AI Engineer Associate', '2025-05-10', '2026-05-10'], ['Azure AI Engineer Associate', '2026-05-01', '2027-05-01']]); // retired 2026-06-30, earned before
  person(P, 't-08', '2024-10-01', [['Power BI Data Analyst Associate', '2025-11-30', '2026-11-30']]);
  person(P, 't-09', '2025-01-06', [['Fabric Analytics Engineer Associate', '2026-09-09', '2027-09-09']]);
  person(P, 't-10', '2025-01-06', [['Azure Cosmos DB Developer Specialty', '2025-03-03', '2027-03-03']]);
}

// ---------------------------------------------------------------------------------------------
// 4100002 Fabrikam — Modern Work, smb (11 … 300 seats), CPOR use-consume for Teams.
// N(M−12) = 4 tenants, N(M) = 10 → +6 → 12. CPOR users growth ≈ 370 of 500 → ≈ 22.
// Deployments (≥ 40 % active): 2 in M−12, 10 in M → +8 × 5 → 25 (max). Certs: 2 × 5 = 10, 1 × 15 = 15. ≈ 84.
{
  const P = '4100002';
  const t = (n: number) => `fab00000-2222-4a2a-a222-${String(n).padStart(12, '0')}`;
  const existing: Array<[number, number, number]> = [
    [1, 120, 0.35],
    [2, 80, 0.35],
    [3, 200, 0.2],
    [4, 60, 0.2],
  ];
  for (const [n, seats, r0] of existing) {
    association(P, t(n), 'CPOR', '2024-03-01', { workload: 'Teams', cporActivity: 'use-consume', segment: 'smb' });
    for (let i = 0; i < MONTHS.length; i++) {
      m365.push({ partnerId: P, tenantId: t(n), kind: 'm365', month: monthAt(i), workload: 'Teams', paidSeats: seats, activeUsers: Math.round(seats * (r0 + 0.01 * i)), association: 'CPOR', cporActivity: 'use-consume', observedAt: OBSERVED });
    }
  }
  const fresh: Array<[number, number, number]> = [
    [5, 100, 16],
    [6, 120, 17],
    [7, 150, 18],
    [8, 80, 19],
    [9, 100, 20],
    [10, 200, 21],
  ];
  for (const [n, seats, start] of fresh) {
    association(P, t(n), 'CPOR', `${monthAt(start)}-01`, { workload: 'Teams', cporActivity: 'use-consume', segment: 'smb' });
    for (let i = start; i < MONTHS.length; i++) {
      m365.push({ partnerId: P, tenantId: t(n), kind: 'm365', month: monthAt(i), workload: 'Teams', paidSeats: seats, activeUsers: Math.round(seats * (0.2 + 0.08 * (i - start))), association: 'CPOR', cporActivity: 'use-consume', observedAt: OBSERVED });
    }
  }
  person(P, 'f-01', '2024-02-01', [['Teams Administrator Associate', '2025-10-10', '2026-12-31']]);
  person(P, 'f-02', '2024-02-01', [['Endpoint Administrator Associate', '2026-03-15', '2027-03-15']]);
  person(P, 'f-03', '2024-06-01', [['Microsoft 365 Enterprise Administrator Expert', '2025-09-01', '2027-09-01']]); // retires 2026-11-30
}

// ---------------------------------------------------------------------------------------------
// 4100003 Northwind — Business Applications, smb (no pair above $5,000). Business Central via CSP_T1.
// P(M−12) = 3 pairs ≥ $250, P(M) = 8 → +5 → 15. MCV 30,000 → 59,000 → +97 % → 30.
// D(M−12) = 3 pairs ≥ 5,000 MCV, D(M) = 6 → +3 → 12. Intermediate 2 × 4 = 8; advanced 0.
// Total 65 (and advanced has 0 points). The lift change (an advanced certification) adds 7.5 → 72.5.
{
  const P = '4100003';
  const t = (n: number) => `0b0b1e55-3333-4d3d-9333-00000000000${n}`;
  for (const n of [1, 2, 3]) {
    association(P, t(n), 'CSP_T1', '2024-01-01', { segment: 'smb' });
    for (let i = 0; i < MONTHS.length; i++) {
      bizapps.push({ partnerId: P, tenantId: t(n), kind: 'bizapps', month: monthAt(i), workload: 'Business Central', revenueUsd: 1200, activeUsers: i <= 12 ? 10 : 11, association: 'CSP_T1', observedAt: OBSERVED });
    }
  }
  const fresh: Array<[number, number, number, number]> = [
    [4, 17, 6, 600],
    [5, 17, 6, 600],
    [6, 17, 6, 600],
    [7, 19, 4, 400],
    [8, 19, 4, 400],
  ];
  for (const [n, start, users, revenue] of fresh) {
    association(P, t(n), 'CSP_T1', `${monthAt(start)}-01`, { segment: 'smb' });
    for (let i = start; i < MONTHS.length; i++) {
      bizapps.push({ partnerId: P, tenantId: t(n), kind: 'bizapps', month: monthAt(i), workload: 'Business Central', revenueUsd: revenue, activeUsers: users, association: 'CSP_T1', observedAt: OBSERVED });
    }
  }
  person(P, 'n-01', '2023-05-01', [['Dynamics 365 Business Central Functional Consultant Associate', '2025-12-01', '2026-12-01']]);
  person(P, 'n-02', '2024-02-19', [['Power Platform Developer Associate', '2026-04-10', '2027-04-10']]);
  // Expired: does not count (shows in explanations).
  person(P, 'n-03', '2023-05-01', [['Dynamics 365 Finance Functional Consultant Associate', '2025-05-01', '2026-05-01']]);
}

// ---------------------------------------------------------------------------------------------
// 4100004 Adatum — Security, smb. Enrolled in security (anniversary 2027-04-15) but at risk:
// protected users are falling, one customer churned. Q(M−12) = 7, Q(M) = 8 → +1 → 4.
// Usage growth: Azure (Sentinel) +600/750 + M365 ≈ −1/50 → ≈ 0.8. Deployments 6 → 8 → +2 → 6.7.
// Skilling: gates 4 + 4, 3 final people × 8 → 32. ≈ 43 (< 70).
{
  const P = '4100004';
  const t = (n: number) => `ada70000-4444-4b4b-b444-00000000000${n}`;
  const steady: Array<[number, number]> = [
    [1, 60],
    [2, 90],
    [3, 120],
    [4, 150],
    [5, 45],
  ];
  for (const [n, seats] of steady) {
    association(P, t(n), 'CSP_T1', '2023-06-01', { segment: 'smb' });
    for (let i = 0; i < MONTHS.length; i++) {
      m365.push({ partnerId: P, tenantId: t(n), kind: 'm365', month: monthAt(i), workload: 'Defender for Endpoint P2', paidSeats: seats, activeUsers: Math.round(seats * (0.5 - 0.004 * i)), association: 'CSP_T1', observedAt: OBSERVED });
    }
  }
  for (const [n, seats] of [
    [6, 30],
    [7, 40],
  ] as const) {
    association(P, t(n), 'CSP_T1', '2026-04-01', { segment: 'smb' });
    for (let i = 18; i < MONTHS.length; i++) {
      m365.push({ partnerId: P, tenantId: t(n), kind: 'm365', month: monthAt(i), workload: 'Defender for Endpoint P2', paidSeats: seats, activeUsers: Math.round(seats * 0.3), association: 'CSP_T1', observedAt: OBSERVED });
    }
  }
  // Churned in mid-2025: still in last year's count, gone from this year's.
  association(P, t(8), 'CSP_T1', '2023-01-01', { to: '2025-06-30', segment: 'smb' });
  for (let i = 0; i <= 8; i++) {
    m365.push({ partnerId: P, tenantId: t(8), kind: 'm365', month: monthAt(i), workload: 'Microsoft Entra ID P1', paidSeats: 70, activeUsers: 30, association: 'CSP_T1', observedAt: OBSERVED });
  }
  association(P, t(9), 'PAL', '2024-01-01', { segment: 'smb' });
  azureUsage(P, t(9), 'PAL', 0, (i) => (i <= 12 ? 400 : 400 + 50 * (i - 12)), { Sentinel: 1 });
  person(P, 'a-01', '2023-09-01', [['Cloud and AI Security Engineer Associate', '2026-02-02', '2027-02-02']]);
  person(P, 'a-02', '2023-09-01', [['Security Operations Analyst Associate', '2025-12-12', '2026-12-12']]);
  person(P, 'a-03', '2024-03-01', [['Cybersecurity Architect Expert', '2025-07-07', '2027-07-07']]);
  person(P, 'a-04', '2024-03-01', [['Information Security Administrator Associate', '2026-01-01', '2027-01-01']]);
  person(P, 'a-05', '2024-11-01', [['Identity and Access Administrator Associate', '2026-06-16', '2027-06-16']]);
  // Retired 2025-05-31: counted through 2026-05-31 only.
  person(P, 'a-06', '2022-01-01', [['Information Protection Administrator Associate', '2024-04-04', '2026-04-04']]);
}

// ---------------------------------------------------------------------------------------------
// Profiles and enrollment (CSV with a BOM and CRLF, observedAt from the blob's time).
const profiles: Row[] = [
  { partnerId: '4100001', name: 'Contoso Cloud Partners', contacts: 'alliances@contoso.example;cto@contoso.example', preferredLanguage: 'en', anniversary: null, areas: null, azureTrack: null },
  { partnerId: '4100002', name: 'Fabrikam Workplace GmbH', contacts: 'partner-office@fabrikam.example', preferredLanguage: 'de-DE', anniversary: '2026-12-10', areas: 'modernWork', azureTrack: null },
  { partnerId: '4100003', name: 'Northwind Dynamics Ltd', contacts: 'ms-programs@northwind.example', preferredLanguage: 'en-GB', anniversary: null, areas: null, azureTrack: null },
  { partnerId: '4100004', name: 'Adatum Sécurité SAS', contacts: 'securite@adatum.example;dg@adatum.example', preferredLanguage: 'fr-FR', anniversary: '2027-04-15', areas: 'security', azureTrack: null },
  { partnerId: '4100005', name: 'Litware Apps, Inc.', contacts: 'devrel@litware.example', preferredLanguage: 'ja-JP', anniversary: null, areas: null, azureTrack: null },
  { partnerId: '4100006', name: 'Tailspin Data B.V.', contacts: 'data-alliance@tailspin.example', preferredLanguage: 'nl-NL', anniversary: '2027-02-01', areas: 'dataAi', azureTrack: 'enterprise' },
];

// ---------------------------------------------------------------------------------------------
// A file from someone else's tool: other column names, order and case, extra columns, quoted commas,
// CRLF and a BOM, one fact column for mixed rows — and three invalid rows.
const legacyHeader = ['Record Type', 'Partner_ID', 'Customer Name', 'TENANT ID', 'Type', 'From', 'To', 'Kind', 'Month', 'Workload', 'Paid Seats', 'Active Users', 'Association', 'Segment', 'Observed At', 'Notes'];
const legacyRows: Cell[][] = [
  ['association', '4100006', 'Blue Yonder Airlines, Ltd.', 'd47a11ed-6666-4f6f-b666-000000000001', 'DPOR', '2026-09-01', '', '', '', '', '', '', '', 'smb', OBSERVED, 'added by "Sales Ops"'],
  ['customer', '4100006', 'Wide World Importers', 'd47a11ed-6666-4f6f-b666-000000000003', '', '', '', '', '', '', '', '', '', 'smb', OBSERVED, ''],
  ['association', '4100006', 'Proseware', 'd47a11ed-6666-4f6f-b666-000000000007', 'PAL', '2026-02-30', '', '', '', '', '', '', '', 'smb', OBSERVED, 'bad date'],
  ['association', '4100006', 'Margie\'s Travel', 'd47a11ed-6666-4f6f-b666-000000000008', 'RESELLER', '2025-05-01', '', '', '', '', '', '', '', 'smb', OBSERVED, 'unknown association type'],
  ['usage', '4100006', 'Trey Research', 'd47a11ed-6666-4f6f-b666-000000000002', '', '', '', 'm365', '2026-10', 'Teams', '-5', '3', 'CSP_T1', '', OBSERVED, 'negative seats'],
  ['usage', '4100006', 'Trey Research', 'd47a11ed-6666-4f6f-b666-000000000002', '', '', '', 'm365', '2026-10', 'Exchange Online', '8', '3', 'CSP_T1', '', OBSERVED, 'a valid row after the bad ones'],
];

// ---------------------------------------------------------------------------------------------
// Writers

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toCsv(columns: string[], rows: Cell[][], options: { crlf?: boolean; bom?: boolean } = {}): string {
  const eol = options.crlf ? '\r\n' : '\n';
  const lines = [columns.join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return (options.bom ? '\uFEFF' : '') + lines.join(eol) + eol;
}

function rowsToCsv(columns: string[], rows: Row[], options: { crlf?: boolean; bom?: boolean } = {}): string {
  return toCsv(columns, rows.map((r) => columns.map((c) => r[c])), options);
}

function toNdjson(rows: Row[]): string {
  return rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined && v !== null && v !== '')))).join('\n') + '\n';
}

function write(path: string, text: string): void {
  const full = join(here, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

write('exports/profiles-2026-11.csv', rowsToCsv(['partnerId', 'name', 'contacts', 'preferredLanguage', 'anniversary', 'areas', 'azureTrack'], profiles, { crlf: true, bom: true }));
write('exports/associations-2026-11.csv', rowsToCsv(['partnerId', 'tenantId', 'type', 'workload', 'cporActivity', 'from', 'to', 'segment', 'cloud', 'deleted', 'observedAt'], associations));
write('exports/usage-azure-2026-11.csv', rowsToCsv(['partnerId', 'tenantId', 'month', 'service', 'offer', 'association', 'acrUsd', 'observedAt'], azure));
write('exports/usage-m365-2026-11.ndjson', toNdjson(m365));
write('exports/usage-bizapps-2026-11.csv', rowsToCsv(['observedAt', 'kind', 'month', 'partnerId', 'tenantId', 'workload', 'association', 'revenueUsd', 'activeUsers'], bizapps, { crlf: true }));
write('exports/people-2026-11.csv', rowsToCsv(['partnerId', 'personId', 'linkedFrom', 'linkedTo', 'observedAt'], people));
write('exports/certifications-2026-11.ndjson', toNdjson(certifications));
write(
  'exports/people-4100005.snapshot.ndjson',
  JSON.stringify({ snapshot: { partnerId: '4100005', kind: 'person', observedAt: OBSERVED } }) + '\n' + toNdjson(litwarePeople.map((p) => ({ fact: 'person', ...p }))),
);
write('exports/tailspin-partner-tool-export.csv', toCsv(legacyHeader, legacyRows, { crlf: true, bom: true }));

// The change the demo applies: Northwind's n-02 earns an advanced Business Applications certification.
write(
  'changes/lift-4100003.json',
  JSON.stringify(
    [
      {
        fact: 'certification',
        partnerId: '4100003',
        personId: 'n-02',
        name: 'Dynamics 365 Business Central Developer Associate',
        earned: '2026-11-18',
        expires: '2027-11-18',
        observedAt: '2026-11-21T09:00:00Z',
      },
    ],
    null,
    2,
  ) + '\n',
);
