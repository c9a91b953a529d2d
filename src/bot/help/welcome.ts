import type { TurnContext } from 'botbuilder';
import { helpCard, type HelpOptions } from './help-command';

/** Welcomes the chat or team when the bot itself is among the members added. */
export async function welcomeWhenAdded(context: TurnContext, options: HelpOptions): Promise<void> {
  const botId = context.activity.recipient?.id;
  const added = context.activity.membersAdded ?? [];
  if (!added.some((m) => m.id === botId)) return;
  await context.sendActivity({
    attachments: [
      helpCard(
        'Welcome to Migration Network Advisor',
        'Planning a SQL Server migration to Azure SQL Managed Instance? I recommend the network topology, list the NSG rules to open, keep the team checklist in this thread, and check your real Azure network. Try:',
        options,
      ),
    ],
  });
}
