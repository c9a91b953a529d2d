// Migration Network Advisor in Azure: one user-assigned managed identity (the bot's Azure Bot identity AND the
// identity `verify` reads Azure with), an Azure Bot registration, a Linux App Service running Node 24, a Storage
// account + container for the bot's state (STORAGE=blob), a Key Vault holding the storage connection string, and
// Reader on every subscription `verify` may read.
//
// Scope: the template targets a resource group (what the Agents Toolkit's arm/deploy and
// `az deployment group create` deploy to). The Reader assignments live at subscription scope, so they are made by
// a module deployed once per subscription with `scope: subscription(id)`; a resource-group deployment may deploy
// modules to any subscription of the tenant. The deploying user needs Contributor on the resource group and
// Owner or User Access Administrator on each subscription in verifySubscriptionIds.

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name: lowercase letters and digits, unique to your deployment')
param resourceBaseName string

// Region: the resource group's (the bot registration itself is global).
var location = resourceGroup().location

@description('App Service plan SKU: B1 or larger (Always On needs Basic or above)')
param webAppSku string = 'B1'

@maxLength(42)
@description('Display name of the Azure Bot registration')
param botDisplayName string

@description('Comma-separated subscription ids verify may read: the identity gets Reader on each, and the bot refuses others (AZURE_ALLOWED_SUBSCRIPTIONS). Empty: no role assignment and no restriction.')
param verifySubscriptionIds string = ''

@description('Blob container holding the bot state')
param blobContainerName string = 'bot-state'

@allowed(['user', 'bot'])
@description('Whose Azure rights verify reads with (VERIFY_IDENTITY): user = the signed-in person (their Teams sign-in through the OAuth connection below); bot = the managed identity (Reader on verifySubscriptionIds), shown to anyone who can talk to the bot')
param verifyIdentity string = 'user'

@description('Client id of the Entra app people sign in through (aadApp/create); required when verifyIdentity is user')
param signInAppClientId string = ''

@secure()
@description('Client secret of that app: it goes only into the Azure Bot OAuth connection')
param signInAppClientSecret string = ''

// The Azure Bot OAuth connection verify signs people in through (VERIFY_OAUTH_CONNECTION).
var oauthConnectionName = 'azure-arm'
var verifySubscriptions = filter(map(split(verifySubscriptionIds, ','), id => trim(id)), id => !empty(id))
var uniqueSuffix = uniqueString(resourceGroup().id, resourceBaseName)
// Key Vault Secrets User: lets the web app resolve the Key Vault reference of BLOB_CONNECTION_STRING.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('st${toLower(resourceBaseName)}${uniqueSuffix}', 24)
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: blobContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('kv${toLower(resourceBaseName)}${uniqueSuffix}', 24)
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
  }
}

// The account key stays in Key Vault; the app setting only holds a Key Vault reference to it.
resource blobConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'blob-connection-string'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: '${resourceBaseName}-app'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: [
        // App Service builds on deploy (npm install, npm run build): the zip carries sources only.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
        { name: 'BOT_ID', value: identity.properties.clientId }
        { name: 'BOT_TENANT_ID', value: identity.properties.tenantId }
        { name: 'BOT_TYPE', value: 'UserAssignedMsi' }
        { name: 'STORAGE', value: 'blob' }
        {
          name: 'BLOB_CONNECTION_STRING'
          value: '@Microsoft.KeyVault(SecretUri=${blobConnectionSecret.properties.secretUri})'
        }
        { name: 'BLOB_CONTAINER', value: stateContainer.name }
        // DefaultAzureCredential in verify uses this identity's token through App Service's managed identity endpoint.
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'AZURE_ALLOWED_SUBSCRIPTIONS', value: join(verifySubscriptions, ',') }
        // user: verify reads with the signed-in person's delegated token, through this OAuth connection.
        { name: 'VERIFY_IDENTITY', value: verifyIdentity }
        { name: 'VERIFY_OAUTH_CONNECTION', value: oauthConnectionName }
        // Teams fetches the topology diagrams of the cards from here (the site's own default host name).
        { name: 'PUBLIC_URL', value: 'https://${resourceBaseName}-app.azurewebsites.net' }
      ]
    }
  }
  // The Key Vault reference must resolve at the first start.
  dependsOn: [
    secretsUser
  ]
}

module botRegistration './modules/bot-registration.bicep' = {
  name: 'bot-registration'
  params: {
    botDisplayName: botDisplayName
    botServiceName: resourceBaseName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    identityClientId: identity.properties.clientId
    identityResourceId: identity.id
    identityTenantId: identity.properties.tenantId
    oauthConnectionName: verifyIdentity == 'user' ? oauthConnectionName : ''
    signInAppClientId: signInAppClientId
    signInAppClientSecret: signInAppClientSecret
    signInAppIdUri: 'api://${webApp.properties.defaultHostName}/botid-${identity.properties.clientId}'
  }
}

module readers './modules/subscription-reader.bicep' = [
  for subscriptionId in verifySubscriptions: {
    name: 'reader-${uniqueString(subscriptionId, identity.id)}'
    scope: subscription(subscriptionId)
    params: {
      principalId: identity.properties.principalId
    }
  }
]

// Written into env/.env.<env> by the Agents Toolkit's arm/deploy (output names become variable names).
output BOT_ID string = identity.properties.clientId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
