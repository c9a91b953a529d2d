import type { TurnContext } from 'botbuilder';
import { showPlan, type PlanningDependencies } from './plan-command';
import { replyOrRefuse } from './replies';

/** verb plan.show (help card, notices, the current DMS plan card): where the plan is, like `plan` alone. */
export async function showPlanAction(context: TurnContext, deps: PlanningDependencies): Promise<void> {
  await replyOrRefuse(context, () => showPlan(context, deps));
}
