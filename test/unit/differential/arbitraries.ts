// fast-check arbitraries for differential testing: realistic but edge-heavy partner facts (raw JSON
// documents, valid per the contract's Validation section). Everything is generated relative to the
// scoring month M (the month before asOf) so records land on the months the rules look at
// (M, M−1, M−11, M−12, M−13, M−23, M−24, M+1 …) and association/link dates sit on month boundaries.
import fc from 'fast-check';

import {
  addMonths,
  AZ_ADMIN,
  BA_ADV,
  BA_INT,
  BA_NCA_WORKLOADS,
  DAI_ADV_FINAL,
  DAI_INT_FINAL,
  DATA_AI_FINAL,
  INFRA_ADV_FINAL,
  INFRA_INT_FINAL,
  MW_ADV,
  MW_INT,
  MW_WORKLOADS,
  PAL_ONLY,
  RATE_TENTHS,
  RETIRED,
  ROLL_UPS,
  SEC_FINAL,
  SEC_GATE1,
  SEC_GATE2,
  SEC_WORKLOADS,
  SECURITY_SERVICES,
  SOL_ARCH,
  VM_SERVICES,
} from './reference.js';

export type Emphasis = 'azure' | 'businessApplications' | 'modernWork' | 'security' | 'people' | 'mixed' | 'strong';

const ASSOCIATION_TYPES = ['CSP_T1', 'CSP_T2', 'DPOR', 'PAL', 'CPOR'] as const;
const ACTIVITIES = ['use-consume', 'revrec', 'osa', 'revrec-performance', 'osu'] as const;
const OFFERS = ['standard', 'trial', 'support', 'internal', 'benefit'] as const;
const AREAS = ['dataAi', 'infrastructure', 'digitalAppInnovation', 'businessApplications', 'modernWork', 'security'] as const;

// ------------------------------------------------------------------ dates

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
function ymd(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
function daysIn(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
export function addDays(date: string, k: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + k);
  return ymd(d);
}

type DayPick = 'first' | 'second' | 'mid' | 'penult' | 'last';
interface RelDate {
  mo: number;
  day: DayPick;
}
function resolve(M: string, r: RelDate): string {
  const month = addMonths(M, r.mo);
  const n = daysIn(month);
  const day = { first: 1, second: 2, mid: 15, penult: n - 1, last: n }[r.day];
  return `${month}-${pad(day)}`;
}

const dayPick = fc.constantFrom<DayPick>('first', 'last', 'first', 'last', 'second', 'mid', 'penult');
const hotMonth = fc.constantFrom(0, -1, -11, -12, -13, -23, -24, 1, -2, -10, -14, -22);
const monthOffset = fc.oneof(
  { weight: 12, arbitrary: hotMonth },
  { weight: 4, arbitrary: fc.integer({ min: -24, max: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: -36, max: 4 }) },
);
/** A record and its year-over-year twins: offsets from M at which copies of it appear. */
const monthPattern = fc.oneof(
  { weight: 3, arbitrary: monthOffset.map((m) => [m]) },
  { weight: 2, arbitrary: fc.constantFrom<number[]>([0, -12], [-1, -13], [0, -1, -12, -13], [0, -11, -12, -23], [-12, -24], [1, 0, -12]) },
  { weight: 1, arbitrary: fc.uniqueArray(monthOffset, { minLength: 2, maxLength: 5 }) },
);
/** Multipliers for the twins (1 keeps a floor-edge amount exact). */
const twinFactor = fc.constantFrom(1, 1, 1, 0.5, 1.25, 2, 0, 3);
const relDate = fc.record({
  mo: fc.oneof({ weight: 3, arbitrary: hotMonth }, { weight: 1, arbitrary: fc.integer({ min: -30, max: 4 }) }),
  day: dayPick,
});

const retirementEdges = Object.values(RETIRED).flatMap((r) => {
  const end = `${Number(r.slice(0, 4)) + 1}${r.slice(4)}`;
  return [end, addDays(end, 1), addDays(end, -1), r, addDays(r, 1)];
});
const asOfArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({ y: fc.integer({ min: 2026, max: 2028 }), m: fc.integer({ min: 1, max: 12 }), day: dayPick })
      .map(({ y, m, day }) => resolve(`${y}-${pad(m)}`, { mo: 0, day })),
  },
  { weight: 1, arbitrary: fc.constantFrom(...retirementEdges) },
);

