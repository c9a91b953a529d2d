import type { Application, TurnState } from '@microsoft/teams-ai';
import { commandPattern } from '../command-text';
import { answerAction } from './answer-action';
import { backAction } from './back-action';
import { currentDmsPlanAction } from './current-dms-action';
import { handlePlanCommand, handleTypedAnswer, typedAnswerSelector, type PlanningDependencies } from './plan-command';
import { restartAction } from './restart-action';
import { handleRulesCommand } from './rules-command';
import { exportRulesAction } from './rules-export-action';
import { updateRulesAction } from './rules-update-action';
import { showPlanAction } from './show-action';

/** The verbs of the planning cards (Action.Submit data.verb). */
export const PLANNING_VERBS = {
  show: 'plan.show',
  currentDms: 'plan.current-dms',
  answer: 'plan.answer',
  back: 'plan.back',
  restart: 'plan.restart',
  updateRules: 'rules.update',
  exportRules: 'rules.export',
} as const;

/** Verbs as cards posted before they were renamed carry them: answered as the verb they became. */
export const RENAMED_PLANNING_VERBS: Readonly<Record<string, string>> = {
  'plan.start': PLANNING_VERBS.show,
  'plan.current': PLANNING_VERBS.currentDms,
};

const withFormerNames = (verb: string) => [
  verb,
  ...Object.keys(RENAMED_PLANNING_VERBS).filter((old) => RENAMED_PLANNING_VERBS[old] === verb),
];

/**
 * Planning: the guided questions, the recommendation with its NSG rules, and the plan for the current DMS.
 * checklist.post and verify.plan buttons on these cards belong to the checklist and verify routes.
 *
 * | trigger                                   | handler             | card                        | its buttons send                                  |
 * | ----------------------------------------- | ------------------- | --------------------------- | ------------------------------------------------- |
 * | `plan` [key=value ...]                    | handlePlanCommand   | question or recommendation  | plan.answer, plan.back, plan.restart, rules.*,    |
 * |                                           |                     |                             | plan.current-dms, checklist.post, verify.plan     |
 * | `plan dms=current` [key=value ...]        | handlePlanCommand   | current-dms-plan            | plan.current-dms, plan.show, verify.plan          |
 * | `rules` [key=value ...]                   | handleRulesCommand  | rules-form or the rules     | rules.update, rules.export                        |
 * | a typed answer to the pending question    | handleTypedAnswer   | question or recommendation  | as `plan`                                         |
 * | verb plan.show (formerly plan.start)      | showPlanAction      | question or recommendation  | as `plan`                                         |
 * | verb plan.current-dms (was plan.current)  | currentDmsPlanAction | current-dms-plan           | as `plan dms=current`                             |
 * | verb plan.answer / plan.back / restart    | answer/back/restart | question or recommendation  | as `plan`                                         |
 * | verb rules.update                         | updateRulesAction   | rules-form or the rules     | rules.update, rules.export                        |
 * | verb rules.export                         | exportRulesAction   | rules-export                |                                                   |
 * | a refusal (stale card, bad data, no plan) | (each handler)      | plan-notice                 | plan.show                                         |
 */
export function registerPlanningRoutes(app: Application<TurnState>, deps: PlanningDependencies): void {
  app.message(commandPattern('plan'), (context) => handlePlanCommand(context, deps));
  app.message(commandPattern('rules'), (context) => handleRulesCommand(context, deps));
  app.message(typedAnswerSelector(deps), (context) => handleTypedAnswer(context, deps));

  const on = (verb: string, handler: (context: Parameters<typeof showPlanAction>[0], data: unknown) => Promise<void>) =>
    app.adaptiveCards.actionSubmit(withFormerNames(verb), (context, _state, data) => handler(context, data));
  on(PLANNING_VERBS.show, (context) => showPlanAction(context, deps));
  on(PLANNING_VERBS.currentDms, (context, data) => currentDmsPlanAction(context, deps, data));
  on(PLANNING_VERBS.answer, (context, data) => answerAction(context, deps, data));
  on(PLANNING_VERBS.back, (context, data) => backAction(context, deps, data));
  on(PLANNING_VERBS.restart, (context, data) => restartAction(context, deps, data));
  on(PLANNING_VERBS.updateRules, (context, data) => updateRulesAction(context, deps, data));
  on(PLANNING_VERBS.exportRules, (context, data) => exportRulesAction(context, deps, data));
}
