import { CardFactory, type TurnContext } from 'botbuilder';
import type { Logger } from '../../logger';
import { decide, PlanningInputError, requiredRules } from '../../planning';
import type { PlannedChecklist } from '../../planning/checklist-verification';
import {
  checklistItems,
  MAX_REFRESH_USERS,
  newChecklist,
  replaceItems,
  type Checklist,
  type ChecklistUser,
  type NewChecklist,
} from '../../planning/checklist';
import type { ConditionalStorage } from '../../storage';
import { checklistCard, checklistNoticeJson } from './checklist-card';
import { newChecklistId, saveChecklist, updateChecklist } from './checklist-store';
import { conversationScopeOf } from '../conversation-scope';
import type { TeamsGateway } from './conversation-references';
import { loadPlan, planRuleParameters, type PlanRecord } from '../planning/plan-store';
import { MAX_NAME_CHARS, oneLine } from '../literal-text';

export interface ChecklistDependencies {
  storage: ConditionalStorage;
  logger: Logger;
  teams: TeamsGateway;
}

export const NO_PLAN_MESSAGE =
  'There is no complete plan in this conversation yet. Run plan first (or in one line: plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no), then checklist.';

/** The checklist items of a complete plan, or undefined while questions are still open. */
export function itemsForPlan(plan: PlanRecord | undefined): PlannedChecklist | undefined {
  if (!plan) return undefined;
  try {
    const { topology } = decide(plan.answers);
    const dmsSubnet = plan.parameters.dmsSubnet;
    return {
      topology,
      items: checklistItems(topology, requiredRules(planRuleParameters(plan)), dmsSubnet),
      ...(dmsSubnet ? { dmsSubnet } : {}),
    };
  } catch (error) {
    if (error instanceof PlanningInputError) return undefined;
    throw error;
  }
}

/** The conversation's members as Teams lists them now, names on one line; [] when Teams cannot be asked. */
export async function conversationMembers(context: TurnContext, deps: ChecklistDependencies): Promise<ChecklistUser[]> {
  const members = await deps.teams.conversationMembers(context, MAX_REFRESH_USERS);
  return members.map((m) => ({ id: m.id, name: oneLine(m.name, MAX_NAME_CHARS) || 'Someone' }));
}

export function userOf(context: TurnContext): ChecklistUser {
  const from = context.activity.from;
  return { id: from?.id ?? 'unknown', name: oneLine(from?.name ?? '', MAX_NAME_CHARS) || 'Someone' };
}

export async function sendNotice(context: TurnContext, title: string, message: string): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(checklistNoticeJson(title, message))] });
}

/**
 * Creates (or brings up to date with the plan) this conversation's checklist and posts its card here.
 * Ticks of items that stay are kept.
 */
export async function postChecklistHere(
  context: TurnContext,
  deps: ChecklistDependencies,
  plan: PlanRecord,
): Promise<Checklist | undefined> {
  const planned = itemsForPlan(plan);
  if (!planned) {
    await sendNotice(context, 'No plan yet', NO_PLAN_MESSAGE);
    return undefined;
  }
  const scope = conversationScopeOf(context);
  const input: NewChecklist = {
    id: newChecklistId(),
    ...scope,
    topology: planned.topology,
    items: [...planned.items],
    members: await conversationMembers(context, deps),
    createdBy: userOf(context),
    at: new Date().toISOString(),
  };
  const checklist = await saveChecklist(deps.storage, scope, (current) =>
    current ? replaceItems(current, input) : newChecklist(input),
  );
  const sent = await context.sendActivity({ attachments: [checklistCard(checklist)] });
  // A verification in this conversation updates this message (ticks update the card they come from).
  const messageId = sent?.id;
  if (messageId) {
    await updateChecklist(deps.storage, scope, (current) =>
      current.id === checklist.id ? { ...current, messageId } : undefined,
    );
  }
  return checklist;
}

/** `checklist`: posts the current plan's checklist in this conversation. */
export async function handleChecklistCommand(context: TurnContext, deps: ChecklistDependencies): Promise<void> {
  const plan = await loadPlan(deps.storage, conversationScopeOf(context));
  if (!plan || !itemsForPlan(plan)) return sendNotice(context, 'No plan yet', NO_PLAN_MESSAGE);
  await postChecklistHere(context, deps, plan);
}