// ------------------------------------------------------------------ names

const mangle = (names: readonly string[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...names), fc.constantFrom(0, 0, 0, 1, 2, 3))
    .map(([n, how]) => (how === 0 ? n : how === 1 ? n.toUpperCase() : how === 2 ? ` ${n.toLowerCase()}  ` : `\t${n}`));

const OTHER_SERVICES = ['Azure Kubernetes Service', 'Azure SQL Database', 'Storage', 'Azure Cosmos DB', 'App Service', 'Made Up Service'];
const serviceArb = fc.oneof(
  mangle(SECURITY_SERVICES),
  mangle(VM_SERVICES),
  mangle(OTHER_SERVICES),
  mangle(['Virtual Machine', 'Virtual Machines License', 'Key  Vault']),
);
const m365WorkloadArb = fc.oneof(
  { weight: 3, arbitrary: mangle(MW_WORKLOADS) },
  { weight: 2, arbitrary: mangle(SEC_WORKLOADS) },
  { weight: 2, arbitrary: mangle(['Teams Premium', 'Teams', 'Intune', 'Microsoft Entra ID P1']) },
  { weight: 1, arbitrary: mangle(['Yammer', 'Unknown Workload']) },
);
const bizWorkloadArb = fc.oneof(
  mangle(BA_NCA_WORKLOADS),
  mangle(Object.keys(RATE_TENTHS)),
  mangle(Object.keys(ROLL_UPS)),
  mangle(PAL_ONLY),
  mangle(['Business Central', 'Sales', 'Finance', 'Common Data Service', 'Dynamics Mystery']),
);

const ALL_CERTS = [
  AZ_ADMIN,
  SOL_ARCH,
  ...DATA_AI_FINAL,
  ...INFRA_INT_FINAL,
  ...INFRA_ADV_FINAL,
  ...DAI_INT_FINAL,
  ...DAI_ADV_FINAL,
  ...BA_INT,
  ...BA_ADV,
  ...MW_INT,
  ...MW_ADV,
  ...SEC_GATE1,
  ...SEC_GATE2,
  ...SEC_FINAL,
  'Azure Fundamentals',
];
const certPool: Record<Emphasis, readonly string[]> = {
  azure: [
    AZ_ADMIN,
    AZ_ADMIN,
    SOL_ARCH,
    SOL_ARCH,
    ...DATA_AI_FINAL,
    ...INFRA_INT_FINAL,
    ...INFRA_ADV_FINAL,
    ...DAI_INT_FINAL,
    ...DAI_ADV_FINAL,
  ],
  businessApplications: [...BA_INT, ...BA_ADV],
  modernWork: [...MW_INT, ...MW_ADV],
  security: [...SEC_GATE1, ...SEC_GATE1, ...SEC_GATE2, ...SEC_GATE2, ...SEC_FINAL],
  people: ALL_CERTS,
  mixed: ALL_CERTS,
  strong: [AZ_ADMIN, AZ_ADMIN, SOL_ARCH, SOL_ARCH, ...SEC_GATE1, ...SEC_GATE2, ...ALL_CERTS],
};

// ------------------------------------------------------------------ numbers

const amountPool = (edges: number[], maxCents: number): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...edges) },
    { weight: 1, arbitrary: fc.integer({ min: -maxCents / 20, max: maxCents }).map((c) => c / 100) },
    // big tenants: millions of USD a month, odd cents
    { weight: 1, arbitrary: fc.integer({ min: -5_000_000_000, max: 90_000_000_000 }).map((c) => c / 100) },
    // sub-cent inputs, half cents included: rounded to cents on input (contract, "Fields").
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...edges), fc.constantFrom(-0.005, -0.004, -0.001, 0.001, 0.004, 0.005, 0.0049, -0.0049))
        .map(([a, d]) => Number((a + d).toFixed(4))),
    },
  );
