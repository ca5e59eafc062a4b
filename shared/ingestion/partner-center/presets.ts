// The presets, kept as data: for each Partner Center Insights dataset, which columns are read (each
// field with the names it has had across doc versions — the first is the current documented name),
// which values mean what (attribution → association type, titles → catalog certification names,
// Partner Center product/workload/SKU names → catalog workloads). Names compare case-insensitively with
// spaces, underscores, hyphens and dots ignored. Adding an alias is one edit here.
import type { PartnerCenterDataset } from '../../config/partner-insights.js';
import type { AssociationType, CporActivity } from '../../domain/facts/types.js';
import { CATALOG_2026_05 } from '../../domain/rules/catalog-2026-05.js';

export interface ColumnSpec {
  /** Our name for the column inside the preset. */
  field: string;
  /** Partner Center names, newest documented first. */
  names: readonly string[];
  required?: boolean;
}

export interface DatasetPreset {
  dataset: PartnerCenterDataset;
  /** What the rows become. */
  produces: 'azure' | 'm365' | 'ems' | 'bizapps-seats' | 'customers' | 'training';
  columns: readonly ColumnSpec[];
}

const TENANT: ColumnSpec = { field: 'tenantId', names: ['CustomerTenantId', 'CustomerTenantID', 'TenantId'], required: true };
const MONTH: ColumnSpec = { field: 'month', names: ['Month', 'MonthKey', 'month'], required: true };
const ATTRIBUTION: ColumnSpec = {
  field: 'attribution',
  names: ['PartnerAttributionType', 'AssociationType', 'PartnerAttachType', 'PartnerAssociationType'],
  required: true,
};
const SEGMENT: ColumnSpec = { field: 'segment', names: ['CustomerSegment', 'Segment', 'TopSegment'] };
const DUPLICATE_PGA: ColumnSpec = { field: 'duplicate', names: ['IsDuplicateRowForPGA'] };

