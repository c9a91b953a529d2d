// `plan dms=current [backups=smb|blob] [storage-private-endpoint=yes|no]`: the plan for today's DMS.
import type { TurnContext } from 'botbuilder';
import { DEFAULT_SHIR_PLAN, type ShirPlanOptions } from '../../planning';
import { renderCard } from '../cards';
import { noticeModel } from '../planning-cards';
import { CardRejection, sendAttachment } from '../planning-replies';
import { shirPlanCardModel } from '../shir-cards';
import { echo } from '../literal-text';

const KEYS = ['dms', 'backups', 'storage-private-endpoint'] as const;

/** True when the one-line plan asks for today's DMS (dms=current). */
export function asksForCurrentDms(args: string): boolean {
  return args.split(/\s+/).some((token) => /^-{0,2}dms=current$/i.test(token));
}

/** "dms=current backups=blob storage-private-endpoint=yes" → the options; every problem is reported at once. */
export function parseCurrentDmsLine(args: string): ShirPlanOptions {
  const options: ShirPlanOptions = { ...DEFAULT_SHIR_PLAN };
  const problems: string[] = [];
  for (const token of args.split(/\s+/)) {
    const match = /^-{0,2}([^=\s]+)=(.*)$/.exec(token);
    const key = match?.[1].toLowerCase();
    const value = match?.[2].toLowerCase();
    if (!match || key === undefined || value === undefined) {
      problems.push(`'${echo(token)}' is not key=value (for example backups=blob).`);
    } else if (key === 'dms') {
      if (value !== 'current') problems.push(`dms=${echo(match[2])} is not a choice here: use dms=current.`);
    } else if (key === 'backups') {
      if (value === 'smb' || value === 'blob') options.backups = value;
      else problems.push(`backups=${echo(match[2])} is not a choice: use smb or blob.`);
    } else if (key === 'storage-private-endpoint') {
      if (value === 'yes' || value === 'no') options.storagePrivateEndpoint = value === 'yes';
      else problems.push(`storage-private-endpoint=${echo(match[2])} is not a choice: use yes or no.`);
    } else {
      problems.push(`Unknown key '${echo(match[1])}': with dms=current the keys are ${KEYS.join(', ')}.`);
    }
  }
  if (problems.length > 0) {
    throw new CardRejection(
      noticeModel('I could not use those options', 'Nothing was changed. Please fix:', {
        problems,
        hint: 'Example: plan dms=current backups=smb storage-private-endpoint=no',
        showContinue: false,
      }),
    );
  }
  return options;
}

export async function sendShirPlan(context: TurnContext, options: ShirPlanOptions): Promise<void> {
  await sendAttachment(context, renderCard('shir-plan', shirPlanCardModel(options)));
}
