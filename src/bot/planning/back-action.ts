import type { TurnContext } from 'botbuilder';
import { conversationScopeOf } from '../conversation-scope';
import type { PlanningDependencies } from './plan-command';
import { updatePlan } from './plan-store';
import { answeredKeys, noticeModel } from './planning-cards';
import { parsePayload, versionedPayload } from './payloads';
import { CardRejection, expectVersion, keepAnsweredBy, planStateCard, replyOrRefuse, sendAttachment } from './replies';

/** verb plan.back: takes back the last answer (in question order) and asks that question again. */
export async function backAction(context: TurnContext, deps: PlanningDependencies, data: unknown): Promise<void> {
  await replyOrRefuse(context, async () => {
    const { planVersion } = parsePayload(versionedPayload, data);
    const plan = await updatePlan(deps.storage, conversationScopeOf(context), (current) => {
      const plan = expectVersion(current, planVersion);
      const last = answeredKeys(plan).pop();
      if (last === undefined) {
        throw new CardRejection(
          noticeModel('Nothing to go back to', 'No question is answered yet. Nothing was changed.'),
        );
      }
      const answers = { ...plan.answers };
      delete answers[last];
      return { ...plan, answers, answeredBy: keepAnsweredBy(plan.answeredBy, answers) };
    });
    await sendAttachment(context, await planStateCard(plan, 'recommendation', deps.diagrams));
  });
}
