import type { TurnContext } from 'botbuilder';
import { showPlan, type PlanningDependencies } from './plan-command';
import { replyOrRefuse } from './replies';

/** verb plan.start (help card, notices): where the plan is, like `plan` alone. */
export async function startPlanAction(context: TurnContext, deps: PlanningDependencies): Promise<void> {
  await replyOrRefuse(context, () => showPlan(context, deps));
}
