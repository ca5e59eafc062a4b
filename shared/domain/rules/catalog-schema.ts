// Shape of the rule catalog, validated with zod when a catalog is loaded. Every Microsoft number lives
// in a catalog of this shape (see ./catalog-2026-05.ts), each block with its source link and the date
// from which it applies.
import { z } from 'zod';

import { isRealDate } from '../calendar/dates.js';
import { ASSOCIATION_TYPES, CPOR_ACTIVITIES, OFFERS } from '../facts/types.js';

const isoDate = z.string().refine(isRealDate, { error: 'not a real date' });
const sourced = { source: z.url(), effective: isoDate };
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
/** A number or an exact fraction written "40/6" (per-person points that are not decimals). */
const exactNumber = z.union([nonNegative, z.string().regex(/^\d+(\.\d+)?\/\d+(\.\d+)?$/)]);
const names = z.array(z.string().min(1)).min(1);
const associationTypes = z.array(z.enum(ASSOCIATION_TYPES)).min(1);

/** Inclusive unless named `above` (strictly more than). Bands of seats, ranges of TTM dollars. */
export const rangeSchema = z.object({ above: z.number().optional(), from: z.number().optional(), to: z.number().optional() }).strict();

/** points = clamp(value × maxPoints / threshold, 0, maxPoints). */
export const unitMetricSchema = z.object({ maxPoints: positive, threshold: positive }).strict();

export const steppedSkillingSchema = z
  .object({
    ...sourced,
    maxPoints: positive,
    gates: z.array(z.object({ certifications: names }).strict()),
    final: z.object({ certifications: names }).strict(),
    tracks: z
      .object({
        enterprise: z.object({ gateMinPeople: positive, gatePoints: nonNegative, perPerson: exactNumber }).strict(),
        smb: z.object({ gateMinPeople: positive, gatePoints: nonNegative, perPerson: exactNumber }).strict(),
      })
      .strict(),
  })
  .strict();

export const listedSkillingSchema = z
  .object({
    ...sourced,
    certifications: names,
    tracks: z.object({ enterprise: unitMetricSchema, smb: unitMetricSchema }).strict(),
  })
  .strict();

const byTrack = <T extends z.ZodType>(item: T) => z.object({ enterprise: item, smb: item }).strict();

const azureSchema = z
  .object({
    eligibility: z.object({ ...sourced, associations: associationTypes, offers: z.array(z.enum(OFFERS)).min(1) }).strict(),
    trackClassification: z.object({ ...sourced, smbSharePercent: positive }).strict(),
    netCustomerAdds: z.object({ ...sourced, ...unitMetricSchema.shape, floorUsd: byTrack(positive) }).strict(),
    usageGrowth: z.object({ ...sourced, ...unitMetricSchema.shape, minTtmUsd: nonNegative }).strict(),
    deployments: z.object({ ...sourced, ...unitMetricSchema.shape, excludedServices: names }).strict(),
    skilling: z
      .object({
        dataAi: z.object({ intermediateCertifications: steppedSkillingSchema }).strict(),
        infrastructure: z
          .object({ intermediateCertifications: steppedSkillingSchema, advancedCertifications: steppedSkillingSchema })
          .strict(),
        digitalAppInnovation: z
          .object({ intermediateCertifications: steppedSkillingSchema, advancedCertifications: steppedSkillingSchema })
          .strict(),
      })
      .strict(),
  })
  .strict();

const rateCardEntry = z
  .object({
    workload: z.string().min(1),
    ratePerActiveUser: positive,
    /** Record workload names that roll up into this rate-card workload. */
    rollUp: z.array(z.string().min(1)),
    /** Counts through PAL only (Power Platform and Customer Insights). */
    palOnly: z.boolean(),
  })
  .strict();