export const DATASET_PRESETS: Readonly<Record<PartnerCenterDataset, DatasetPreset>> = {
  AzureUsage: {
    dataset: 'AzureUsage',
    produces: 'azure',
    columns: [
      TENANT,
      MONTH,
      { field: 'service', names: ['ServiceLevel2', 'ServiceName', 'MeterCategory'], required: true },
      ATTRIBUTION,
      { field: 'acrUsd', names: ['ACR_USD', 'TotalACR', 'MonthlySubscriptionLevelACR'], required: true },
      { field: 'duplicate', names: ['IsACRDuplicateAtPGALevel', 'IsDuplicateRowForPGA'] },
      SEGMENT,
    ],
  },
  OfficeUsage: {
    dataset: 'OfficeUsage',
    produces: 'm365',
    columns: [
      TENANT,
      MONTH,
      { field: 'workload', names: ['WorkloadName', 'Workload'], required: true },
      { field: 'paidSeats', names: ['PaidAvailableUnits', 'PAU'], required: true },
      { field: 'activeUsers', names: ['MonthlyActiveUsers', 'MAU'], required: true },
      ATTRIBUTION,
      DUPLICATE_PGA,
      SEGMENT,
    ],
  },
  EMSUsage: {
    dataset: 'EMSUsage',
    produces: 'ems',
    columns: [
      TENANT,
      MONTH,
      { field: 'attribution', names: ['PartnerAttachType', 'PartnerAttributionType', 'AssociationType'], required: true },
      { field: 'sku', names: ['SKU'] },
      { field: 'paidSeats', names: ['PaidAvailableUnits'] },
      { field: 'activeUsers', names: ['MonthlyActiveUsers'] },
      { field: 'aadpPaid', names: ['AADPPaidAvailableUnits'] },
      { field: 'aadpActive', names: ['AADPMonthlyActiveUsers'] },
      { field: 'intunePaid', names: ['IntunePaidAvailableUnits'] },
      { field: 'intuneActive', names: ['IntuneMonthlyActiveUsers'] },
      { field: 'azipPaid', names: ['AzipPaidAvailableUnits'] },
      { field: 'azipActive', names: ['AzipMonthlyActiveUsers'] },
      DUPLICATE_PGA,
      SEGMENT,
    ],
  },
  DynamicsUsage: {
    dataset: 'DynamicsUsage',
    produces: 'bizapps-seats',
    columns: [
      TENANT,
      MONTH,
      { field: 'sku', names: ['SKU', 'RevSumCategoryName'], required: true },
      { field: 'activeUsers', names: ['ActiveSeats', 'ActiveUsers'], required: true },
      { field: 'attribution', names: ['PartnerAttachType', 'PartnerAttributionType', 'AssociationType'], required: true },
      DUPLICATE_PGA,
      SEGMENT,
    ],
  },
  PowerBIUsage: {
    dataset: 'PowerBIUsage',
    produces: 'bizapps-seats',
    columns: [
      TENANT,
      MONTH,
      { field: 'sku', names: ['SKU'], required: true },
      { field: 'activeUsers', names: ['ActiveSeats', 'ActiveUsers'], required: true },
      { field: 'attribution', names: ['PartnerAttachType', 'PartnerAttributionType', 'AssociationType'], required: true },
      DUPLICATE_PGA,
      SEGMENT,
    ],
  },
  CustomersAndTenants: {
    dataset: 'CustomersAndTenants',
    produces: 'customers',
    columns: [
      TENANT,
      MONTH,
      ATTRIBUTION,
      { field: 'product', names: ['Product', 'RawProductName', 'ReportingProductName'], required: true },
      { field: 'revenueUsd', names: ['BilledRevenueUSD', 'BilledRevenue'] },
      DUPLICATE_PGA,
      SEGMENT,
    ],
  },
  TrainingCompletions: {
    dataset: 'TrainingCompletions',
    produces: 'training',
    columns: [
      { field: 'personId', names: ['MCPID', 'MCPId', 'McpId'], required: true },
      { field: 'type', names: ['TrainingType'], required: true },
      { field: 'title', names: ['TrainingTitle', 'TrainingName'], required: true },
      { field: 'earned', names: ['TrainingCompletionDate', 'CompletionDate'], required: true },
      { field: 'expires', names: ['ExpirationDate'] },
      { field: 'month', names: ['Month'] },
    ],
  },
};

export interface Attribution {
  type: AssociationType;
  cporActivity: CporActivity | null;
}

/** PartnerAttributionType (and PartnerAttachType) values → association type. Any other value is reported, not scored. */
export const ATTRIBUTIONS: Readonly<Record<string, Attribution>> = {
  'CSP Tier 1': { type: 'CSP_T1', cporActivity: null },
  'CSP Tier 2': { type: 'CSP_T2', cporActivity: null },
  'CSP Indirect Reseller': { type: 'CSP_T2', cporActivity: null },
  DPOR: { type: 'DPOR', cporActivity: null },
  'Digital Partner of Record': { type: 'DPOR', cporActivity: null },
  'Partner Admin Link (PAL)': { type: 'PAL', cporActivity: null },
  PAL: { type: 'PAL', cporActivity: null },
  'Partner Admin Link': { type: 'PAL', cporActivity: null },
  CPOR: { type: 'CPOR', cporActivity: null },
  'CPOR - Competency': { type: 'CPOR', cporActivity: null },
  'CPOR - FRP': { type: 'CPOR', cporActivity: null },
  'CPOR OSA': { type: 'CPOR', cporActivity: 'osa' },
  'CPOR - OSA': { type: 'CPOR', cporActivity: 'osa' },
  'CPOR RevRec': { type: 'CPOR', cporActivity: 'revrec' },
  'CPOR - RevRec': { type: 'CPOR', cporActivity: 'revrec' },
  'CPOR OSU': { type: 'CPOR', cporActivity: 'osu' },
  'CPOR Use & Consume': { type: 'CPOR', cporActivity: 'use-consume' },
};

