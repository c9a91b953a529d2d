// Model builder of the plan card for today's DMS (topology shir).
import {
  DEFAULT_SHIR_RULE_PARAMETERS,
  recommendShir,
  shirRules,
  type ShirPlanOptions,
  type ShirRequirement,
} from '../planning';
import type { ShirPlanActionData, ShirPlanCardModel } from './card-models';
import { rowModel } from './planning-cards';

function requirementText(requirement: ShirRequirement): string {
  const links = requirement.links.map((l) => `[${l.title}](${l.url})`).join(', ');
  return links === '' ? requirement.text : `${requirement.text} See ${links}.`;
}

function actionData(options: ShirPlanOptions): ShirPlanActionData {
  return {
    verb: 'plan.current',
    backups: options.backups,
    privateEndpoint: options.storagePrivateEndpoint ? 'yes' : 'no',
  };
}

export function shirPlanCardModel(options: ShirPlanOptions): ShirPlanCardModel {
  const recommendation = recommendShir(options);
  const rules = shirRules({ ...DEFAULT_SHIR_RULE_PARAMETERS, backups: options.backups });
  const smb = options.backups === 'smb';
  return {
    title: recommendation.title,
    reasons: recommendation.reasons,
    requirements: recommendation.requirements.map((r) => ({ text: requirementText(r) })),
    facts: [
      { title: 'Backups', value: smb ? 'on an SMB share (the runtime uploads them)' : 'already in Azure Blob Storage' },
      {
        title: 'MI reaches the storage account',
        value: options.storagePrivateEndpoint ? 'through a private endpoint' : 'through the storage firewall',
      },
    ],
    outbound: rules.outbound.map(rowModel),
    notes: rules.notes,
    alternatives: [
      {
        title: smb ? 'Backups already in Blob Storage' : 'Backups on an SMB share',
        data: actionData({ ...options, backups: smb ? 'blob' : 'smb' }),
      },
      {
        title: options.storagePrivateEndpoint ? 'Use the storage firewall' : 'Use a private endpoint',
        data: actionData({ ...options, storagePrivateEndpoint: !options.storagePrivateEndpoint }),
      },
    ],
  };
}
