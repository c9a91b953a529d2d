import type { Application, TurnState } from '@microsoft/teams-ai';
import { answerAction } from './answer-action';
import { currentPlanAction } from './current-dms-action';
import { backAction } from './back-action';
import { restartAction } from './restart-action';
import { startPlanAction } from './start-action';
import { exportRulesAction } from './rules-export-action';
import { updateRulesAction } from './rules-update-action';
import { commandPattern } from '../command-text';
import { handlePlanCommand, handleTypedAnswer, typedAnswerSelector, type PlanningDependencies } from './plan-command';
import { handleRulesCommand } from './rules-command';

/**
 * The planning routes: `plan`, `rules`, typed answers to the pending question, and the planning cards' submits
 * (Action.Submit with data.verb). checklist.post and verify.plan buttons belong to the checklist and verify routes.
 */
export function registerPlanningRoutes(app: Application<TurnState>, deps: PlanningDependencies): void {
  app.message(commandPattern('plan'), (context) => handlePlanCommand(context, deps));
  app.message(commandPattern('rules'), (context) => handleRulesCommand(context, deps));
  app.message(typedAnswerSelector(deps), (context) => handleTypedAnswer(context, deps));

  app.adaptiveCards.actionSubmit('plan.start', (context) => startPlanAction(context, deps));
  app.adaptiveCards.actionSubmit('plan.current', (context, _state, data) => currentPlanAction(context, deps, data));
  app.adaptiveCards.actionSubmit('plan.answer', (context, _state, data) => answerAction(context, deps, data));
  app.adaptiveCards.actionSubmit('plan.back', (context, _state, data) => backAction(context, deps, data));
  app.adaptiveCards.actionSubmit('plan.restart', (context, _state, data) => restartAction(context, deps, data));
  app.adaptiveCards.actionSubmit('rules.update', (context, _state, data) => updateRulesAction(context, deps, data));
  app.adaptiveCards.actionSubmit('rules.export', (context, _state, data) => exportRulesAction(context, deps, data));
}
