// Rule catalog, version 2026-05: the Microsoft numbers behind the Partner Capability Score, as fixed by
// ../shared/spec/scoring-contract.md, with names from catalog-names.md and sources from pcs-rules.md §0.
// Changing a threshold, floor, list or rate is one edit here; scoring code holds no rule numbers.
import type { RuleCatalog } from './catalog-schema.js';

const EFFECTIVE = '2026-05-01'; // pages captured ~May 2026 (pcs-rules.md §0, S5/S7/S9/S11)
const PCS_PAGE = 'https://learn.microsoft.com/en-us/partner-center/membership/partner-capability-score'; // S29
const AZURE_PAGE = 'https://learn.microsoft.com/en-us/partner-center/membership/solutions-partner-azure'; // S5
const BIZAPPS_PAGE = 'https://learn.microsoft.com/en-us/partner-center/membership/solutions-partner-business'; // S7
const MODERN_WORK_PAGE = 'https://learn.microsoft.com/en-us/partner-center/membership/solutions-partner-modern-work'; // S9
const SECURITY_PAGE = 'https://learn.microsoft.com/en-us/partner-center/membership/solutions-partner-security'; // S11

const azure = { source: AZURE_PAGE, effective: EFFECTIVE };
const bizApps = { source: BIZAPPS_PAGE, effective: EFFECTIVE };
const modernWork = { source: MODERN_WORK_PAGE, effective: EFFECTIVE };
const security = { source: SECURITY_PAGE, effective: EFFECTIVE };

// Step-gated skilling mechanics shared by the Azure areas (pcs-rules.md §2.1, contract "Step-gated skilling").
const AZURE_STEP_TRACKS = {
  enterprise: { gateMinPeople: 2, gatePoints: 0, perPerson: 4 },
  smb: { gateMinPeople: 1, gatePoints: 4, perPerson: 4 },
};

