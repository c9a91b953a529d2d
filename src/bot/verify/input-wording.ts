// How the bot words the core's verification problems: its own keys (mi=NAME, dms=NAME), the conversation's plan for
// what the CLI takes as flags, and the subscriptions of the verify command for what was read.
import { describeVerifyInputProblem, type VerifyInputField, type VerifyInputProblem } from '../../network/errors';

/** The keys `verify` takes in Teams: the other inputs come from the plan, or the bot does not ask them. */
export type VerifyKey = 'mi' | 'dms';

/** How a person gives, in Teams, an input a check lacks (the `input` of a check); '' when Teams does not ask it. */
export const VERIFY_INPUT_HELP: Partial<Record<VerifyInputField, string>> = {
  sourceRanges: "Give the plan's source ranges (rules source-range=CIDR), then select Check again.",
  storage: 'Tag the storage account that holds the backups dms-backups: verify checks the tagged accounts.',
  runtimeIps: "The public IP the runtime leaves from is not asked in Teams: the CLI's verify --runtime-ip checks it.",
  runtimeSubnet: "The runtime VM's subnet is not asked in Teams: the CLI's verify --runtime-subnet checks it.",
  storageAuth: 'Or plan a SAS token: plan dms=current storage-auth=sas.',
};

const PLAN_FIELDS: Partial<Record<VerifyInputField, string>> = {
  sourceRanges: "the plan's source ranges",
  sqlPort: "the plan's SQL Server port",
  ruleset: "the plan's rule set",
  plannedTopology: "the plan's topology",
};

/** Why verify cannot start, in the bot's words. */
export function verifyInputMessage(p: VerifyInputProblem): string {
  const among = (names: string[]) => (names.length ? ` (candidates: ${names.join(', ')})` : '');
  switch (p.kind) {
    case 'not-found':
      return `No ${p.what} named "${p.name}" in these subscriptions${among(p.candidates)}.`;
    case 'ambiguous':
      return `Several ${p.whats}: name one with ${p.field}=NAME${among(p.candidates)}.`;
    case 'none':
      return `No ${p.what} found in these subscriptions: give the subscription that holds it.`;
    case 'invalid':
      return `${PLAN_FIELDS[p.field] ?? p.field}: ${p.problem}.`;
    case 'subnet-not-read':
      return (
        `${p.owner}'s subnet ${p.subnetId} is not in these subscriptions: add the subscription of VNet ` +
        `${p.vnetId} to the verify command.`
      );
    case 'ambiguous-name':
    case 'not-classic':
    case 'no-subnet-id':
      return `${describeVerifyInputProblem(p)}.`;
  }
}

/** The key whose candidates the error card offers as buttons, or undefined. */
export function candidateKey(p: VerifyInputProblem): VerifyKey | undefined {
  return (p.kind === 'ambiguous' || p.kind === 'not-found') && (p.field === 'mi' || p.field === 'dms')
    ? p.field
    : undefined;
}
