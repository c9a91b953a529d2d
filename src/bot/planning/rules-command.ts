import type { TurnContext } from 'botbuilder';
import { conversationScopeOf } from '../conversation-scope';
import { validateRuleParameters } from '../../planning';
import { rawParameters, FIX_FIELDS_INTRO } from './rules-update-action';
import type { RuleFormValues } from './card-models';
import { renderCard } from '../cards';
import { commandArguments } from '../command-text';
import { loadPlan, updatePlan } from './plan-store';
import { formValues, rulesFormCardModel } from './planning-cards';
import {
  CardRejection,
  PLAN_FIRST,
  expectDecided,
  planStateCard,
  replyOrRefuse,
  sendAttachment,
  typedLineRejection,
} from './replies';
import type { PlanningDependencies } from './plan-command';
import { echo } from '../literal-text';

/** The keys of `rules key=value ...`: the CLI's flags without dashes. */
const RULE_KEYS: Record<string, keyof RuleFormValues> = {
  'dms-subnet': 'dmsSubnet',
  'source-range': 'sourceRanges',
  'source-ranges': 'sourceRanges',
  'sql-port': 'sqlPort',
  'named-instance': 'namedInstance',
  smb: 'smb',
  ruleset: 'ruleset',
};

export const ASK_PARAMETERS_INTRO =
  'Which network are the rules for? Give the DMS subnet and the source address ranges (on-premises ranges or the source VM subnet). Fields left empty keep their placeholders.';

function parseRuleArguments(args: string, current: RuleFormValues): RuleFormValues {
  const values = { ...current };
  const problems: string[] = [];
  for (const token of args.split(/\s+/)) {
    const match = /^-{0,2}([^=\s]+)=(.*)$/.exec(token);
    const field = match && RULE_KEYS[match[1].toLowerCase()];
    if (!match) problems.push(`'${echo(token)}' is not key=value (for example sql-port=1433).`);
    else if (!field)
      problems.push(`Unknown key '${echo(match[1])}': the keys are ${Object.keys(RULE_KEYS).join(', ')}.`);
    else values[field] = match[2];
  }
  if (problems.length > 0) {
    throw typedLineRejection(
      'parameters',
      problems,
      'Example: rules dms-subnet=10.0.1.0/24 source-range=192.168.0.0/16,172.16.0.0/24 named-instance=yes',
    );
  }
  return values;
}

/**
 * `rules`: the rule card of the current plan; asks to plan first, or for the parameters while none are given.
 * `rules key=value ...` changes the parameters in one line.
 */
export async function handleRulesCommand(context: TurnContext, deps: PlanningDependencies): Promise<void> {
  const args = commandArguments(context.activity.text, 'rules');
  await replyOrRefuse(context, async () => {
    const scope = conversationScopeOf(context);
    const current = await loadPlan(deps.storage, scope);
    if (current === undefined) throw new CardRejection(PLAN_FIRST);
    const plan = expectDecided(current);
    if (args === '') {
      const unset = plan.parameters.dmsSubnet === undefined && plan.parameters.sourceRanges.length === 0;
      await sendAttachment(
        context,
        unset
          ? renderCard(
              'rules-form',
              rulesFormCardModel(formValues(plan.parameters), [], plan.version, ASK_PARAMETERS_INTRO),
            )
          : await planStateCard(plan, 'rules', deps.diagrams),
      );
      return;
    }
    const values = parseRuleArguments(args, formValues(plan.parameters));
    const result = validateRuleParameters(rawParameters(values));
    if (!result.ok) {
      await sendAttachment(
        context,
        renderCard('rules-form', rulesFormCardModel(values, result.errors, plan.version, FIX_FIELDS_INTRO)),
      );
      return;
    }
    const updated = await updatePlan(deps.storage, scope, (latest) => {
      if (latest === undefined) throw new CardRejection(PLAN_FIRST);
      return {
        ...expectDecided(latest),
        parameters: { ...result.params, sourceRanges: [...result.params.sourceRanges] },
      };
    });
    await sendAttachment(context, await planStateCard(updated, 'rules', deps.diagrams));
  });
}
