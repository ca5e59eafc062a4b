// One partner's facts, as the scoring contract (../shared/spec/scoring-contract.md) defines its input,
// after defaults are applied. The zod schema in ./schema.ts parses raw JSON into this shape.

export const AREAS = ['dataAi', 'infrastructure', 'digitalAppInnovation', 'businessApplications', 'modernWork', 'security'] as const;
export type Area = (typeof AREAS)[number];

/** The areas scored on Azure usage: one Azure track for all three (scoring contract, pcs-rules §3.4). */
export const AZURE_AREAS = ['dataAi', 'infrastructure', 'digitalAppInnovation'] as const satisfies readonly Area[];
export type AzureArea = (typeof AZURE_AREAS)[number];

export const TRACKS = ['enterprise', 'smb'] as const;
export type Track = (typeof TRACKS)[number];

export const ASSOCIATION_TYPES = ['CSP_T1', 'CSP_T2', 'DPOR', 'PAL', 'CPOR'] as const;
export type AssociationType = (typeof ASSOCIATION_TYPES)[number];

export const CPOR_ACTIVITIES = ['use-consume', 'revrec', 'osa', 'revrec-performance', 'osu'] as const;
export type CporActivity = (typeof CPOR_ACTIVITIES)[number];

export const SEGMENTS = ['enterprise', 'smb'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const CLOUDS = ['commercial', 'government', 'china'] as const;
export type Cloud = (typeof CLOUDS)[number];

export const OFFERS = ['standard', 'trial', 'support', 'internal', 'benefit'] as const;
export type Offer = (typeof OFFERS)[number];

/** ISO date `YYYY-MM-DD` (UTC day). */
export type IsoDate = string;
/** ISO month `YYYY-MM`. */
export type IsoMonth = string;

export interface Association {
  type: AssociationType;
  cporActivity?: CporActivity | null;
  workload?: string | null;
  from: IsoDate;
  to: IsoDate | null;
}

interface UsageBase {
  month: IsoMonth;
  association: AssociationType;
  cporActivity?: CporActivity | null;
}
export interface AzureUsage extends UsageBase {
  kind: 'azure';
  service: string;
  acrUsd: number;
  offer: Offer;
}
export interface M365Usage extends UsageBase {
  kind: 'm365';
  workload: string;
  paidSeats: number;
  activeUsers: number;
}
export interface BizAppsUsage extends UsageBase {
  kind: 'bizapps';
  workload: string;
  revenueUsd: number;
  activeUsers: number;
}
export type UsageRecord = AzureUsage | M365Usage | BizAppsUsage;

export interface Customer {
  tenantId: string;
  segment: Segment;
  cloud: Cloud;
  /** null: associations omitted, every usage record counts as attributed. */
  associations: Association[] | null;
  usage: UsageRecord[];
}

export interface Certification {
  name: string;
  earned: IsoDate;
  expires: IsoDate | null;
}

export interface Person {
  id: string;
  linkedFrom: IsoDate;
  linkedTo: IsoDate | null;
  certifications: Certification[];
}

export interface Enrollment {
  /** null when the facts leave it out (the scoring contract does not need it). */
  anniversary: IsoDate | null;
  areas: Area[];
  azureTrack: Track | null;
}

export interface PartnerFacts {
  partnerId: string;
  asOf: IsoDate;
  enrollment: Enrollment | null;
  customers: Customer[];
  people: Person[];
}
