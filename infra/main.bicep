// designation-tracker on Azure: Flex Consumption Function App (Node 22), Cosmos DB (serverless),
// Service Bus (three queues), Storage (exports + deployment containers), Key Vault (the app's secrets),
// Application Insights, one user-assigned managed identity.
//
// Compiled and linted in CI: `npm run infra:build` (devtools/infra/build.ts: the Bicep CLI from NuGet, then
// `bicep build` → infra/main.json and `bicep lint`). test/unit/wiring/deployment-files.test.ts reads that ARM
// JSON and checks it against the code (settings, bindings, queues, containers, no keys in app settings).
//
// Keyless: no key or connection string of a resource is deployed. The app, the Functions host and the Service
// Bus trigger bindings authenticate as the user-assigned managed identity (its client id in AZURE_CLIENT_ID and
// in each connection's __clientId, with __credential = managedidentity); its roles are in app/rbac.bicep.
// Shared keys are switched off on the storage account, the Service Bus namespace and the Cosmos DB account.
//
// Secrets the app does need (webhook secrets, SMTP password, Insights report headers, an ACS connection string
// when the identity cannot get a role on ACS) are secure parameters, stored as Key Vault secrets; the app
// settings hold Key Vault references (@Microsoft.KeyVault(VaultName=…;SecretName=…)) that App Service resolves
// as the same identity (keyVaultReferenceIdentity). A secret parameter left empty creates no secret and an
// empty setting (the feature is off: webhooks answer 503, the Insights connector does nothing).
targetScope = 'resourceGroup'

@minLength(1)
@maxLength(40)
@description('Short environment name (azd AZURE_ENV_NAME); used in resource names.')
param environmentName string

@description('Region for every resource.')
param location string = resourceGroup().location

@description('Object id of a person or pipeline to grant data-plane access too (azd AZURE_PRINCIPAL_ID). Empty: none.')
param principalId string = ''

@description('off: no mail (notifications are recorded as skipped, reason mail-off); acs: Azure Communication Services; smtp.')
@allowed(['off', 'acs', 'smtp'])
param mailTransport string = 'off'

@description('Azure Communication Services endpoint, https://<resource>.communication.azure.com (MAIL_TRANSPORT=acs, keyless: give the managed identity a role on that resource that can send email).')
param acsEndpoint string = ''

@secure()
@description('Azure Communication Services connection string: only when the identity cannot be given a role on the ACS resource (ACS_ENDPOINT is then left empty). Stored in Key Vault.')
param acsConnectionString string = ''

param smtpHost string = ''
param smtpPort string = '587'
param smtpUser string = ''

@secure()
@description('SMTP password (MAIL_TRANSPORT=smtp). Stored in Key Vault.')
param smtpPassword string = ''

@description('Sender address of notification mail (a verified ACS domain address). Not needed with MAIL_TRANSPORT=off.')
param mailFrom string = ''

@secure()
@description('Comma-separated whsec_... secrets for the webhooks (several during rotation). Stored in Key Vault.')
param webhookSecrets string = ''

param dataCompleteDay string = '20'
@description('Seconds a notification waits before it is sent, re-checked then (no mails for same-day flapping).')
param mailSettleSeconds string = '300'
param importSchedule string = '0 */1 * * * *'
param nightlyRecomputeSchedule string = '0 30 2 * * *'
param insightsSchedule string = '0 0 * * * *'

@description('NCRONTAB of the claimDeadlines timer (UTC).')
param claimDeadlinesSchedule string = '0 15 3 * * *'

@secure()
@description('Partner Center Insights reports to pull (JSON array); empty = connector off. Headers and refresh tokens make it a secret: stored in Key Vault.')
param insightsReports string = ''

