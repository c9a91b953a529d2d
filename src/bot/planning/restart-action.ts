import type { TurnContext } from 'botbuilder';
import { conversationScopeOf } from '../conversation-scope';
import type { PlanningDependencies } from './plan-command';
import { updatePlan } from './plan-store';
import { parsePayload, versionedPayload } from './payloads';
import { expectVersion, planStateCard, replyOrRefuse, sendAttachment } from './replies';

/** verb plan.restart: clears the answers and asks the first question; the rule parameters (network facts) stay. */
export async function restartAction(context: TurnContext, deps: PlanningDependencies, data: unknown): Promise<void> {
  await replyOrRefuse(context, async () => {
    const { planVersion } = parsePayload(versionedPayload, data);
    const plan = await updatePlan(deps.storage, conversationScopeOf(context), (current) => ({
      ...expectVersion(current, planVersion),
      answers: {},
      answeredBy: {},
    }));
    await sendAttachment(context, await planStateCard(plan, 'recommendation', deps.diagrams));
  });
}
