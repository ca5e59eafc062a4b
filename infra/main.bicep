// designation-tracker on Azure: Flex Consumption Function App (Node 22), Cosmos DB (serverless),
// Service Bus (three queues), Storage (exports container), one user-assigned managed identity.
//
// Not compiled in this repository's CI (no Bicep compiler offline): run `az bicep build --file infra/main.bicep`
// and `az deployment group what-if` in a pipeline with internet access. test/unit/wiring/deployment-files.test.ts
// checks that every name the bindings and the config read appears here.
//
// Keyless: no key or connection string is deployed. The app, the Functions host and the Service Bus trigger
// bindings authenticate as the user-assigned managed identity (its client id in AZURE_CLIENT_ID and in each
// connection's __clientId, with __credential = managedidentity), through the role assignments at the end:
//   Storage      AzureWebJobsStorage__blobServiceUri (+ queue/table URIs for the host)  Storage Blob Data Owner, Queue/Table Data Contributor
//   Service Bus  ServiceBusConnection__fullyQualifiedNamespace                          Azure Service Bus Data Owner
//   Cosmos DB    COSMOS_ENDPOINT without COSMOS_KEY                                     Cosmos DB Built-in Data Contributor (sqlRoleAssignments)
//   ACS email    ACS_ENDPOINT (the ACS resource is not deployed here: grant its role there) or ACS_CONNECTION_STRING
// Shared keys are switched off on the storage account, the Service Bus namespace and the Cosmos DB account.
targetScope = 'resourceGroup'

@minLength(1)
@maxLength(40)
@description('Short environment name (azd AZURE_ENV_NAME); used in resource names.')
param environmentName string

@description('Region for every resource.')
param location string = resourceGroup().location

@description('Object id of a person or pipeline to grant data-plane access too (for local runs against Azure). Empty: none.')
param principalId string = ''

@allowed(['acs', 'smtp'])
param mailTransport string = 'acs'

@description('Azure Communication Services endpoint, https://<resource>.communication.azure.com (MAIL_TRANSPORT=acs, keyless: give the managed identity a role on that resource that can send email).')
param acsEndpoint string = ''

@secure()
@description('Azure Communication Services connection string: only when the identity cannot be given a role on the ACS resource (ACS_ENDPOINT is then left empty).')
param acsConnectionString string = ''

param smtpHost string = ''
param smtpPort string = '587'

@description('Sender address of notification mail (a verified ACS domain address).')
param mailFrom string

@secure()
@description('Comma-separated whsec_... secrets for the claims webhook (several during rotation).')
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
@description('Partner Center Insights reports to pull (JSON array or file path); empty = connector off. Headers may hold tokens.')
param insightsReports string = ''
param maxDeliveryCount int = 10
param cosmosDatabaseName string = 'designation-tracker'
param exportsContainerName string = 'exports'

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName, app: 'designation-tracker' }
var queueNames = ['partner-changes', 'partner-recompute', 'notifications']
var deploymentContainerName = 'app-package-${take(token, 8)}'

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

resource queues 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = [
  for name in queueNames: {
    parent: serviceBus
    name: name
    properties: {
      maxDeliveryCount: maxDeliveryCount
      lockDuration: 'PT1M'
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: 'PT1H'
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
    disableLocalAuth: true // keyless: Microsoft Entra tokens only (data-plane role below)
  }
}

resource cosmosDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: { resource: { id: cosmosDatabaseName } }
}

