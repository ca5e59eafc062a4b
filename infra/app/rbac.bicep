// Role assignments of the app's user-assigned identity (and, optionally, of the person or pipeline running
// `azd up`). A module, as in the azd Functions quickstart: here the principal ids are parameters, which Bicep
// can calculate at the start of the deployment, so they may name the assignments (guid(...)) and drive loops.
// In main.bicep they are the identity's runtime principalId, which Bicep rejects there (BCP120/BCP178).
//
// Least privilege, by what reads what:
//   Storage      Storage Blob Data Owner. The Functions host keeps timer schedule status and singleton/listener
//                leases in blobs (AzureWebJobsStorage__blobServiceUri) and Flex Consumption reads the deployment
//                package from a blob container; the app reads the exports container. Blob Data Owner is the
//                role the Functions docs and the azd quickstart give a keyless AzureWebJobsStorage (the host
//                creates its containers and takes leases). No queue or table role: the host
//                uses Storage queues/tables only for Durable Functions, blob triggers and a few bindings, none of
//                which this app has (timers, HTTP and Service Bus triggers only), and the app code uses neither.
//   Service Bus  Azure Service Bus Data Sender + Data Receiver: the app sends (partner-changes, partner-recompute,
//                notifications), the triggers receive and settle, GET api/operations/dead-letters peeks the
//                dead-letter sub-queues. Nothing creates or changes entities (this template does). Data Owner
//                would add Manage, which the scale controller can use to read queue lengths; without it the
//                triggers still scale, less precisely (docs: event-driven scaling, "Scale efficiency").
//                serviceBusManageForScaling = true adds Data Owner for that.
//   Cosmos DB    Cosmos DB Built-in Data Contributor (data plane). Its actions cannot create databases or
//                containers: this template creates them.
//   Key Vault    Key Vault Secrets User for the app identity: the Key Vault references in app settings resolve
//                as that identity (keyVaultReferenceIdentity). The optional person gets Key Vault Secrets
//                Officer instead, to rotate secrets (README "Deploy to Azure").
//   Insights     Monitoring Metrics Publisher: telemetry with Entra auth (APPLICATIONINSIGHTS_AUTHENTICATION_STRING),
//                local auth is off on the component.
targetScope = 'resourceGroup'

param storageAccountName string
param serviceBusNamespaceName string
param cosmosAccountName string
param insightsName string
param keyVaultName string

@description('Principal (object) id of the app\'s user-assigned managed identity.')
param appPrincipalId string

@description('Object id of a person or pipeline to grant the same data-plane access (local runs against Azure). Empty: none.')
param userPrincipalId string = ''

@description('Also grant Azure Service Bus Data Owner (Manage) so the scale controller can read queue lengths.')
param serviceBusManageForScaling bool = false

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

var principals = concat(
  [{ id: appPrincipalId, type: 'ServicePrincipal' }],
  empty(userPrincipalId) ? [] : [{ id: userPrincipalId, type: 'User' }]
)

var serviceBusRoleIds = concat(
  [roles.serviceBusDataSender, roles.serviceBusDataReceiver],
  serviceBusManageForScaling ? [roles.serviceBusDataOwner] : []
)

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = {
  name: serviceBusNamespaceName
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' existing = {
  name: cosmosAccountName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for p in principals: {
    name: guid(storage.id, p.id, roles.storageBlobDataOwner)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
      principalId: p.id
      principalType: p.type
    }
  }
]

resource serviceBusRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for pair in flatten(map(principals, p => map(serviceBusRoleIds, r => { principal: p, role: r }))): {
    name: guid(serviceBus.id, pair.principal.id, pair.role)
    scope: serviceBus
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', pair.role)
      principalId: pair.principal.id
      principalType: pair.principal.type
    }
  }
]

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource userSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(vault.id, userPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: userPrincipalId
    principalType: 'User'
  }
}

resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, appPrincipalId, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: appPrincipalId
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
