import type { TurnContext } from 'botbuilder';
import { conversationScopeOf } from '../conversation-scope';
import { requiredRules, toAzureCli, toBicepSecurityRules } from '../../planning';
import type { RulesExportCardModel } from './card-models';
import { renderCard } from '../cards';
import type { PlanningDependencies } from './plan-command';
import { loadPlan, planRuleParameters, type PlanRecord } from './plan-store';
import { exportPayload, parsePayload } from './payloads';
import { expectDecided, expectVersion, replyOrRefuse, sendAttachment } from './replies';

export function exportCardModel(plan: PlanRecord, format: 'azcli' | 'bicep'): RulesExportCardModel {
  const rules = requiredRules(planRuleParameters(plan));
  if (format === 'azcli') {
    return {
      title: 'Azure CLI: NSG rules for the DMS subnet',
      instructions:
        'Replace <resource-group>, <nsg-name> and any other <placeholder>, then run the commands in a shell. Lines starting with # are the notes.',
      text: toAzureCli(rules),
    };
  }
  return {
    title: 'Bicep: NSG rules for the DMS subnet',
    instructions:
      'Paste into the properties of a Microsoft.Network/networkSecurityGroups resource and replace any <placeholder>.',
    text: toBicepSecurityRules(rules),
  };
}

/** verb rules.export (format azcli or bicep): the current plan's rules as text to copy. */
export async function exportRulesAction(
  context: TurnContext,
  deps: PlanningDependencies,
  data: unknown,
): Promise<void> {
  await replyOrRefuse(context, async () => {
    const { planVersion, format } = parsePayload(exportPayload, data);
    const plan = expectDecided(expectVersion(await loadPlan(deps.storage, conversationScopeOf(context)), planVersion));
    await sendAttachment(context, renderCard('rules-export', exportCardModel(plan, format)));
  });
}
