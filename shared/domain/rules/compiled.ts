// A catalog compiled for fast scoring: name lookups built once, amounts in cents, rates scaled to
// integers, points per unit as exact fractions. Compiled once per catalog object and cached.
import { addYears } from '../calendar/dates.js';
import { divide, fromCatalogNumber, type Rational } from '../calendar/rational.js';
import {
  ASSOCIATION_TYPES,
  type AssociationType,
  CPOR_ACTIVITIES,
  type CporActivity,
  type Offer,
  OFFERS,
  type Track,
} from '../facts/types.js';
import type { ListedSkilling, Range, RuleCatalog, SteppedSkilling, UnitMetric } from './catalog-schema.js';
import { nameKey, NameLookup } from './names.js';

/** Amounts in the catalog are USD; facts are summed in whole cents. */
export const CENTS_PER_USD = 100;

export const associationBit = (type: AssociationType): number => 1 << ASSOCIATION_TYPES.indexOf(type);
export const activityBit = (activity: CporActivity): number => 1 << CPOR_ACTIVITIES.indexOf(activity);
export const offerBit = (offer: Offer): number => 1 << OFFERS.indexOf(offer);
export const ASSOCIATION_BITS: Readonly<Record<AssociationType, number>> = Object.fromEntries(
  ASSOCIATION_TYPES.map((t) => [t, associationBit(t)]),
) as Record<AssociationType, number>;
export const ACTIVITY_BITS: Readonly<Record<CporActivity, number>> = Object.fromEntries(
  CPOR_ACTIVITIES.map((a) => [a, activityBit(a)]),
) as Record<CporActivity, number>;
export const OFFER_BITS: Readonly<Record<Offer, number>> = Object.fromEntries(OFFERS.map((o) => [o, offerBit(o)])) as Record<Offer, number>;

/** A catalog amount in USD as whole cents. */
const usdToCents = (usd: number): number => Math.round(usd * CENTS_PER_USD);

const maskOf = <T extends string>(values: readonly T[], bit: (v: T) => number): number => values.reduce((mask, v) => mask | bit(v), 0);

export interface CompiledUnit {
  maxPoints: number;
  max: Rational;
  /** maxPoints / threshold. */
  perUnit: Rational;
}
export interface CompiledRange {
  above: number | undefined;
  from: number | undefined;
  to: number | undefined;
}
export interface CompiledStepTrack {
  gateMinPeople: number;
  gatePoints: Rational;
  perPerson: Rational;
}
export interface CompiledStepped {
  maxPoints: number;
  max: Rational;
  gates: number[][];
  final: number[];
  tracks: Record<Track, CompiledStepTrack>;
}
export interface CompiledListed {
  certifications: number[];
  tracks: Record<Track, CompiledUnit>;
}
export interface CompiledModernWorkGroup {
  id: string;
  mask: number;
  /** Indexes in ASSOCIATION_TYPES of the mask's types (the figure slots of the group). */
  typeIndexes: number[];
  usageGrowth: CompiledUnit;
  deployments: CompiledUnit;
}
export interface ModernWorkWorkload {
  forNetCustomerAdds: boolean;
}

