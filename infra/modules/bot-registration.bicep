// Azure Bot registration for the web app, authenticated as the user-assigned managed identity (no secret),
// with the Microsoft Teams channel enabled and, for VERIFY_IDENTITY=user, the OAuth connection that signs people in
// for a delegated Azure Resource Manager token (user_impersonation) through the sign-in app.

@maxLength(42)
param botDisplayName string
param botServiceName string
@description('Messaging endpoint, https://<host>/api/messages')
param endpoint string
param identityClientId string
param identityResourceId string
param identityTenantId string
@description('The OAuth connection\'s name; empty: no connection (VERIFY_IDENTITY=bot)')
param oauthConnectionName string
param signInAppClientId string
@secure()
param signInAppClientSecret string
@description('The sign-in app\'s Application ID URI: Teams SSO tokens are for it, and the connection exchanges them')
param signInAppIdUri string

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

resource armSignIn 'Microsoft.BotService/botServices/connections@2022-09-15' = if (!empty(oauthConnectionName)) {
  parent: bot
  name: empty(oauthConnectionName) ? 'unused' : oauthConnectionName
  location: 'global'
  properties: {
    serviceProviderDisplayName: 'Azure Active Directory v2'
    serviceProviderId: '30dd229c-58e3-4a48-bdfd-91ec48eb906c'
    clientId: signInAppClientId
    clientSecret: signInAppClientSecret
    // Only Azure Resource Manager, as the person: the token verify reads with, and nothing else.
    scopes: 'https://management.azure.com/user_impersonation'
    parameters: [
      { key: 'tenantID', value: identityTenantId }
      { key: 'tokenExchangeUrl', value: signInAppIdUri }
    ]
  }
}