@description('Partner Center Insights API connections, JSON array of { partnerId, tenantId, clientId, refreshTokenSecret }: each refreshTokenSecret names a secret in this template\'s Key Vault (set it with az keyvault secret set). Empty = connector off.')
param partnerInsightsConnections string = ''
@description('NCRONTAB of the pullPartnerInsights timer (UTC).')
param partnerInsightsSchedule string = '0 10 4 * * *'
param partnerInsightsApiUrl string = 'https://api.partnercenter.microsoft.com/insights/v1/mpn'
@description('Entra authority of the Partner Center token requests; empty = this cloud\'s login endpoint.')
param partnerInsightsAuthorityUrl string = ''

@description('Deliveries of a message before Service Bus dead-letters it (the local stand-in\'s default too).')
param maxDeliveryCount int = 10
param cosmosDatabaseName string = 'designation-tracker'
param exportsContainerName string = 'exports'

@description('Also grant the identity Azure Service Bus Data Owner (Manage), for queue-length-based scaling; see app/rbac.bicep.')
param serviceBusManageForScaling bool = false

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName, app: 'designation-tracker' }
var queueNames = ['partner-changes', 'partner-recompute', 'notifications']
var deploymentContainerName = 'app-package-${take(token, 8)}'
var keyVaultName = 'kv-dt-${take(token, 16)}'

// Key Vault references of the app settings; App Service resolves the latest version of each secret.
var secretNames = {
  webhookSecrets: 'webhook-secrets'
  smtpPassword: 'smtp-password'
  insightsReports: 'insights-reports'
  acsConnectionString: 'acs-connection-string'
}
// This cloud's Entra login endpoint without its trailing slash (https://login.microsoftonline.com in Azure public).
var loginEndpoint = environment().authentication.loginEndpoint
var defaultAuthorityUrl = endsWith(loginEndpoint, '/') ? take(loginEndpoint, length(loginEndpoint) - 1) : loginEndpoint
var kvRefPrefix = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName='

// ---------------------------------------------------------------- identity
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-dt-${token}'
  location: location
  tags: tags
}

// ---------------------------------------------------------------- monitoring
resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-dt-${token}'
  location: location
  tags: tags
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-dt-${token}'
  location: location
  tags: tags
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id, DisableLocalAuth: true }
}

// ---------------------------------------------------------------- key vault (the app's own secrets)
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true // Azure roles (app/rbac.bicep), no access policies
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled' // Flex Consumption without a VNet reaches it over the public endpoint
  }
}

resource webhookSecretsSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(webhookSecrets)) {
  parent: vault
  name: secretNames.webhookSecrets
  properties: { value: webhookSecrets, contentType: 'comma-separated whsec_ secrets' }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpPassword)) {
  parent: vault
  name: secretNames.smtpPassword
  properties: { value: smtpPassword }
}

resource insightsReportsSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(insightsReports)) {
  parent: vault
  name: secretNames.insightsReports
  properties: { value: insightsReports, contentType: 'application/json' }
}

resource acsConnectionStringSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(acsConnectionString)) {
  parent: vault
  name: secretNames.acsConnectionString
  properties: { value: acsConnectionString }
}

// ---------------------------------------------------------------- storage
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stdt${take(token, 18)}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
    allowSharedKeyAccess: false // keyless: the host, the app and deployments use the managed identity
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource exportsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: exportsContainerName
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
}

// ---------------------------------------------------------------- service bus
resource serviceBus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb-dt-${token}'
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' } // duplicate detection needs Standard or Premium
  properties: { minimumTlsVersion: '1.2', disableLocalAuth: true } // keyless: no SAS keys
}

// <namespace>.servicebus.windows.net (or the sovereign cloud's suffix), from https://<host>:443/.
var serviceBusHost = split(split(serviceBus.properties.serviceBusEndpoint, '//')[1], ':')[0]