export interface CompiledRules {
  catalog: RuleCatalog;
  rulesVersion: string;
  qualifyingTotal: Rational;
  certifications: {
    lookup: NameLookup<number>;
    names: string[];
    /** Retirement date per certification index, or null. */
    retired: (string | null)[];
    /** Last day a retired certification still counts (retirement + the grace years), or null. */
    graceEnd: (string | null)[];
  };
  azure: {
    associationMask: number;
    offerMask: number;
    smbSharePercent: number;
    netCustomerAdds: CompiledUnit & { floorCents: Record<Track, number> };
    usageGrowth: CompiledUnit & { minTtmCents: number };
    deployments: CompiledUnit & { excluded: NameLookup<true> };
    skilling: {
      dataAi: { intermediateCertifications: CompiledStepped };
      infrastructure: { intermediateCertifications: CompiledStepped; advancedCertifications: CompiledStepped };
      digitalAppInnovation: { intermediateCertifications: CompiledStepped; advancedCertifications: CompiledStepped };
    };
  };
  businessApplications: {
    track: { minPairs: number; revenueAboveCents: number };
    netCustomerAdds: CompiledUnit & {
      floorCents: Record<Track, number>;
      /** Association types that count without an activity (all but CPOR). */
      plainMask: number;
      cporActivityMask: number;
      workloads: NameLookup<number>;
      workloadNames: string[];
    };
    customerSuccess: {
      records: NameLookup<number>;
      workloadNames: string[];
      /** Rate × scale, an integer; MCV figures are kept multiplied by `scale`. */
      scaledRates: number[];
      scale: number;
      palOnly: boolean[];
      plainMask: number;
      cporActivityMask: number;
      palOnlyMask: number;
    };
    usageGrowth: CompiledUnit & { minBaseScaledMcv: Record<Track, number> };
    deployments: CompiledUnit & { minScaledMcv: Record<Track, number> };
    intermediateCertifications: CompiledListed;
    advancedCertifications: CompiledListed;
  };
  modernWork: {
    workloads: NameLookup<ModernWorkWorkload>;
    bands: Record<Track, CompiledRange>;
    groups: Record<Track, CompiledModernWorkGroup[]>;
    /** Workload-naming CPOR associations count towards a group's start only for these workloads. */
    netCustomerAdds: Record<Track, CompiledUnit>;
    usageGrowthMaxPoints: number;
    usageGrowthMax: Rational;
    deploymentsMaxPoints: number;
    deploymentsMax: Rational;
    minActiveShare: Rational;
    intermediateCertifications: CompiledListed;
    advancedCertifications: CompiledListed;
  };
  security: {
    services: NameLookup<true>;
    azureAssociationMask: number;
    azureOfferMask: number;
    workloads: NameLookup<true>;
    m365AssociationMask: number;
    bands: Record<Track, CompiledRange>;
    netCustomerAdds: { azureMinTtmCents: number; tracks: Record<Track, CompiledUnit> };
    usageGrowth: {
      maxPoints: number;
      max: Rational;
      tracks: Record<Track, { azureTtmCents: CompiledRange; centsPerPoint: Rational; usersPerPoint: Rational }>;
    };
    deployments: CompiledUnit & { minActiveShare: Rational; tracks: Record<Track, { azureTtmCents: CompiledRange }> };
    intermediateCertifications: CompiledStepped;
  };
}

function unit(metric: UnitMetric): CompiledUnit {
  const max = fromCatalogNumber(metric.maxPoints);
  return { maxPoints: metric.maxPoints, max, perUnit: divide(max, fromCatalogNumber(metric.threshold)) };
}

function range(r: Range, factor = 1): CompiledRange {
  const scale = (v: number | undefined) => (v === undefined ? undefined : Math.round(v * factor));
  return { above: scale(r.above), from: scale(r.from), to: scale(r.to) };
}

