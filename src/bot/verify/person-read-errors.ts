// How a refused read is worded when verify reads with the signed-in person's own Azure rights (VERIFY_IDENTITY=user):
// the missing role is theirs to ask for, not the bot's operator's to grant.
import { AzureReadError } from '../../azure/errors';
import { oneLine } from '../literal-text';
import type { VerifyErrorCardModel } from './card-models';

const MAX_MESSAGE_CHARS = 1500;

function scopeIdOf(error: AzureReadError): string | undefined {
  const scope = error.scope;
  if (!scope) return undefined;
  return `/subscriptions/${scope.subscriptionId}${scope.resourceGroup ? `/resourceGroups/${scope.resourceGroup}` : ''}`;
}

/** The card for a read refused to the signed-in person, or undefined where the bot's wording applies as it is. */
export function personReadErrorCard(error: unknown, correlationId: string): VerifyErrorCardModel | undefined {
  if (!(error instanceof AzureReadError)) return undefined;
  const card = (title: string, message: string, fix: string): VerifyErrorCardModel => ({
    title,
    message: oneLine(message, MAX_MESSAGE_CHARS),
    fix: oneLine(fix, MAX_MESSAGE_CHARS),
    candidates: [],
    correlationId,
  });
  const subscription = error.scope?.subscriptionId ?? '<subscription-id>';
  const cli = `az login, then: migration-network-advisor verify --subscription ${subscription}`;
  if (error.kind === 'forbidden') {
    const scope = scopeIdOf(error) ?? `/subscriptions/${subscription}`;
    return card(
      'You may not read this network (403 AuthorizationFailed)',
      `${error.message} The check reads with your own Azure rights, so it shows only what you may see: ask for Reader on ${scope}, or run verify from the CLI with your own login.`,
      cli,
    );
  }
  if (error.kind === 'unauthorized') {
    return card(
      'Azure refused your sign-in (401)',
      'Azure Resource Manager did not accept the token of your sign-in (it may have expired, or be for another tenant). Try again in a minute; if it keeps failing, your administrator should check the OAuth connection of the bot (its scope must be Azure Resource Manager user_impersonation).',
      cli,
    );
  }
  return undefined;
}
