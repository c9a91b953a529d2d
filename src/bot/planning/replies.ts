// What the planning handlers share: the conversation's plan, the card that shows where it is, and refusals.
import type { Attachment, TurnContext } from 'botbuilder';
import type { DiagramService } from '../../diagram/diagram-service';
import type { PlanDiagramInput } from '../../diagram/topology-scene';
import {
  decide,
  nextQuestion,
  relevantAnswers,
  requiredRules,
  type Answers,
  type QuestionKey,
  type Recommendation,
  type RequiredRules,
} from '../../planning';
import { LruMap } from '../../lru';
import type { PlanNoticeCardModel } from './card-models';
import { deepFreeze, renderCard, renderKeyedCard } from '../cards';
import type { ConversationScope } from '../conversation-scope';
import {
  DEFAULT_PLAN_PARAMETERS,
  planRuleParameters,
  type AnsweredBy,
  type PlanParameters,
  type PlanRecord,
} from './plan-store';
import {
  answeredKeys,
  noticeModel,
  questionCardModel,
  recommendationCardModel,
  type RecommendationView,
} from './planning-cards';
import { MAX_NAME_CHARS, oneLine } from '../literal-text';

/** A submit or command that is refused: the notice says why, and nothing was written. */
export class CardRejection extends Error {
  constructor(readonly notice: PlanNoticeCardModel) {
    super(notice.message);
  }
}

/** A one-line command (`plan key=value ...`, `rules ...`) refused: every problem listed, an example, nothing written. */
export function typedLineRejection(what: string, problems: string[], example: string): CardRejection {
  return new CardRejection(
    noticeModel(`I could not use those ${what}`, 'Nothing was changed. Please fix:', {
      problems,
      hint: example,
      showContinue: false,
    }),
  );
}

export function answererOf(context: TurnContext): AnsweredBy {
  return {
    name: oneLine(context.activity.from?.name ?? '', MAX_NAME_CHARS) || 'someone',
    at: new Date().toISOString(),
  };
}

export function emptyPlan(scope: ConversationScope): PlanRecord {
  return {
    conversationId: scope.conversationId,
    tenantId: scope.tenantId,
    answers: {},
    answeredBy: {},
    parameters: { ...DEFAULT_PLAN_PARAMETERS, sourceRanges: [] },
    version: 0,
    updatedAt: new Date().toISOString(),
  };
}

export function isDecided(plan: PlanRecord): boolean {
  return nextQuestion(plan.answers) === undefined;
}

/**
 * The next question's card, or the recommendation when the answers decide the topology, with the planned
 * network drawn in it when `diagrams` is given. A diagram that cannot be drawn or stored leaves the card without it.
 */
export async function planStateCard(
  plan: PlanRecord,
  view: RecommendationView = 'recommendation',
  diagrams?: DiagramService,
): Promise<Attachment> {
  const pending = nextQuestion(plan.answers);
  if (pending !== undefined) return renderCard('question', questionCardModel(plan, pending));
  const recommendation = decide(plan.answers);
  const rules = rulesFor(planRuleParameters(plan));
  // The diagram follows from the topology, the source and the rule parameters.
  const diagramKey = JSON.stringify([recommendation.topology, plan.answers.source, plan.parameters]);
  const diagram = await diagrams
    ?.planDiagram(planDiagramInput(plan, recommendation, rules), diagramKey)
    .catch(() => undefined);
  // Everything the model is made of: the same plan shown in many threads is built once.
  const names = answeredKeys(plan).map((key) => plan.answeredBy[key]?.name ?? null);
  const key = JSON.stringify([view, plan.version, plan.answers, names, plan.parameters, diagram ?? null]);
  return renderKeyedCard('recommendation', key, () => {
    const model = recommendationCardModel(plan, recommendation, view, rules);
    return diagram ? { ...model, diagram } : model;
  });
}

// Many plans share their rule parameters (most keep the defaults): the rules are worked out once per set.
const recentRules = new LruMap<string, RequiredRules>(100);

function rulesFor(parameters: PlanParameters): RequiredRules {
  const key = JSON.stringify(parameters);
  let rules = recentRules.get(key);
  if (rules === undefined) {
    rules = deepFreeze(requiredRules(parameters));
    recentRules.set(key, rules);
  }
  return rules;
}

function planDiagramInput(plan: PlanRecord, recommendation: Recommendation, rules: RequiredRules): PlanDiagramInput {
  const { parameters } = plan;
  return {
    topology: recommendation.topology,
    title: recommendation.title,
    source: plan.answers.source,
    dmsSubnet: parameters.dmsSubnet,
    sourceRanges: parameters.sourceRanges,
    rules,
  };
}

export const PLAN_GONE = noticeModel(
  'This plan no longer exists',
  'The card belongs to a plan this conversation does not have any more. Nothing was changed.',
  { hint: 'Type plan to start a new one.', continueTitle: 'Start a new plan' },
);

export const STALE_CARD = noticeModel(
  'This card is out of date',
  'The plan changed after this card was posted (someone answered, went back, started over or changed the rule parameters). Nothing was changed.',
  { hint: 'Use the latest card, or show where the plan is now.' },
);

/** The plan a card was made for, or a refusal when the plan is gone or has changed since. */
export function expectVersion(current: PlanRecord | undefined, planVersion: number): PlanRecord {
  if (current === undefined) throw new CardRejection(PLAN_GONE);
  if (current.version !== planVersion) throw new CardRejection(STALE_CARD);
  return current;
}

export async function sendAttachment(context: TurnContext, attachment: Attachment): Promise<void> {
  await context.sendActivity({ attachments: [attachment] });
}

/** Runs a planning handler; a refusal becomes its notice card. */
export async function replyOrRefuse(context: TurnContext, handler: () => Promise<void>): Promise<void> {
  try {
    await handler();
  } catch (error) {
    if (!(error instanceof CardRejection)) throw error;
    await sendAttachment(context, renderCard('plan-notice', error.notice));
  }
}

/** The plan with `key` answered: answers that no longer matter are dropped, with who gave them. */
export function withAnswer(plan: PlanRecord, key: QuestionKey, value: string, by: AnsweredBy): PlanRecord {
  const answers = relevantAnswers({ ...plan.answers, [key]: value });
  return { ...plan, answers, answeredBy: keepAnsweredBy({ ...plan.answeredBy, [key]: by }, answers) };
}

export function keepAnsweredBy(answeredBy: PlanRecord['answeredBy'], answers: Answers): PlanRecord['answeredBy'] {
  const kept: PlanRecord['answeredBy'] = {};
  for (const key of Object.keys(answers) as QuestionKey[]) if (answeredBy[key]) kept[key] = answeredBy[key];
  return kept;
}

export const PLAN_FIRST = noticeModel(
  'No topology yet',
  'The NSG rules come with a plan: answer the questions first, then the rules are shown with the recommendation.',
  { hint: 'Type plan, or press the button.', continueTitle: 'Plan now' },
);

/** The plan when its answers decide a topology; otherwise a refusal asking to plan first. */
export function expectDecided(plan: PlanRecord): PlanRecord {
  if (!isDecided(plan)) throw new CardRejection(PLAN_FIRST);
  return plan;
}
