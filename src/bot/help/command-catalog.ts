import type { CommandHelp } from './card-models';

/** What the bot does: shown by `help` and the welcome card, and mirrored by the manifest's command lists. */
export const COMMANDS: CommandHelp[] = [
  {
    command: 'plan',
    example: 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no',
    description:
      'Answer a few questions (or give the answers in one line) and get the network topology with its NSG rules.',
  },
  {
    command: 'rules',
    example: 'rules',
    description: 'Show the NSG rules of the current plan, with Azure CLI and Bicep exports.',
  },
  {
    command: 'checklist',
    example: 'checklist',
    description: "Post the plan's checklist so the team can tick items off together.",
  },
  {
    command: 'verify',
    example: 'verify 00000000-0000-0000-0000-000000000000',
    description:
      'Read the Azure network of one or more subscriptions and say, check by check, what will block the migration.',
  },
  {
    command: 'help',
    example: 'help',
    description: 'Show this list.',
  },
];
