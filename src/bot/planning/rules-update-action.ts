import type { TurnContext } from 'botbuilder';
import { conversationScopeOf } from '../conversation-scope';
import { validateRuleParameters, type RawRuleParameters } from '../../planning';
import type { RuleFormValues } from './card-models';
import { renderCard } from '../cards';
import type { PlanningDependencies } from './plan-command';
import { loadPlan, updatePlan } from './plan-store';
import { rulesFormCardModel } from './planning-cards';
import { parsePayload, rulesFormPayload } from './payloads';
import { expectDecided, expectVersion, planStateCard, replyOrRefuse, sendAttachment } from './replies';

/** Form text → the planning core's raw parameters; source ranges may be separated by commas, spaces or lines. */
export function rawParameters(values: Partial<RuleFormValues>): RawRuleParameters {
  return {
    dmsSubnet: values.dmsSubnet,
    sourceRanges: values.sourceRanges?.split(/[\s,;]+/).filter((s) => s !== ''),
    sqlPort: values.sqlPort,
    namedInstance: values.namedInstance,
    smb: values.smb,
    ruleset: values.ruleset,
  };
}

export const FIX_FIELDS_INTRO = 'Nothing was changed. Fix the fields marked below and press Update rules.';

/**
 * verb rules.update: the parameters form. Bad values come back next to their fields and nothing is stored;
 * good ones are stored and the rules are shown again.
 */
export async function updateRulesAction(
  context: TurnContext,
  deps: PlanningDependencies,
  data: unknown,
): Promise<void> {
  await replyOrRefuse(context, async () => {
    const { planVersion, ...fields } = parsePayload(rulesFormPayload, data);
    const scope = conversationScopeOf(context);
    expectDecided(expectVersion(await loadPlan(deps.storage, scope), planVersion));
    const values: RuleFormValues = {
      dmsSubnet: fields.dmsSubnet ?? '',
      sourceRanges: fields.sourceRanges ?? '',
      sqlPort: fields.sqlPort ?? '',
      namedInstance: fields.namedInstance ?? 'no',
      smb: fields.smb ?? 'no',
      ruleset: fields.ruleset ?? '2020',
    };
    const result = validateRuleParameters(rawParameters(values));
    if (!result.ok) {
      await sendAttachment(
        context,
        renderCard('rules-form', rulesFormCardModel(values, result.errors, planVersion, FIX_FIELDS_INTRO)),
      );
      return;
    }
    const plan = await updatePlan(deps.storage, scope, (current) => ({
      ...expectDecided(expectVersion(current, planVersion)),
      parameters: { ...result.params, sourceRanges: [...result.params.sourceRanges] },
    }));
    await sendAttachment(context, await planStateCard(plan, 'rules', deps.diagrams));
  });
}