// The same settings as the local stand-in's defaults (devtools/servicebus/queue.ts DEFAULT_QUEUE_SETTINGS):
// max delivery count 10, lock 60 s (host.json renews it up to 5 min), duplicate detection by messageId for
// 10 minutes (the app's deterministic message ids rely on it).
resource queues 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = [
  for name in queueNames: {
    parent: serviceBus
    name: name
    properties: {
      maxDeliveryCount: maxDeliveryCount
      lockDuration: 'PT1M'
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: 'PT10M'
      deadLetteringOnMessageExpiration: true
      defaultMessageTimeToLive: 'P14D'
    }
  }
]

// ---------------------------------------------------------------- cosmos db
resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-dt-${token}'
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [{ locationName: location, failoverPriority: 0 }]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    capabilities: [{ name: 'EnableServerless' }]
    disableLocalAuth: true // keyless: Microsoft Entra tokens only (data-plane role in app/rbac.bicep)
  }
}

resource cosmosDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: { resource: { id: cosmosDatabaseName } }
}

// Indexing: only the paths the queries filter or sort on (every ORDER BY field included), the rest
// excluded — the same lists as shared/adapters/cosmos/indexing.ts, which says which query needs which.
var cosmosContainers = [
  {
    name: 'partners' // profile, customer, person and state documents of a partner; claims
    partitionKey: '/partnerId'
    defaultTtl: null
    includedPaths: [{ path: '/id/?' }, { path: '/partnerId/?' }, { path: '/docType/?' }, { path: '/status/?' }, { path: '/lookup/[]/?' }, { path: '/summary/*' }]
    compositeIndexes: []
  }
  // import reports, blob cursors, webhook delivery ids, rejected messages; TTL on without a default
  // expiry (-1): records carrying `ttl` expire (shared/store/ttl.ts), the others stay
  {
    name: 'operations'
    partitionKey: '/pk'
    defaultTtl: -1
    includedPaths: [{ path: '/pk/?' }, { path: '/partnerId/?' }, { path: '/_ts/?' }, { path: '/ttl/?' }, { path: '/rejectedAt/?' }, { path: '/finishedAt/?' }]
    compositeIndexes: []
  }
]

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for c in cosmosContainers: {
    parent: cosmosDatabase
    name: c.name
    properties: {
      resource: {
        id: c.name
        partitionKey: { paths: [c.partitionKey], kind: 'Hash' }
        indexingPolicy: {
          indexingMode: 'consistent'
          automatic: true
          includedPaths: c.includedPaths
          excludedPaths: [{ path: '/*' }, { path: '/"_etag"/?' }]
          compositeIndexes: c.compositeIndexes
        }
        ...(c.defaultTtl == null ? {} : { defaultTtl: c.defaultTtl }) // null: TTL off
      }
    }
  }
]

// ---------------------------------------------------------------- roles (a module: principal ids as parameters)
module rbac 'app/rbac.bicep' = {
  name: 'rbac-${take(token, 8)}'
  params: {
    storageAccountName: storage.name
    serviceBusNamespaceName: serviceBus.name
    cosmosAccountName: cosmos.name
    insightsName: insights.name
    keyVaultName: vault.name
    appPrincipalId: identity.properties.principalId
    userPrincipalId: principalId
    serviceBusManageForScaling: serviceBusManageForScaling
  }
}