const acrArb = amountPool(
  [
    499.99, 500, 500.01, 999.99, 1000, 1000.01, 600, 599.99, 300, 250, 750, 749.99, 12000, 12000.01, 11999.99, 5000, 0.01, 0, -0.01, -100,
    -750, 100, 62.5, 1234.567,
  ],
  2_000_000,
);
const revenueArb = amountPool(
  [249.99, 250, 250.01, 1499.99, 1500, 1500.01, 4999.99, 5000, 5000.01, 5000.02, 10000, 750, 125, 0, -250, -0.01],
  1_500_000,
);
const seatsArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(0, 1, 4, 5, 6, 10, 11, 12, 150, 299, 300, 301, 302, 1000) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 5000, max: 2_000_000 }) },
);
const activeFor = (seats: number): fc.Arbitrary<number> =>
  fc.oneof(
    fc.constantFrom(
      0,
      seats,
      Math.floor(seats * 0.15),
      Math.ceil(seats * 0.15),
      Math.max(0, Math.ceil(seats * 0.15) - 1),
      Math.floor(seats * 0.4),
      Math.ceil(seats * 0.4),
      Math.max(0, Math.ceil(seats * 0.4) - 1),
    ),
    fc.integer({ min: 0, max: Math.max(1, Math.round(seats * 1.2)) }),
    fc.integer({ min: 0, max: 5000 }),
    fc.integer({ min: 0, max: 3_000_000 }),
  );
const bizUsersArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 1, 4, 5, 9, 10, 24, 25, 49, 50, 99, 100, 124, 125, 250, 500, 24999, 25000, 50000) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 3000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 5_000_000 }) },
);

// ------------------------------------------------------------------ records (relative)

const cporActivityArb = fc.option(fc.constantFrom(...ACTIVITIES), { nil: undefined, freq: 2 });
const assocArb = fc.constantFrom(...ASSOCIATION_TYPES);

const strongPattern = fc.constantFrom<number[]>([0], [0, -1], [0, -12], [0, -1, -12, -13], [0, -12], [-1, -13], [0, -11, -12, -23]);
const strongFactor = fc.constantFrom(0.5, 0.4, 0.8, 1, 0);
interface Shape {
  mos: fc.Arbitrary<number[]>;
  factor: fc.Arbitrary<number>;
}
const normalShape: Shape = { mos: monthPattern, factor: twinFactor };
const strongShape: Shape = { mos: strongPattern, factor: strongFactor };

const azureUsage = (sh: Shape) =>
  fc.record({
    kind: fc.constant('azure' as const),
    mos: sh.mos,
    factors: fc.array(sh.factor, { minLength: 5, maxLength: 5 }),
    service: serviceArb,
    acrUsd: acrArb,
    offer: fc.option(fc.constantFrom(...OFFERS, 'standard', 'standard', 'standard'), { nil: undefined, freq: 2 }),
    association: fc.constantFrom('CSP_T1', 'CSP_T2', 'DPOR', 'PAL', 'PAL', 'CPOR'),
    cporActivity: cporActivityArb,
  });
const m365Usage = (sh: Shape) =>
  seatsArb.chain((paidSeats) =>
    fc.record({
      kind: fc.constant('m365' as const),
      mos: sh.mos,
      factors: fc.array(sh.factor, { minLength: 5, maxLength: 5 }),
      workload: m365WorkloadArb,
      paidSeats: fc.constant(paidSeats),
      activeUsers: activeFor(paidSeats),
      association: fc.constantFrom('CPOR', 'CPOR', 'DPOR', 'CSP_T1', 'CSP_T2', 'PAL'),
      cporActivity: cporActivityArb,
    }),
  );
const bizUsage = (sh: Shape) =>
  fc.record({
    kind: fc.constant('bizapps' as const),
    mos: sh.mos,
    factors: fc.array(sh.factor, { minLength: 5, maxLength: 5 }),
    workload: bizWorkloadArb,
    revenueUsd: revenueArb,
    activeUsers: bizUsersArb,
    association: fc.constantFrom('CSP_T1', 'CSP_T2', 'DPOR', 'PAL', 'CPOR', 'CPOR'),
    cporActivity: cporActivityArb,
  });

const kindWeights: Record<Emphasis, [number, number, number]> = {
  azure: [8, 1, 1],
  businessApplications: [1, 1, 8],
  modernWork: [1, 8, 1],
  security: [5, 5, 0],
  people: [1, 1, 1],
  mixed: [1, 1, 1],
  strong: [1, 1, 1],
};
const usageArb = (e: Emphasis) => {
  const [a, m, b] = kindWeights[e];
  const sh = e === 'strong' ? strongShape : normalShape;
  return fc.oneof(
    { weight: a, arbitrary: azureUsage(sh) as fc.Arbitrary<Record<string, unknown>> },
    { weight: m, arbitrary: m365Usage(sh) as fc.Arbitrary<Record<string, unknown>> },
    { weight: b, arbitrary: bizUsage(sh) as fc.Arbitrary<Record<string, unknown>> },
  );
};