const businessApplicationsSchema = z
  .object({
    trackClassification: z.object({ ...sourced, minPairs: positive, revenueAboveUsd: positive }).strict(),
    netCustomerAdds: z
      .object({
        ...sourced,
        ...unitMetricSchema.shape,
        floorUsd: byTrack(positive),
        associations: associationTypes,
        cporActivities: z.array(z.enum(CPOR_ACTIVITIES)).min(1),
        workloads: names,
      })
      .strict(),
    customerSuccess: z
      .object({
        ...sourced,
        rateCard: z.array(rateCardEntry).min(1),
        associations: associationTypes,
        cporActivities: z.array(z.enum(CPOR_ACTIVITIES)).min(1),
        palOnlyAssociations: associationTypes,
      })
      .strict(),
    usageGrowth: z.object({ ...sourced, ...unitMetricSchema.shape, minBaseMcv: byTrack(positive) }).strict(),
    deployments: z.object({ ...sourced, ...unitMetricSchema.shape, minMcv: byTrack(positive) }).strict(),
    intermediateCertifications: listedSkillingSchema,
    advancedCertifications: listedSkillingSchema,
  })
  .strict();

const modernWorkGroup = z
  .object({
    id: z.string().min(1),
    associations: associationTypes,
    usageGrowthThreshold: positive,
    deploymentsThreshold: positive,
  })
  .strict();

const modernWorkSchema = z
  .object({
    workloads: z.object({ ...sourced, all: names, notForNetCustomerAdds: z.array(z.string().min(1)) }).strict(),
    bands: z.object({ ...sourced, enterprise: rangeSchema, smb: rangeSchema }).strict(),
    associationGroups: z.object({ ...sourced, enterprise: z.array(modernWorkGroup).min(1), smb: z.array(modernWorkGroup).min(1) }).strict(),
    netCustomerAdds: z.object({ ...sourced, tracks: byTrack(unitMetricSchema) }).strict(),
    usageGrowth: z.object({ ...sourced, maxPoints: positive }).strict(),
    deployments: z.object({ ...sourced, maxPoints: positive, minActiveShare: positive }).strict(),
    intermediateCertifications: listedSkillingSchema,
    advancedCertifications: listedSkillingSchema,
  })
  .strict();

const securitySchema = z
  .object({
    azure: z.object({ ...sourced, services: names, associations: associationTypes, offers: z.array(z.enum(OFFERS)).min(1) }).strict(),
    m365: z.object({ ...sourced, workloads: names, associations: associationTypes }).strict(),
    bands: z.object({ ...sourced, enterprise: rangeSchema, smb: rangeSchema }).strict(),
    netCustomerAdds: z.object({ ...sourced, azureMinTtmUsd: positive, tracks: byTrack(unitMetricSchema) }).strict(),
    usageGrowth: z
      .object({
        ...sourced,
        maxPoints: positive,
        tracks: byTrack(z.object({ azureTtmUsd: rangeSchema, azureUsdPerPoint: positive, m365UsersPerPoint: positive }).strict()),
      })
      .strict(),
    deployments: z
      .object({
        ...sourced,
        ...unitMetricSchema.shape,
        minActiveShare: positive,
        tracks: byTrack(z.object({ azureTtmUsd: rangeSchema }).strict()),
      })
      .strict(),
    intermediateCertifications: steppedSkillingSchema,
  })
  .strict();

export const ruleCatalogSchema = z
  .object({
    rulesVersion: z.string().min(1),
    effective: isoDate,
    qualification: z.object({ ...sourced, minTotal: positive }).strict(),
    certifications: z
      .object({
        ...sourced,
        /** A retired certification counts for people who earned it before retirement, this long after. */
        retiredGraceYears: nonNegative,
        /** Prefixes that may precede a canonical name ("Microsoft Certified: "). */
        aliasPrefixes: z.array(z.string().min(1)),
        retired: z.array(z.object({ name: z.string().min(1), retired: isoDate, source: z.url() }).strict()),
      })
      .strict(),
    azure: azureSchema,
    businessApplications: businessApplicationsSchema,
    modernWork: modernWorkSchema,
    security: securitySchema,
  })
  .strict();

export type RuleCatalog = z.infer<typeof ruleCatalogSchema>;
export type Range = z.infer<typeof rangeSchema>;
export type UnitMetric = z.infer<typeof unitMetricSchema>;
export type SteppedSkilling = z.infer<typeof steppedSkillingSchema>;
export type ListedSkilling = z.infer<typeof listedSkillingSchema>;