/** Partner Center product, workload and SKU names → the catalog's workload names (m365 and bizapps). */
export const WORKLOAD_ALIASES: Readonly<Record<string, string>> = {
  'Microsoft Teams': 'Teams',
  Exchange: 'Exchange Online',
  'Exchange Online': 'Exchange Online',
  SharePoint: 'SharePoint Online',
  'SharePoint Online': 'SharePoint Online',
  'Office 365 ProPlus': 'Microsoft 365 Apps',
  'Microsoft 365 Apps for enterprise': 'Microsoft 365 Apps',
  'Microsoft 365 Apps for business': 'Microsoft 365 Apps',
  'Microsoft 365 Copilot': 'M365 Copilot',
  Copilot: 'M365 Copilot',
  Yammer: 'Viva Engage',
  'Azure Active Directory Premium': 'Microsoft Entra ID P1',
  'Azure AD Premium P1': 'Microsoft Entra ID P1',
  'Entra ID P1': 'Microsoft Entra ID P1',
  'Microsoft Intune': 'Intune',
  'Azure Information Protection': 'Purview Information Protection',
  'Microsoft Defender for Office 365': 'Defender for Office 365',
  'Microsoft Defender for Endpoint': 'Defender for Endpoint P2',
  'Microsoft Defender for Identity': 'Defender for Identity',
  'Dynamics 365 Business Central': 'Business Central',
  'Dynamics 365 Sales': 'Sales',
  'Dynamics 365 Customer Service': 'Customer Service',
  'Dynamics 365 Field Service': 'Field Service',
  'Dynamics 365 Finance': 'Finance',
  'Dynamics 365 Supply Chain Management': 'Supply Chain',
  'Dynamics 365 Commerce': 'Commerce',
  'Dynamics 365 Human Resources': 'HR',
  'Dynamics 365 Project Operations': 'Project Operations',
  'Dynamics 365 Customer Insights': 'Customer Insights',
  'Dynamics 365 Contact Center': 'Contact Center',
  'Power BI Pro': 'Power BI',
  'Power BI Premium': 'Power BI',
  'Power BI Premium Per User': 'Power BI',
  'Power Apps Premium': 'Power Apps',
  'Power Apps per user': 'Power Apps',
  'Power Automate Premium': 'Power Automate',
  'Power Automate per user': 'Power Automate',
  'Power Pages': 'Power Pages',
  'Microsoft Copilot Studio': 'Copilot Studio',
};

/** Prefixes of SKU names before the workload (e.g. "Dynamics 365 Business Central Essentials" → Business Central). */
export const SKU_WORKLOAD_PREFIXES: readonly string[] = Object.keys(WORKLOAD_ALIASES)
  .filter((k) => /^(Dynamics 365|Power|Microsoft Copilot)/.test(k))
  .sort((a, b) => b.length - a.length);

/** EMSUsage's per-workload columns → catalog workloads. */
export const EMS_WORKLOADS = [
  { workload: 'Microsoft Entra ID P1', paid: 'aadpPaid', active: 'aadpActive' },
  { workload: 'Intune', paid: 'intunePaid', active: 'intuneActive' },
  { workload: 'Purview Information Protection', paid: 'azipPaid', active: 'azipActive' },
] as const;

/** A leading "Microsoft Certified: " is not part of the catalog name. */
export const CERTIFICATION_PREFIXES: readonly string[] = CATALOG_2026_05.certifications.aliasPrefixes ?? ['Microsoft Certified: '];
/** TrainingType values that are certifications. */
export const CERTIFICATION_TYPES: readonly string[] = ['Certification'];