const assocWorkload = fc.oneof(
  mangle(['Teams', 'Teams Premium', 'Intune', 'Exchange Online', 'Defender for Endpoint P2', 'Microsoft Entra ID P1']),
  mangle(['Business Central', 'Sales', 'Common Data Service', 'Power Apps', 'Finance']),
  mangle(['Sentinel', 'Key Vault', 'Azure Kubernetes Service']),
);
const associationArb = fc.record({
  type: assocArb,
  from: relDate,
  toKind: fc.constantFrom('null', 'null', 'omit', 'rel'),
  to: relDate,
  cporActivity: cporActivityArb,
  workload: fc.option(assocWorkload, { nil: undefined, freq: 2 }),
});

const customerArb = (e: Emphasis) =>
  fc.record({
    segment: fc.constantFrom(undefined, 'smb', 'smb', 'smb', 'enterprise'),
    cloud:
      e === 'strong'
        ? fc.constantFrom(undefined, 'commercial')
        : fc.constantFrom(undefined, undefined, undefined, 'commercial', 'commercial', 'government', 'china'),
    assocMode:
      e === 'strong'
        ? fc.constantFrom('omit', 'omit', 'null', 'list')
        : fc.constantFrom('omit', 'null', 'empty', 'list', 'list', 'list', 'list'),
    associations: fc.array(associationArb, { maxLength: 5 }),
    stray: fc.constantFrom(false, false, false, false, true),
    usage: fc.array(usageArb(e), { maxLength: e === 'mixed' || e === 'people' ? 12 : e === 'strong' ? 30 : 20 }),
  });

const certArb = (e: Emphasis) =>
  fc.record({
    name: fc.oneof({ weight: 5, arbitrary: mangle(certPool[e]) }, { weight: 1, arbitrary: mangle(ALL_CERTS) }),
    earned: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: -900, max: -2 }).map((k) => ({ rel: k })) },
      { weight: 1, arbitrary: fc.constantFrom(0, -1, 1, 2).map((k) => ({ rel: k })) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(...Object.values(RETIRED)).chain((r) => fc.constantFrom(-1, 0, 1).map((k) => ({ abs: addDays(r, k) }))),
      },
    ),
    expires: fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom(0, 1, -1).map((k) => ({ rel: k })) },
      { weight: 2, arbitrary: fc.integer({ min: -400, max: 900 }).map((k) => ({ rel: k })) },
    ),
  });
const personArb = (e: Emphasis) =>
  fc.record({
    linkedFrom: fc.oneof({ weight: 1, arbitrary: fc.constantFrom(0, 1, -1) }, { weight: 5, arbitrary: fc.integer({ min: -1200, max: 5 }) }),
    linkedTo: fc.oneof(
      { weight: 4, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom(0, 1, -1) },
      { weight: 1, arbitrary: fc.integer({ min: -300, max: 400 }) },
    ),
    certifications: fc.array(certArb(e), { minLength: 1, maxLength: 3 }),
  });

const enrollmentArb = fc.option(
  fc.record({
    areas: fc.subarray([...AREAS]),
    azureTrack: fc.constantFrom(null, undefined, 'enterprise', 'smb'),
  }),
  { nil: undefined, freq: 2 },
);

// ------------------------------------------------------------------ the document

export interface Case {
  doc: Record<string, unknown>;
  /** `--as-of` override, when the case exercises it. */
  asOfOverride?: string;
}

/** (tenant, workload) pairs with revenue around 5,000 in both M and M−12: the BA enterprise track. */
const bigBizArb = fc.array(
  fc.record({
    tenant: fc.nat(9),
    workload: mangle(BA_NCA_WORKLOADS),
    now: fc.constantFrom(5000, 5000.01, 5000.02, 6000, 12000, 4999.99),
    then: fc.constantFrom(5000, 5000.01, 5000.02, 6000, 12000, 4999.99),
    association: assocArb,
    activeUsers: bizUsersArb,
  }),
  { minLength: 3, maxLength: 8 },
);

