import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotDependencies } from '../app';
import { commandPattern } from '../command-text';
import { handleFixesScript } from './fixes-script-action';
import { handleVerifyAgain } from './verify-again-action';
import { handleVerifyCommand } from './verify-command';
import type { VerifyTurnDependencies } from './verify-dependencies';
import { handleVerifyPlan } from './verify-plan-action';

/**
 * The verbs of the verify buttons: "Verify in Azure" (plan cards, verify-ask), "Check again" (and candidates), "Get
 * the fixes script".
 */
export const VERIFY_VERBS = { plan: 'verify.plan', again: 'verify.again', script: 'verify.script' } as const;

/**
 * Verify: read the Azure network and say, check by check, what will block the migration. The reply comes at once
 * ("checking"); the result replaces it when the read is done.
 *
 * | trigger                                  | handler            | card                                   | its buttons send      |
 * | ---------------------------------------- | ------------------ | -------------------------------------- | --------------------- |
 * | `verify <subscription-id>... [mi=] [dms=]` | handleVerifyCommand | verify-checking, then verify-result  | verify.again, verify.script |
 * | `verify` without ids                      | handleVerifyCommand | verify-ask                            | verify.plan           |
 * | verb verify.plan (plan cards, verify-ask) | handleVerifyPlan   | as `verify`, ids typed or remembered   | verify.again          |
 * | verb verify.again (Check again, candidates) | handleVerifyAgain | as `verify`                           | verify.again          |
 * | verb verify.script (Get the fixes script) | handleFixesScript  | verify-script (one or more parts)      | nothing               |
 * | a refusal or a failed read                | (each handler)     | verify-error                           | verify.again (candidates) |
 */
export function registerVerifyRoutes(app: Application<TurnState>, deps: BotDependencies): void {
  const turnDeps: VerifyTurnDependencies = {
    storage: deps.storage,
    logger: deps.logger,
    diagrams: deps.diagrams,
    verify: deps.verify,
  };
  app.message(commandPattern('verify'), (context) => handleVerifyCommand(context, turnDeps));
  app.adaptiveCards.actionSubmit(VERIFY_VERBS.plan, (context, _state, data) =>
    handleVerifyPlan(context, turnDeps, data),
  );
  app.adaptiveCards.actionSubmit(VERIFY_VERBS.again, (context, _state, data) =>
    handleVerifyAgain(context, turnDeps, data),
  );
  app.adaptiveCards.actionSubmit(VERIFY_VERBS.script, (context, _state, data) =>
    handleFixesScript(context, turnDeps, data),
  );
}