export function inRange(value: number, r: CompiledRange): boolean {
  return (r.above === undefined || value > r.above) && (r.from === undefined || value >= r.from) && (r.to === undefined || value <= r.to);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

const compiledCache = new WeakMap<RuleCatalog, CompiledRules>();

export function compileRules(catalog: RuleCatalog): CompiledRules {
  const cached = compiledCache.get(catalog);
  if (cached) return cached;
  const compiled = buildCompiled(catalog);
  compiledCache.set(catalog, compiled);
  return compiled;
}

function buildCompiled(catalog: RuleCatalog): CompiledRules {
  const certNames: string[] = [];
  const certIndex = new Map<string, number>();
  const certId = (name: string): number => {
    const key = nameKey(name);
    let index = certIndex.get(key);
    if (index === undefined) {
      index = certNames.length;
      certNames.push(name);
      certIndex.set(key, index);
    }
    return index;
  };
  const stepped = (s: SteppedSkilling): CompiledStepped => ({
    maxPoints: s.maxPoints,
    max: fromCatalogNumber(s.maxPoints),
    gates: s.gates.map((g) => g.certifications.map(certId)),
    final: s.final.certifications.map(certId),
    tracks: {
      enterprise: stepTrack(s.tracks.enterprise),
      smb: stepTrack(s.tracks.smb),
    },
  });
  const listed = (s: ListedSkilling): CompiledListed => ({
    certifications: s.certifications.map(certId),
    tracks: { enterprise: unit(s.tracks.enterprise), smb: unit(s.tracks.smb) },
  });

  const az = catalog.azure;
  const azure: CompiledRules['azure'] = {
    associationMask: maskOf(az.eligibility.associations, associationBit),
    offerMask: maskOf(az.eligibility.offers, offerBit),
    smbSharePercent: az.trackClassification.smbSharePercent,
    netCustomerAdds: {
      ...unit(az.netCustomerAdds),
      floorCents: {
        enterprise: az.netCustomerAdds.floorUsd.enterprise * CENTS_PER_USD,
        smb: az.netCustomerAdds.floorUsd.smb * CENTS_PER_USD,
      },
    },
    usageGrowth: { ...unit(az.usageGrowth), minTtmCents: usdToCents(az.usageGrowth.minTtmUsd) },
    deployments: {
      ...unit(az.deployments),
      excluded: new NameLookup(az.deployments.excludedServices.map((s) => [s, true] as const)),
    },
    skilling: {
      dataAi: { intermediateCertifications: stepped(az.skilling.dataAi.intermediateCertifications) },
      infrastructure: {
        intermediateCertifications: stepped(az.skilling.infrastructure.intermediateCertifications),
        advancedCertifications: stepped(az.skilling.infrastructure.advancedCertifications),
      },
      digitalAppInnovation: {
        intermediateCertifications: stepped(az.skilling.digitalAppInnovation.intermediateCertifications),
        advancedCertifications: stepped(az.skilling.digitalAppInnovation.advancedCertifications),
      },
    },
  };

  const ba = catalog.businessApplications;
  const cs = ba.customerSuccess;
  const scale = cs.rateCard.reduce((s, e) => {
    const d = Number(fromCatalogNumber(e.ratePerActiveUser).d);
    return (s * d) / gcd(s, d);
  }, 1);
  const csRecords: [string, number][] = [];
  cs.rateCard.forEach((entry, index) => {
    csRecords.push([entry.workload, index]);
    for (const name of entry.rollUp) csRecords.push([name, index]);
  });
  const cporBit = associationBit('CPOR');
  const businessApplications: CompiledRules['businessApplications'] = {
    track: {
      minPairs: ba.trackClassification.minPairs,
      revenueAboveCents: usdToCents(ba.trackClassification.revenueAboveUsd),
    },
    netCustomerAdds: {
      ...unit(ba.netCustomerAdds),
      floorCents: {
        enterprise: usdToCents(ba.netCustomerAdds.floorUsd.enterprise),
        smb: usdToCents(ba.netCustomerAdds.floorUsd.smb),
      },
      plainMask: maskOf(ba.netCustomerAdds.associations, associationBit) & ~cporBit,
      cporActivityMask: ba.netCustomerAdds.associations.includes('CPOR') ? maskOf(ba.netCustomerAdds.cporActivities, activityBit) : 0,
      workloads: new NameLookup(ba.netCustomerAdds.workloads.map((w, i) => [w, i] as const)),
      workloadNames: [...ba.netCustomerAdds.workloads],
    },
    customerSuccess: {
      records: new NameLookup(csRecords),
      workloadNames: cs.rateCard.map((e) => e.workload),
      scaledRates: cs.rateCard.map((e) => Math.round(e.ratePerActiveUser * scale)),
      scale,
      palOnly: cs.rateCard.map((e) => e.palOnly),
      plainMask: maskOf(cs.associations, associationBit) & ~cporBit,
      cporActivityMask: cs.associations.includes('CPOR') ? maskOf(cs.cporActivities, activityBit) : 0,
      palOnlyMask: maskOf(cs.palOnlyAssociations, associationBit),
    },
    usageGrowth: {
      ...unit(ba.usageGrowth),
      minBaseScaledMcv: {
        enterprise: Math.round(ba.usageGrowth.minBaseMcv.enterprise * scale),
        smb: Math.round(ba.usageGrowth.minBaseMcv.smb * scale),
      },
    },
    deployments: {
      ...unit(ba.deployments),
      minScaledMcv: {
        enterprise: Math.round(ba.deployments.minMcv.enterprise * scale),
        smb: Math.round(ba.deployments.minMcv.smb * scale),
      },
    },
    intermediateCertifications: listed(ba.intermediateCertifications),
    advancedCertifications: listed(ba.advancedCertifications),
  };

  const mw = catalog.modernWork;
  const notForNca = new Set(mw.workloads.notForNetCustomerAdds.map(nameKey));
  const groups = (track: Track): CompiledModernWorkGroup[] =>
    mw.associationGroups[track].map((g) => ({
      id: g.id,
      mask: maskOf(g.associations, associationBit),
      typeIndexes: ASSOCIATION_TYPES.flatMap((type, index) => (g.associations.includes(type) ? [index] : [])),
      usageGrowth: unit({ maxPoints: mw.usageGrowth.maxPoints, threshold: g.usageGrowthThreshold }),
      deployments: unit({ maxPoints: mw.deployments.maxPoints, threshold: g.deploymentsThreshold }),
    }));
  const modernWork: CompiledRules['modernWork'] = {
    workloads: new NameLookup(mw.workloads.all.map((w) => [w, { forNetCustomerAdds: !notForNca.has(nameKey(w)) }] as const)),
    bands: { enterprise: range(mw.bands.enterprise), smb: range(mw.bands.smb) },
    groups: { enterprise: groups('enterprise'), smb: groups('smb') },
    netCustomerAdds: {
      enterprise: unit(mw.netCustomerAdds.tracks.enterprise),
      smb: unit(mw.netCustomerAdds.tracks.smb),
    },
    usageGrowthMaxPoints: mw.usageGrowth.maxPoints,
    usageGrowthMax: fromCatalogNumber(mw.usageGrowth.maxPoints),
    deploymentsMaxPoints: mw.deployments.maxPoints,
    deploymentsMax: fromCatalogNumber(mw.deployments.maxPoints),
    minActiveShare: fromCatalogNumber(mw.deployments.minActiveShare),
    intermediateCertifications: listed(mw.intermediateCertifications),
    advancedCertifications: listed(mw.advancedCertifications),
  };

  const sec = catalog.security;
  const securityTrack = (track: Track) => ({
    azureTtmCents: range(sec.usageGrowth.tracks[track].azureTtmUsd, CENTS_PER_USD),
    centsPerPoint: fromCatalogNumber(sec.usageGrowth.tracks[track].azureUsdPerPoint * CENTS_PER_USD),
    usersPerPoint: fromCatalogNumber(sec.usageGrowth.tracks[track].m365UsersPerPoint),
  });
  const security: CompiledRules['security'] = {
    services: new NameLookup(sec.azure.services.map((s) => [s, true] as const)),
    azureAssociationMask: maskOf(sec.azure.associations, associationBit),
    azureOfferMask: maskOf(sec.azure.offers, offerBit),
    workloads: new NameLookup(sec.m365.workloads.map((w) => [w, true] as const)),
    m365AssociationMask: maskOf(sec.m365.associations, associationBit),
    bands: { enterprise: range(sec.bands.enterprise), smb: range(sec.bands.smb) },
    netCustomerAdds: {
      azureMinTtmCents: usdToCents(sec.netCustomerAdds.azureMinTtmUsd),
      tracks: {
        enterprise: unit(sec.netCustomerAdds.tracks.enterprise),
        smb: unit(sec.netCustomerAdds.tracks.smb),
      },
    },
    usageGrowth: {
      maxPoints: sec.usageGrowth.maxPoints,
      max: fromCatalogNumber(sec.usageGrowth.maxPoints),
      tracks: { enterprise: securityTrack('enterprise'), smb: securityTrack('smb') },
    },
    deployments: {
      ...unit(sec.deployments),
      minActiveShare: fromCatalogNumber(sec.deployments.minActiveShare),
      tracks: {
        enterprise: { azureTtmCents: range(sec.deployments.tracks.enterprise.azureTtmUsd, CENTS_PER_USD) },
        smb: { azureTtmCents: range(sec.deployments.tracks.smb.azureTtmUsd, CENTS_PER_USD) },
      },
    },
    intermediateCertifications: stepped(sec.intermediateCertifications),
  };

  // Retirement dates apply to a certification wherever it is listed.
  const retired: (string | null)[] = certNames.map(() => null);
  for (const r of catalog.certifications.retired) {
    const index = certIndex.get(nameKey(r.name));
    if (index === undefined) throw new Error(`retired certification not on any list: ${r.name}`);
    retired[index] = r.retired;
  }

  return {
    catalog,
    rulesVersion: catalog.rulesVersion,
    qualifyingTotal: fromCatalogNumber(catalog.qualification.minTotal),
    certifications: {
      lookup: new NameLookup(
        certNames.map((n, i) => [n, i] as const),
        catalog.certifications.aliasPrefixes,
      ),
      names: certNames,
      retired,
      graceEnd: retired.map((r) => (r === null ? null : addYears(r, catalog.certifications.retiredGraceYears))),
    },
    azure,
    businessApplications,
    modernWork,
    security,
  };
}

function stepTrack(t: { gateMinPeople: number; gatePoints: number; perPerson: number | string }): CompiledStepTrack {
  return {
    gateMinPeople: t.gateMinPeople,
    gatePoints: fromCatalogNumber(t.gatePoints),
    perPerson: fromCatalogNumber(t.perPerson),
  };
}