export function factsArb(e: Emphasis): fc.Arbitrary<Case> {
  const strong = e === 'strong';
  return fc
    .record({
      asOf: asOfArb,
      override: fc.option(asOfArb, { nil: undefined, freq: 8 }),
      enrollment: enrollmentArb,
      customers: fc.array(customerArb(e), { minLength: strong ? 4 : 1, maxLength: strong ? 10 : 6 }),
      people: fc.array(personArb(e), {
        minLength: strong ? 6 : 0,
        maxLength: strong ? 16 : e === 'people' || e === 'azure' || e === 'security' ? 9 : 6,
      }),
      bigBiz:
        e === 'businessApplications' || e === 'strong' || e === 'mixed' ? fc.option(bigBizArb, { nil: undefined }) : fc.constant(undefined),
    })
    .map(({ asOf, override, enrollment, customers, people, bigBiz }) => {
      const D = override ?? asOf;
      const M = addMonths(D.slice(0, 7), -1);
      const doc: Record<string, unknown> = { partnerId: 'P-1', asOf };
      if (enrollment) doc.enrollment = { anniversary: '2026-03-15', ...enrollment };
      doc.customers = customers.map((c, i) => {
        const out: Record<string, unknown> = { tenantId: `t${i}` };
        if (c.segment !== undefined) out.segment = c.segment;
        if (c.cloud !== undefined) out.cloud = c.cloud;
        if (c.assocMode === 'null') out.associations = null;
        else if (c.assocMode === 'empty') out.associations = [];
        else if (c.assocMode === 'list')
          out.associations = c.associations.map((a) => {
            const from = resolve(M, a.from);
            const x: Record<string, unknown> = { type: a.type, from };
            if (a.toKind === 'null') x.to = null;
            else if (a.toKind === 'rel') {
              const to = resolve(M, a.to);
              x.to = to < from ? from : to;
            }
            if (a.cporActivity !== undefined) x.cporActivity = a.cporActivity;
            if (a.workload !== undefined) x.workload = a.workload;
            return x;
          });
        out.usage = c.usage.flatMap((u) => {
          const stray = c.stray;
          const { mos, factors, cporActivity, ...rest } = u as Record<string, unknown> & {
            mos: number[];
            factors: number[];
            cporActivity?: string;
          };
          return mos.map((mo, k) => {
            const f = k === 0 ? 1 : (factors[k] ?? 1);
            const rec: Record<string, unknown> = { month: addMonths(M, mo), ...rest };
            if (f !== 1) {
              for (const field of ['acrUsd', 'revenueUsd'])
                if (typeof rec[field] === 'number') rec[field] = Math.round((rec[field] as number) * f * 100) / 100;
              for (const field of ['paidSeats', 'activeUsers'])
                if (typeof rec[field] === 'number') rec[field] = Math.round((rec[field] as number) * f);
            }
            if (rec.offer === undefined) delete rec.offer;
            // cporActivity is read on CPOR records only; elsewhere (rarely generated) it must be ignored.
            if (cporActivity !== undefined && (rec.association === 'CPOR' || stray)) rec.cporActivity = cporActivity;
            if (stray && rec.kind !== 'azure') rec.offer = 'trial'; // `offer` belongs to Azure records only
            return rec;
          });
        });
        for (const b of bigBiz ?? []) {
          if (b.tenant % customers.length !== i) continue;
          const rec = { kind: 'bizapps', workload: b.workload, association: b.association, activeUsers: b.activeUsers };
          (out.usage as unknown[]).push({ month: M, revenueUsd: b.now, ...rec }, { month: addMonths(M, -12), revenueUsd: b.then, ...rec });
        }
        return out;
      });
      doc.people = people.map((p, i) => {
        const linkedFrom = addDays(D, p.linkedFrom);
        const person: Record<string, unknown> = { id: `p${i}`, linkedFrom };
        if (p.linkedTo !== undefined) {
          if (p.linkedTo === null) person.linkedTo = null;
          else {
            const to = addDays(D, p.linkedTo);
            person.linkedTo = to < linkedFrom ? linkedFrom : to;
          }
        }
        person.certifications = p.certifications.map((c) => {
          const earned = 'abs' in c.earned ? c.earned.abs : addDays(D, c.earned.rel);
          const cert: Record<string, unknown> = { name: c.name, earned };
          if (c.expires === null) cert.expires = null;
          else if (c.expires !== undefined) {
            const ex = addDays(D, c.expires.rel);
            cert.expires = ex < earned ? addDays(earned, 365) : ex;
          }
          return cert;
        });
        return person;
      });
      return override === undefined ? { doc } : { doc, asOfOverride: override };
    });
}