export const CATALOG_2026_05: RuleCatalog = {
  rulesVersion: '2026-05',
  effective: EFFECTIVE,
  qualification: { source: PCS_PAGE, effective: EFFECTIVE, minTotal: 70 },

  certifications: {
    source: AZURE_PAGE,
    effective: EFFECTIVE,
    retiredGraceYears: 1,
    aliasPrefixes: ['Microsoft Certified: '],
    retired: [
      { name: 'Azure AI Engineer Associate', retired: '2026-06-30', source: AZURE_PAGE },
      { name: 'Azure Data Scientist Associate', retired: '2026-06-01', source: AZURE_PAGE },
      { name: 'Azure Developer Associate', retired: '2026-07-31', source: AZURE_PAGE },
      { name: 'Power Platform Solution Architect Expert', retired: '2026-06-30', source: AZURE_PAGE },
      { name: 'Dynamics 365 Field Service Functional Consultant Associate', retired: '2026-06-30', source: BIZAPPS_PAGE },
      { name: 'Power Platform Functional Consultant Associate', retired: '2026-08-31', source: BIZAPPS_PAGE },
      { name: 'Power Automate RPA Developer Associate', retired: '2026-06-30', source: BIZAPPS_PAGE },
      { name: 'Dynamics 365 Customer Experience Analyst Associate', retired: '2026-07-31', source: BIZAPPS_PAGE },
      { name: 'Dynamics 365 Supply Chain Management Functional Consultant Expert', retired: '2026-06-30', source: BIZAPPS_PAGE },
      { name: 'Dynamics 365 Finance and Operations Apps Solution Architect Expert', retired: '2026-06-30', source: BIZAPPS_PAGE },
      { name: 'Microsoft 365 Fundamentals', retired: '2026-03-31', source: MODERN_WORK_PAGE },
      { name: 'Microsoft 365 Enterprise Administrator Expert', retired: '2026-11-30', source: MODERN_WORK_PAGE },
      { name: 'Teams Meetings and Meeting Rooms Technical Assessment', retired: '2026-06-15', source: MODERN_WORK_PAGE },
      { name: 'Azure Security Engineer Associate', retired: '2026-08-31', source: SECURITY_PAGE },
      { name: 'Information Protection Administrator Associate', retired: '2025-05-31', source: SECURITY_PAGE },
    ],
  },

  azure: {
    eligibility: { ...azure, associations: ['CSP_T1', 'CSP_T2', 'DPOR', 'PAL'], offers: ['standard'] },
    trackClassification: { ...azure, smbSharePercent: 80 },
    netCustomerAdds: { ...azure, maxPoints: 30, threshold: 3, floorUsd: { enterprise: 1000, smb: 500 } },
    usageGrowth: { ...azure, maxPoints: 20, threshold: 20, minTtmUsd: 1000 },
    deployments: {
      ...azure,
      maxPoints: 10,
      threshold: 5,
      excludedServices: ['Virtual Machines', 'Virtual Machines Licenses'],
    },
    skilling: {
      dataAi: {
        intermediateCertifications: {
          ...azure,
          maxPoints: 40,
          gates: [{ certifications: ['Azure Administrator Associate'] }, { certifications: ['Azure Solutions Architect Expert'] }],
          final: {
            certifications: [
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
            ],
          },
          tracks: AZURE_STEP_TRACKS,
        },
      },
      infrastructure: {
        intermediateCertifications: {
          ...azure,
          maxPoints: 20,
          gates: [{ certifications: ['Azure Administrator Associate'] }],
          final: {
            certifications: ['Azure Network Engineer Associate', 'Windows Server Hybrid Administrator Associate'],
          },
          tracks: AZURE_STEP_TRACKS,
        },
        advancedCertifications: {
          ...azure,
          maxPoints: 20,
          gates: [{ certifications: ['Azure Solutions Architect Expert'] }],
          final: { certifications: ['Azure Virtual Desktop Specialty', 'Azure for SAP Workloads Specialty'] },
          tracks: AZURE_STEP_TRACKS,
        },
      },
      digitalAppInnovation: {
        intermediateCertifications: {
          ...azure,
          maxPoints: 20,
          gates: [{ certifications: ['Azure Administrator Associate'] }],
          final: {
            certifications: [
              'Azure Developer Associate',
              'Power Platform Developer Associate',
              'Azure AI Cloud Developer Associate',
              'GitHub Certified: Agentic AI Developer',
            ],
          },
          tracks: AZURE_STEP_TRACKS,
        },
        advancedCertifications: {
          ...azure,
          maxPoints: 20,
          gates: [{ certifications: ['Azure Solutions Architect Expert'] }],
          final: {
            certifications: [
              'Azure DevOps Engineer Expert',
              'Power Platform Solution Architect Expert',
              'GitHub Actions',
              'GitHub Administration',
              'GitHub Advanced Security',
              'GitHub Copilot',
            ],
          },
          tracks: AZURE_STEP_TRACKS,
        },
      },
    },
  },

  businessApplications: {
    // Enterprise when at least 5 (tenant, workload) pairs have revenue > 5,000 USD in both M and M−12.
    trackClassification: { ...bizApps, minPairs: 5, revenueAboveUsd: 5000 },
    netCustomerAdds: {
      ...bizApps,
      maxPoints: 15,
      threshold: 5,
      floorUsd: { enterprise: 1500, smb: 250 },
      associations: ['CSP_T1', 'CSP_T2', 'DPOR', 'CPOR'],
      cporActivities: ['revrec', 'osa', 'revrec-performance'],
      workloads: [
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
      ],
    },
    customerSuccess: {
      ...bizApps,
      rateCard: [
        { workload: 'Business Central', ratePerActiveUser: 1000, rollUp: [], palOnly: false },
        { workload: 'Contact Center', ratePerActiveUser: 200, rollUp: [], palOnly: false },
        {
          workload: 'Common Data Service',
          ratePerActiveUser: 200,
          rollUp: ['Sales', 'Sales Insights', 'Customer Service', 'Field Service'],
          palOnly: false,
        },
        { workload: 'Core HR', ratePerActiveUser: 1000, rollUp: [], palOnly: false },
        { workload: 'Customer Insights', ratePerActiveUser: 0.2, rollUp: [], palOnly: true },
        { workload: 'Finance & Operations', ratePerActiveUser: 100, rollUp: ['Finance', 'Project Operations'], palOnly: false },
        { workload: 'Guides', ratePerActiveUser: 1000, rollUp: [], palOnly: false },
        { workload: 'Portals', ratePerActiveUser: 100, rollUp: [], palOnly: true },
        { workload: 'Power Apps', ratePerActiveUser: 200, rollUp: [], palOnly: true },
        { workload: 'Power Automate', ratePerActiveUser: 200, rollUp: [], palOnly: true },
        { workload: 'Power BI', ratePerActiveUser: 200, rollUp: [], palOnly: true },
        { workload: 'Remote Assist', ratePerActiveUser: 1000, rollUp: [], palOnly: false },
        { workload: 'Retail', ratePerActiveUser: 100, rollUp: [], palOnly: false },
        { workload: 'Talent Attract', ratePerActiveUser: 1000, rollUp: [], palOnly: false },
        { workload: 'Talent Onboard', ratePerActiveUser: 1000, rollUp: [], palOnly: false },
      ],
      associations: ['CPOR', 'CSP_T1', 'CSP_T2', 'DPOR'],
      cporActivities: ['osu'],
      palOnlyAssociations: ['PAL'],
    },
    usageGrowth: { ...bizApps, maxPoints: 30, threshold: 30, minBaseMcv: { enterprise: 50000, smb: 25000 } },
    deployments: { ...bizApps, maxPoints: 20, threshold: 5, minMcv: { enterprise: 10000, smb: 5000 } },
    intermediateCertifications: {
      ...bizApps,
      certifications: [
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
      ],
      tracks: { enterprise: { maxPoints: 20, threshold: 20 }, smb: { maxPoints: 20, threshold: 5 } },
    },
    advancedCertifications: {
      ...bizApps,
      certifications: [
        'Dynamics 365 Supply Chain Management Functional Consultant Expert',
        'Dynamics 365 Finance and Operations Apps Solution Architect Expert',
        'Power Platform Solution Architect Expert',
        'Dynamics 365 Business Central Developer Associate',
        'Agentic AI Business Solutions Architect',
      ],
      tracks: { enterprise: { maxPoints: 15, threshold: 7 }, smb: { maxPoints: 15, threshold: 2 } },
    },
  },

  modernWork: {
    workloads: {
      ...modernWork,
      all: [
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
      ],
      notForNetCustomerAdds: ['Teams Premium'],
    },
    bands: { ...modernWork, enterprise: { above: 300 }, smb: { from: 11, to: 300 } },
    associationGroups: {
      ...modernWork,
      enterprise: [
        { id: 'CPOR', associations: ['CPOR'], usageGrowthThreshold: 1000, deploymentsThreshold: 5 },
        { id: 'DPOR', associations: ['DPOR'], usageGrowthThreshold: 4000, deploymentsThreshold: 10 },
      ],
      smb: [
        { id: 'CPOR', associations: ['CPOR'], usageGrowthThreshold: 500, deploymentsThreshold: 5 },
        { id: 'CSP', associations: ['CSP_T1', 'CSP_T2'], usageGrowthThreshold: 2000, deploymentsThreshold: 10 },
      ],
    },
    netCustomerAdds: {
      ...modernWork,
      tracks: { enterprise: { maxPoints: 20, threshold: 5 }, smb: { maxPoints: 20, threshold: 10 } },
    },
    usageGrowth: { ...modernWork, maxPoints: 30 },
    deployments: { ...modernWork, maxPoints: 25, minActiveShare: 0.4 },
    intermediateCertifications: {
      ...modernWork,
      certifications: [
        'Microsoft 365 Fundamentals',
        'Teams Administrator Associate',
        'Identity and Access Administrator Associate',
        'Collaboration Communications Systems Engineer Associate',
        'Endpoint Administrator Associate',
        'Copilot and Agent Administration Fundamentals',
      ],
      tracks: { enterprise: { maxPoints: 10, threshold: 4 }, smb: { maxPoints: 10, threshold: 2 } },
    },
    advancedCertifications: {
      ...modernWork,
      certifications: ['Microsoft 365 Enterprise Administrator Expert', 'Teams Meetings and Meeting Rooms Technical Assessment'],
      tracks: { enterprise: { maxPoints: 15, threshold: 2 }, smb: { maxPoints: 15, threshold: 1 } },
    },
  },

  security: {
    azure: {
      ...security,
      services: [
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
      ],
      associations: ['PAL', 'CSP_T1', 'CSP_T2'],
      offers: ['standard'],
    },
    m365: {
      ...security,
      workloads: [
        'Microsoft Entra ID P1',
        'Defender for Office 365',
        'Defender for Endpoint P2',
        'Defender for Identity',
        'Purview Information Protection',
        'Intune',
      ],
      associations: ['CPOR', 'CSP_T1', 'CSP_T2'],
    },
    bands: { ...security, enterprise: { above: 300 }, smb: { from: 5, to: 300 } },
    netCustomerAdds: {
      ...security,
      azureMinTtmUsd: 600,
      tracks: { enterprise: { maxPoints: 20, threshold: 10 }, smb: { maxPoints: 20, threshold: 5 } },
    },
    usageGrowth: {
      ...security,
      maxPoints: 20,
      tracks: {
        enterprise: { azureTtmUsd: { above: 12000 }, azureUsdPerPoint: 1250, m365UsersPerPoint: 125 },
        smb: { azureTtmUsd: { above: 0, to: 12000 }, azureUsdPerPoint: 750, m365UsersPerPoint: 50 },
      },
    },
    deployments: {
      ...security,
      maxPoints: 20,
      threshold: 6,
      minActiveShare: 0.15,
      tracks: { enterprise: { azureTtmUsd: { above: 12000 } }, smb: { azureTtmUsd: { from: 750, to: 12000 } } },
    },
    intermediateCertifications: {
      ...security,
      maxPoints: 40,
      gates: [
        { certifications: ['Azure Security Engineer Associate', 'Cloud and AI Security Engineer Associate'] },
        { certifications: ['Security Operations Analyst Associate'] },
      ],
      final: {
        certifications: [
          'Cybersecurity Architect Expert',
          'Identity and Access Administrator Associate',
          'Information Protection Administrator Associate',
          'Information Security Administrator Associate',
        ],
      },
      tracks: {
        enterprise: { gateMinPeople: 2, gatePoints: 0, perPerson: '40/6' },
        smb: { gateMinPeople: 1, gatePoints: 4, perPerson: 8 },
      },
    },
  },
};
