// Model builder of the plan card for the current DMS (topology shir).
import {
  DEFAULT_CURRENT_DMS_RULE_PARAMETERS,
  SQL_SERVER_VERSIONS,
  needsBlobBackups,
  recommendCurrentDms,
  currentDmsRules,
  type CurrentDmsPlanOptions,
  type CurrentDmsRequirement,
  type SqlServerVersion,
} from '../../planning';
import type { CurrentDmsPlanActionData, CurrentDmsPlanCardModel } from './card-models';
import { rowModel } from './planning-cards';

function requirementText(requirement: CurrentDmsRequirement): string {
  const links = requirement.links.map((l) => `[${l.title}](${l.url})`).join(', ');
  return links === '' ? requirement.text : `${requirement.text} See ${links}.`;
}

function actionData(options: CurrentDmsPlanOptions): CurrentDmsPlanActionData {
  return {
    verb: 'plan.current-dms',
    backups: options.backups,
    privateEndpoint: options.storagePrivateEndpoint ? 'yes' : 'no',
    runtimeHost: options.runtimeHost ?? 'onprem',
    storageAuth: options.storageAuth ?? 'sas',
    ...(options.sourceVersion ? { sourceVersion: options.sourceVersion } : {}),
  };
}

/** The version buttons, two rows of four; 2012 and 2014 switch the plan to blob backups (their only choice). */
function versionRows(options: CurrentDmsPlanOptions): CurrentDmsPlanCardModel['versionRows'] {
  const button = (version: SqlServerVersion) => ({
    title: `SQL Server ${version}`,
    style: version === options.sourceVersion ? ('positive' as const) : ('default' as const),
    data: actionData({
      ...options,
      sourceVersion: version,
      backups: needsBlobBackups(version) ? 'blob' : options.backups,
    }),
  });
  const buttons = SQL_SERVER_VERSIONS.map(button);
  return [{ buttons: buttons.slice(0, 4) }, { buttons: buttons.slice(4) }];
}

export function currentDmsPlanCardModel(options: CurrentDmsPlanOptions): CurrentDmsPlanCardModel {
  const recommendation = recommendCurrentDms(options);
  const rules = currentDmsRules({ ...DEFAULT_CURRENT_DMS_RULE_PARAMETERS, backups: options.backups });
  const smb = options.backups === 'smb';
  const blobOnly = needsBlobBackups(options.sourceVersion);
  const azureVm = options.runtimeHost === 'azure-vm';
  const alternatives: CurrentDmsPlanCardModel['alternatives'] = [];
  if (!blobOnly) {
    alternatives.push({
      title: smb ? 'Backups already in Blob Storage' : 'Backups on an SMB share',
      data: actionData({ ...options, backups: smb ? 'blob' : 'smb' }),
    });
  }
  alternatives.push({
    title: options.storagePrivateEndpoint ? 'Use the storage firewall' : 'Use a private endpoint',
    data: actionData({ ...options, storagePrivateEndpoint: !options.storagePrivateEndpoint }),
  });
  if (smb) {
    alternatives.push({
      title: azureVm ? 'Runtime on-premises' : 'Runtime on an Azure VM',
      data: actionData({ ...options, runtimeHost: azureVm ? 'onprem' : 'azure-vm' }),
    });
  }
  return {
    title: recommendation.title,
    reasons: recommendation.reasons,
    requirements: recommendation.requirements.map((r) => ({ text: requirementText(r) })),
    facts: [
      {
        title: 'Source SQL Server',
        value: options.sourceVersion ? `SQL Server ${options.sourceVersion}` : 'not given yet: choose it below',
      },
      { title: 'Backups', value: smb ? 'on an SMB share (the runtime uploads them)' : 'already in Azure Blob Storage' },
      ...(smb ? [{ title: 'Runtime runs', value: azureVm ? 'on an Azure VM' : 'on-premises' }] : []),
      {
        title: 'MI reaches the storage account',
        value: options.storagePrivateEndpoint ? 'through a private endpoint' : 'through the storage firewall',
      },
      {
        title: 'MI reads the backups with',
        value: options.storageAuth === 'managed-identity' ? 'its managed identity' : 'a SAS token',
      },
    ],
    versionQuestion: 'Which SQL Server version is the source?',
    versionRows: versionRows(options),
    blobOnlyNote: blobOnly
      ? `SQL Server ${options.sourceVersion} puts its backups in Blob Storage as page blobs: DMS cannot take them ` +
        'from an SMB share, so only blob backups are offered.'
      : '',
    outbound: rules.outbound.map(rowModel),
    notes: rules.notes,
    alternatives,
  };
}