var cosmosContainers = [
  { name: 'partners', partitionKey: '/partnerId' } // profile, customer, person and state documents of a partner
  { name: 'operations', partitionKey: '/pk' } // import reports, blob cursors, webhook delivery ids, rejected messages
]

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for c in cosmosContainers: {
    parent: cosmosDatabase
    name: c.name
    properties: {
      resource: {
        id: c.name
        partitionKey: { paths: [c.partitionKey], kind: 'Hash' }
      }
    }
  }
]

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
        // Host storage (timers' leases, ...) and the app's exports container, through the managed identity.
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
        // The app's identity for keyless connections without their own __clientId (Cosmos DB, ACS).
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'EXPORTS_CONTAINER', value: exportsContainerName }
        // No COSMOS_KEY: keyless (Cosmos DB Built-in Data Contributor below).
        { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
        { name: 'COSMOS_DATABASE', value: cosmosDatabaseName }
        // The Service Bus bindings (connection: 'ServiceBusConnection') and the app's sender read these.
        { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: serviceBusHost }
        { name: 'ServiceBusConnection__credential', value: 'managedidentity' }
        { name: 'ServiceBusConnection__clientId', value: identity.properties.clientId }
        { name: 'MAX_DELIVERY_COUNT', value: string(maxDeliveryCount) }
        { name: 'MAIL_TRANSPORT', value: mailTransport }
        { name: 'ACS_ENDPOINT', value: acsEndpoint }
        { name: 'ACS_CONNECTION_STRING', value: acsConnectionString }
        { name: 'SMTP_HOST', value: smtpHost }
        { name: 'SMTP_PORT', value: smtpPort }
        { name: 'MAIL_FROM', value: mailFrom }
        { name: 'WEBHOOK_SECRETS', value: webhookSecrets }
        { name: 'MAIL_SETTLE_SECONDS', value: mailSettleSeconds }
        { name: 'DATA_COMPLETE_DAY', value: dataCompleteDay }
        // Timer bindings read these through %IMPORT_SCHEDULE% / %NIGHTLY_RECOMPUTE_SCHEDULE%.
        { name: 'IMPORT_SCHEDULE', value: importSchedule }
        { name: 'NIGHTLY_RECOMPUTE_SCHEDULE', value: nightlyRecomputeSchedule }
        // pullInsights' binding reads %INSIGHTS_SCHEDULE%: it must be set, or the function fails to load.
        { name: 'INSIGHTS_SCHEDULE', value: insightsSchedule }
        // claimDeadlines' binding reads %CLAIM_DEADLINES_SCHEDULE% the same way.
        { name: 'CLAIM_DEADLINES_SCHEDULE', value: claimDeadlinesSchedule }
        { name: 'INSIGHTS_REPORTS', value: insightsReports }
      ]
    }
  }
  dependsOn: [deploymentContainer, exportsContainer, queues, containers]
}

// ---------------------------------------------------------------- role assignments (managed identity, optional person)
// Service Bus Data Owner rather than Data Sender + Receiver: it includes both, and its Manage right lets the
// scale controller read queue lengths for the triggers (Receiver alone scales less accurately).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

var principals = concat(
  [{ id: identity.properties.principalId, type: 'ServicePrincipal' }],
  empty(principalId) ? [] : [{ id: principalId, type: 'User' }]
)

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for pair in flatten(map(principals, p => map([roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor], r => { principal: p, role: r }))): {
    name: guid(storage.id, pair.principal.id, pair.role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', pair.role)
      principalId: pair.principal.id
      principalType: pair.principal.type
    }
  }
]

resource serviceBusRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for p in principals: {
    name: guid(serviceBus.id, p.id, roles.serviceBusDataOwner)
    scope: serviceBus
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
      principalId: p.id
      principalType: p.type
    }
  }
]

resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Cosmos DB Built-in Data Contributor (data plane; not an Azure RBAC role).
resource cosmosDataRoles 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = [
  for p in principals: {
    parent: cosmos
    name: guid(cosmos.id, p.id, 'data-contributor')
    properties: {
      roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
      principalId: p.id
      scope: cosmos.id
    }
  }
]

output AZURE_FUNCTION_APP_NAME string = functionApp.name
output FUNCTION_APP_URL string = 'https://${functionApp.properties.defaultHostName}'
output COSMOS_ENDPOINT string = cosmos.properties.documentEndpoint
output SERVICE_BUS_NAMESPACE string = serviceBusHost
output STORAGE_BLOB_ENDPOINT string = storage.properties.primaryEndpoints.blob
output STORAGE_ACCOUNT_NAME string = storage.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
