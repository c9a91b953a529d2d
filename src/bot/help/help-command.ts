import type { TurnContext } from 'botbuilder';
import { renderCard } from '../cards';
import { COMMANDS } from './command-catalog';

export interface HelpOptions {
  localMode: boolean;
}

export function helpCard(title: string, intro: string, options: HelpOptions) {
  return renderCard('help', { title, intro, commands: COMMANDS, localMode: options.localMode });
}

export async function sendHelp(context: TurnContext, options: HelpOptions): Promise<void> {
  await context.sendActivity({
    attachments: [
      helpCard(
        'Migration Network Advisor',
        'I help you plan and check the network for migrating SQL Server to Azure SQL Managed Instance with Azure Database Migration Service. Commands:',
        options,
      ),
    ],
  });
}
