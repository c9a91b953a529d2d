import type { TurnContext } from 'botbuilder';
import { conversationScopeOf } from '../conversation-scope';
import { QUESTIONS, nextQuestion } from '../../planning';
import type { PlanningDependencies } from './plan-command';
import { updatePlan } from './plan-store';
import { noticeModel } from './planning-cards';
import { answerPayload, parsePayload } from './payloads';
import {
  CardRejection,
  STALE_CARD,
  answererOf,
  expectVersion,
  planStateCard,
  replyOrRefuse,
  sendAttachment,
  withAnswer,
} from './replies';
import { echo } from '../literal-text';

/** verb plan.answer: a choice button of a question card. */
export async function answerAction(context: TurnContext, deps: PlanningDependencies, data: unknown): Promise<void> {
  await replyOrRefuse(context, async () => {
    const { planVersion, question: key, value } = parsePayload(answerPayload, data);
    const question = QUESTIONS[key];
    if (!question.choices.some((c) => c.value === value)) {
      throw new CardRejection(
        noticeModel('That answer is not one of the choices', 'Nothing was changed.', {
          problems: [
            `'${echo(value)}' is not a choice for "${question.prompt}": use ${question.choices.map((c) => c.label).join(', ')}.`,
          ],
        }),
      );
    }
    const by = answererOf(context);
    const plan = await updatePlan(deps.storage, conversationScopeOf(context), (current) => {
      const plan = expectVersion(current, planVersion);
      if (nextQuestion(plan.answers) !== key) throw new CardRejection(STALE_CARD);
      return withAnswer(plan, key, value, by);
    });
    await sendAttachment(context, await planStateCard(plan, 'recommendation', deps.diagrams));
  });
}
