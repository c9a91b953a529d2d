// Grants Reader on one subscription to the bot's managed identity, so `verify` can read the VNets, NSGs,
// route tables, gateways, the managed instance and the DMS there. Deployed by azure.bicep once per subscription
// with `scope: subscription(id)`; the person deploying needs Owner or User Access Administrator on it.
targetScope = 'subscription'

@description('Principal (object) id of the user-assigned managed identity the bot and verify run as')
param principalId string

// Reader: built-in role, read everything, change nothing.
var readerRoleId = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'

resource readerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, readerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', readerRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'Migration Network Advisor: verify reads the migration network'
  }
}