// ---------------------------------------------------------------- function app (Flex Consumption, Node 22)
resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-dt-${token}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-dt-${token}'
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve as the user-assigned identity (Key Vault Secrets User in app/rbac.bicep).
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identity.id }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: 40, instanceMemoryMB: 2048 }
      runtime: { name: 'node', version: '22' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        // Host storage (timer status, leases) and the app's exports container, through the managed identity.
        // Blob only: nothing here uses Storage queues or tables (app/rbac.bicep).
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        // The one connection string deployed: it holds no secret (an ingestion endpoint and the component's
        // instrumentation key, an identifier); with DisableLocalAuth the telemetry is accepted only with the
        // Entra token that the authentication string below asks for.
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
        // The app's identity for keyless connections without their own __clientId (Cosmos DB, ACS).
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'EXPORTS_CONTAINER', value: exportsContainerName }
        // No COSMOS_KEY: keyless (Cosmos DB Built-in Data Contributor).
        { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
        { name: 'COSMOS_DATABASE', value: cosmosDatabaseName }
        // The Service Bus bindings (connection: 'ServiceBusConnection') and the app's sender read these.
        { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: serviceBusHost }
        { name: 'ServiceBusConnection__credential', value: 'managedidentity' }
        { name: 'ServiceBusConnection__clientId', value: identity.properties.clientId }
        { name: 'MAX_DELIVERY_COUNT', value: string(maxDeliveryCount) }
        { name: 'MAIL_TRANSPORT', value: mailTransport }
        { name: 'ACS_ENDPOINT', value: acsEndpoint }
        { name: 'ACS_CONNECTION_STRING', value: empty(acsConnectionString) ? '' : '${kvRefPrefix}${secretNames.acsConnectionString})' }
        { name: 'SMTP_HOST', value: smtpHost }
        { name: 'SMTP_PORT', value: smtpPort }
        { name: 'SMTP_USER', value: smtpUser }
        { name: 'SMTP_PASSWORD', value: empty(smtpPassword) ? '' : '${kvRefPrefix}${secretNames.smtpPassword})' }
        { name: 'MAIL_FROM', value: mailFrom }
        { name: 'WEBHOOK_SECRETS', value: empty(webhookSecrets) ? '' : '${kvRefPrefix}${secretNames.webhookSecrets})' }
        { name: 'MAIL_SETTLE_SECONDS', value: mailSettleSeconds }
        { name: 'DATA_COMPLETE_DAY', value: dataCompleteDay }
        // Timer bindings read these through %IMPORT_SCHEDULE% etc.: each must be set, or the function fails to load.
        { name: 'IMPORT_SCHEDULE', value: importSchedule }
        { name: 'NIGHTLY_RECOMPUTE_SCHEDULE', value: nightlyRecomputeSchedule }
        { name: 'INSIGHTS_SCHEDULE', value: insightsSchedule }
        { name: 'CLAIM_DEADLINES_SCHEDULE', value: claimDeadlinesSchedule }
        { name: 'INSIGHTS_REPORTS', value: empty(insightsReports) ? '' : '${kvRefPrefix}${secretNames.insightsReports})' }
        // Partner Center Insights API connector: the connections name their refresh-token secrets in this vault,
        // which the app reads as the identity (Key Vault Secrets User); the setting itself holds no secret.
        { name: 'PARTNER_INSIGHTS_CONNECTIONS', value: partnerInsightsConnections }
        { name: 'PARTNER_INSIGHTS_KEY_VAULT_URL', value: vault.properties.vaultUri }
        { name: 'PARTNER_INSIGHTS_API_URL', value: partnerInsightsApiUrl }
        { name: 'PARTNER_INSIGHTS_AUTHORITY_URL', value: empty(partnerInsightsAuthorityUrl) ? defaultAuthorityUrl : partnerInsightsAuthorityUrl }
        { name: 'PARTNER_INSIGHTS_SCHEDULE', value: partnerInsightsSchedule }
      ]
    }
  }
  dependsOn: [
    deploymentContainer
    exportsContainer
    queues
    containers
    rbac
    webhookSecretsSecret
    smtpPasswordSecret
    insightsReportsSecret
    acsConnectionStringSecret
  ]
}

output AZURE_FUNCTION_APP_NAME string = functionApp.name
output FUNCTION_APP_URL string = 'https://${functionApp.properties.defaultHostName}'
output COSMOS_ENDPOINT string = cosmos.properties.documentEndpoint
output SERVICE_BUS_NAMESPACE string = serviceBusHost
output STORAGE_BLOB_ENDPOINT string = storage.properties.primaryEndpoints.blob
output STORAGE_ACCOUNT_NAME string = storage.name
output KEY_VAULT_NAME string = vault.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output APPLICATIONINSIGHTS_NAME string = insights.name
