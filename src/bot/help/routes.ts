import { ActivityTypes } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { commandPattern } from '../command-text';
import { sendHelp, type HelpOptions } from './help-command';
import { sendHint } from './hint';
import { welcomeWhenAdded } from './welcome';

/** The verb of the hint card's button. */
export const HELP_VERBS = { help: 'help' } as const;

/**
 * What the bot does, and the answer to anything it does not know.
 *
 * | trigger                         | handler          | card                | its buttons send |
 * | ------------------------------- | ---------------- | ------------------- | ---------------- |
 * | `help`                          | sendHelp         | help                | plan.show        |
 * | verb `help` (hint card)         | sendHelp         | help                | plan.show        |
 * | the bot added to a chat or team | welcomeWhenAdded | help (welcome text) | plan.show        |
 * | any other message or submit     | sendHint         | hint                | help             |
 */
export function registerHelpRoutes(app: Application<TurnState>, options: HelpOptions): void {
  app.conversationUpdate('membersAdded', (context) => welcomeWhenAdded(context, options));
  app.message(commandPattern('help'), (context) => sendHelp(context, options));
  app.adaptiveCards.actionSubmit(HELP_VERBS.help, (context) => sendHelp(context, options));
}

/** Registered after every other route: anything not routed gets a hint, never silence. */
export function registerFallbackRoute(app: Application<TurnState>): void {
  app.activity(ActivityTypes.Message, (context) => sendHint(context));
}
