// Azure Bot registration for the web app, authenticated as the user-assigned managed identity (no secret),
// with the Microsoft Teams channel enabled.

@maxLength(42)
param botDisplayName string
param botServiceName string
@description('Messaging endpoint, https://<host>/api/messages')
param endpoint string
param identityClientId string
param identityResourceId string
param identityTenantId string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: endpoint
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}
