import { RULE_SET_ALIASES, type Answers, type QuestionKey, type RuleParameters } from '../../planning';
import { updateItem, type ConditionalStorage } from '../../storage';
import { assertSameTenant, type ConversationScope } from '../conversation-scope';

/** Who gave an answer, shown on the question card so a channel thread plans together. */
export interface AnsweredBy {
  name: string;
  at: string; // ISO time
}

/** The rule parameters as the team gave them (already validated). */
export type PlanParameters = RuleParameters;

/** The plan of one conversation (a personal chat, a group chat, or one channel thread). */
export interface PlanRecord {
  conversationId: string;
  /** The tenant of the conversation; plans stored before it was recorded have none until their next change. */
  tenantId?: string;
  answers: Answers;
  answeredBy: Partial<Record<QuestionKey, AnsweredBy>>;
  parameters: PlanParameters;
  /** Grows on every change; cards carry it so a stale card's submit is recognised. */
  version: number;
  updatedAt: string;
}

export const DEFAULT_PLAN_PARAMETERS: PlanParameters = {
  sourceRanges: [],
  sqlPort: 1433,
  namedInstance: false,
  smb: false,
  ruleset: '2020',
};

/** The plan's rule parameters with where the source runs (an Azure VM source names the VM in the rules). */
export function planRuleParameters(plan: PlanRecord): RuleParameters {
  return plan.answers.source ? { ...plan.parameters, source: plan.answers.source } : plan.parameters;
}

/** A channel thread's conversation id carries ';messageid=...': each thread keeps its own plan. */
export function planKey(conversationId: string): string {
  return `plan/${conversationId}`;
}

/** A plan stored before the rule sets were renamed names them 'seed' or 'current': read as '2020', 'service-tags'. */
function withCurrentNames(plan: PlanRecord): PlanRecord {
  const ruleset = RULE_SET_ALIASES[plan.parameters.ruleset];
  return ruleset ? { ...plan, parameters: { ...plan.parameters, ruleset } } : plan;
}

/** This conversation's plan; ForeignConversationError when the stored one names another tenant. */
export async function loadPlan(storage: ConditionalStorage, scope: ConversationScope): Promise<PlanRecord | undefined> {
  const key = planKey(scope.conversationId);
  const item = (await storage.read([key]))[key] as (PlanRecord & { eTag?: string }) | undefined;
  if (!item) return undefined;
  const { eTag: _eTag, ...plan } = item;
  assertSameTenant(plan, scope);
  return withCurrentNames(plan);
}

/**
 * Changes this conversation's plan with optimistic concurrency (concurrent answers in a thread never lose each
 * other). `change` may throw to abort without writing; returning undefined leaves the plan as it is. A stored plan
 * of another tenant is never changed (ForeignConversationError); the plan written carries the scope's tenant.
 */
export function updatePlan(
  storage: ConditionalStorage,
  scope: ConversationScope,
  change: (current: PlanRecord | undefined) => PlanRecord,
): Promise<PlanRecord>;
export function updatePlan(
  storage: ConditionalStorage,
  scope: ConversationScope,
  change: (current: PlanRecord | undefined) => PlanRecord | undefined,
): Promise<PlanRecord | undefined>;
export async function updatePlan(
  storage: ConditionalStorage,
  scope: ConversationScope,
  change: (current: PlanRecord | undefined) => PlanRecord | undefined,
): Promise<PlanRecord | undefined> {
  return updateItem<PlanRecord>(storage, planKey(scope.conversationId), (current) => {
    assertSameTenant(current, scope);
    const next = change(current && withCurrentNames(current));
    if (next === undefined) return undefined;
    return {
      ...next,
      conversationId: scope.conversationId,
      tenantId: scope.tenantId,
      version: (current?.version ?? 0) + 1,
      updatedAt: new Date().toISOString(),
    };
  });
}

/** This conversation's plan; when there is none, `fresh()` is stored (once, whoever asks at the same time). */
export async function loadOrStartPlan(
  storage: ConditionalStorage,
  scope: ConversationScope,
  fresh: () => PlanRecord,
): Promise<PlanRecord> {
  const plan = await updatePlan(storage, scope, (current) => (current === undefined ? fresh() : undefined));
  // updateItem gives back the stored plan when nothing is written, and the written one otherwise.
  if (plan === undefined) throw new Error('no plan was read or written');
  return plan;
}