/** Customer segments as Partner Center writes them → ours. */
export const SEGMENT_PATTERNS: ReadonlyArray<{ pattern: RegExp; segment: 'enterprise' | 'smb' }> = [
  { pattern: /smb|small|sm&c smb/i, segment: 'smb' },
  { pattern: /enterprise|major|strategic|corporate|public sector|government|education/i, segment: 'enterprise' },
];

/** Azure service names (ServiceLevel2) the presets know. Any service counts for the Azure areas; an unknown one is imported as named and reported. */
export const AZURE_SERVICES: readonly string[] = [
  'API Management',
  'App Service',
  'Application Gateway',
  'Azure AI Search',
  'Azure AI Services',
  'Azure App Configuration',
  'Azure Arc',
  'Azure Backup',
  'Azure Bastion',
  'Azure Cache for Redis',
  'Azure Cosmos DB',
  'Azure Data Explorer',
  'Azure Data Factory',
  'Azure Database for MySQL',
  'Azure Database for PostgreSQL',
  'Azure Databricks',
  'Azure DDoS Protection',
  'Azure DevOps',
  'Azure Firewall',
  'Azure Firewall Manager',
  'Azure Front Door Service',
  'Azure Functions',
  'Azure Kubernetes Service',
  'Azure Machine Learning',
  'Azure Monitor',
  'Azure OpenAI Service',
  'Azure Site Recovery',
  'Azure Synapse Analytics',
  'Azure Virtual Desktop',
  'Bandwidth',
  'Container Apps',
  'Container Registry',
  'Event Grid',
  'Event Hubs',
  'ExpressRoute',
  'Key Vault',
  'Load Balancer',
  'Log Analytics',
  'Logic Apps',
  'Microsoft Defender for Cloud',
  'Microsoft Entra',
  'Microsoft Entra Domain Services',
  'Microsoft Entra Verified ID',
  'Microsoft Fabric',
  'Microsoft Purview',
  'Microsoft Security Copilot',
  'Sentinel',
  'Service Bus',
  'SQL Database',
  'SQL Managed Instance',
  'Storage',
  'Virtual Machines',
  'Virtual Machines Licenses',
  'Virtual Network',
  'VPN Gateway',
  'Azure AD B2C',
  'Azure AD for External Identities',
  'Azure IoT Security',
  'Azure Stack HCI',
  'Power BI Embedded',
  'Stream Analytics',
  'Azure SQL',
  'Azure Spring Apps',
  'Azure Static Web Apps',
  'Azure Communication Services',
  'Azure Maps',
  'Azure IoT Hub',
  ...CATALOG_2026_05.security.azure.services,
];

/** Every string in the catalog's certification lists (the names TrainingTitle maps to). */
export function catalogCertificationNames(): string[] {
  const out = new Set<string>();
  const walk = (value: unknown, inCertifications: boolean) => {
    if (Array.isArray(value)) {
      for (const v of value) {
        if (typeof v === 'string' && inCertifications) out.add(v);
        else walk(v, inCertifications);
      }
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k === 'certifications' || (inCertifications && k !== 'source'));
    }
  };
  walk(CATALOG_2026_05, false);
  for (const r of CATALOG_2026_05.certifications.retired) out.add(r.name);
  return [...out];
}

/** Every workload name the catalog's lists hold (m365, security, bizapps). */
export function catalogWorkloadNames(): string[] {
  const c = CATALOG_2026_05;
  return [
    ...c.modernWork.workloads.all,
    ...c.security.m365.workloads,
    ...c.businessApplications.netCustomerAdds.workloads,
    ...c.businessApplications.customerSuccess.rateCard.flatMap((r) => [r.workload, ...r.rollUp]),
  ];
}

export function businessApplicationsWorkloads(): string[] {
  const c = CATALOG_2026_05.businessApplications;
  return [...c.netCustomerAdds.workloads, ...c.customerSuccess.rateCard.flatMap((r) => [r.workload, ...r.rollUp])];
}
