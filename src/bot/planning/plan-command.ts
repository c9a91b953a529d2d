import type { TurnContext } from 'botbuilder';
import { conversationScopeOf } from '../conversation-scope';
import type { DiagramService } from '../../diagram/diagram-service';
import { asksForCurrentDms, parseCurrentDmsLine, sendCurrentDmsPlan } from './current-dms-command';
import {
  QUESTIONS,
  QUESTION_KEYS,
  findContradiction,
  nextQuestion,
  parseAnswer,
  relevantAnswers,
  type Answers,
  type QuestionKey,
} from '../../planning';
import { loadOrStartPlan, loadPlan, updatePlan } from './plan-store';
import type { ConditionalStorage } from '../../storage';
import { commandArguments } from '../command-text';
import { noticeModel } from './planning-cards';
import {
  CardRejection,
  answererOf,
  emptyPlan,
  keepAnsweredBy,
  planStateCard,
  replyOrRefuse,
  sendAttachment,
  typedLineRejection,
  withAnswer,
} from './replies';
import { echo } from '../literal-text';

export interface PlanningDependencies {
  storage: ConditionalStorage;
  /** Draws the planned network into the recommendation card; without it the card has no diagram. */
  diagrams?: DiagramService;
}

/** `plan` shows where this conversation's plan is (a new one starts at the first question). */
export async function showPlan(context: TurnContext, deps: PlanningDependencies): Promise<void> {
  const scope = conversationScopeOf(context);
  const plan = await loadOrStartPlan(deps.storage, scope, () => emptyPlan(scope));
  await sendAttachment(context, await planStateCard(plan, 'recommendation', deps.diagrams));
}

/** `plan` alone resumes or starts the guided questions; `plan key=value ...` answers in one line. */
export async function handlePlanCommand(context: TurnContext, deps: PlanningDependencies): Promise<void> {
  const args = commandArguments(context.activity.text, 'plan');
  await replyOrRefuse(context, async () => {
    if (args === '') return showPlan(context, deps);
    // The current DMS: the card follows from the options alone; they are kept apart from the classic plan.
    if (asksForCurrentDms(args)) return sendCurrentDmsPlan(context, deps.storage, parseCurrentDmsLine(args));
    const answers = parseOneLineAnswers(args.replace(/(^|\s)-{0,2}dms=classic(?=\s|$)/i, ' ').trim());
    const by = answererOf(context);
    const scope = conversationScopeOf(context);
    // The line states the answers afresh; the rule parameters (network facts) stay.
    const plan = await updatePlan(deps.storage, scope, (current) => ({
      ...(current ?? emptyPlan(scope)),
      answers,
      answeredBy: keepAnsweredBy(Object.fromEntries(QUESTION_KEYS.map((k) => [k, by])), answers),
    }));
    await sendAttachment(context, await planStateCard(plan, 'recommendation', deps.diagrams));
  });
}

function choicesOf(key: QuestionKey): string {
  const values = QUESTIONS[key].choices.map((c) => c.value);
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/**
 * "source=onprem mi-onprem=yes ..." (the CLI's keys) → the answers that matter. Every problem is reported at once;
 * contradictions are refused with the planning core's hint.
 */
export function parseOneLineAnswers(args: string): Answers {
  const problems: string[] = [];
  const answers: Record<string, string> = {};
  for (const token of args.split(/\s+/)) {
    const match = /^-{0,2}([^=\s]+)=(.*)$/.exec(token);
    if (!match) {
      problems.push(`'${echo(token)}' is not key=value (for example source=onprem).`);
      continue;
    }
    const key = match[1].toLowerCase();
    const text = match[2];
    if (!(QUESTION_KEYS as readonly string[]).includes(key)) {
      problems.push(`Unknown key '${echo(key)}': the keys are ${QUESTION_KEYS.join(', ')}.`);
      continue;
    }
    if (answers[key] !== undefined) {
      problems.push(`${key} is given twice: give it once.`);
      continue;
    }
    const value = parseAnswer(key as QuestionKey, text);
    if (value === undefined)
      problems.push(`${key}=${echo(text)} is not a choice: use ${choicesOf(key as QuestionKey)}.`);
    else answers[key] = value;
  }
  if (problems.length === 0) {
    const contradiction = findContradiction(answers);
    if (contradiction) {
      problems.push(
        `${contradiction.key}=${answers[contradiction.key]} contradicts ${contradiction.conflictsWith}=${answers[contradiction.conflictsWith as string]}: ${contradiction.hint}.`,
      );
    }
  }
  if (problems.length > 0) {
    throw typedLineRejection(
      'answers',
      problems,
      'Example: plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no. Or type plan alone to answer one question at a time.',
    );
  }
  return relevantAnswers(answers);
}

/** Matches a typed reply ("on prem", "y", "no") when it answers the question this conversation's plan is waiting for. */
export function typedAnswerSelector(deps: PlanningDependencies) {
  return async (context: TurnContext): Promise<boolean> => {
    const text = context.activity.text;
    if (context.activity.type !== 'message' || !text || text.length > 40) return false;
    // Only answer-like words read storage: other messages never depend on it here (nor fail when it is down).
    if (parseAnswer('source', text) === undefined && parseAnswer('cross-subscription', text) === undefined)
      return false;
    const plan = await loadPlan(deps.storage, conversationScopeOf(context));
    const pending = plan && nextQuestion(plan.answers);
    return pending !== undefined && parseAnswer(pending, text) !== undefined;
  };
}

export async function handleTypedAnswer(context: TurnContext, deps: PlanningDependencies): Promise<void> {
  const text = context.activity.text ?? '';
  const by = answererOf(context);
  await replyOrRefuse(context, async () => {
    const plan = await updatePlan(deps.storage, conversationScopeOf(context), (current) => {
      const pending = current && nextQuestion(current.answers);
      const value = pending && parseAnswer(pending, text);
      // Someone else answered in the meantime: the reply no longer fits the pending question.
      if (!current || !pending || value === undefined) {
        throw new CardRejection(
          noticeModel('That answer came too late', 'The question was answered meanwhile. Nothing was changed.'),
        );
      }
      return withAnswer(current, pending, value, by);
    });
    await sendAttachment(context, await planStateCard(plan, 'recommendation', deps.diagrams));
  });
}
