// `plan dms=current [backups=smb|blob] [storage-private-endpoint=yes|no] [source-version=2008..2025]
// [runtime-host=onprem|azure-vm] [storage-auth=sas|managed-identity]`: the plan for the current DMS.
import type { TurnContext } from 'botbuilder';
import {
  DEFAULT_CURRENT_DMS_PLAN,
  RUNTIME_HOSTS,
  SQL_SERVER_VERSIONS,
  STORAGE_AUTHS,
  needsBlobBackups,
  currentDmsPlanConflict,
  type CurrentDmsPlanOptions,
} from '../../planning';
import type { ConditionalStorage } from '../../storage';
import { renderCard } from '../cards';
import { saveCurrentDmsPlan } from './current-dms-plan-store';
import { noticeModel } from './planning-cards';
import { conversationScopeOf } from '../conversation-scope';
import { CardRejection, sendAttachment } from './replies';
import { currentDmsPlanCardModel } from './current-dms-cards';
import { echo } from '../literal-text';

const KEYS = ['dms', 'backups', 'storage-private-endpoint', 'source-version', 'runtime-host', 'storage-auth'] as const;

/** True when the one-line plan asks for the current DMS (dms=current). */
export function asksForCurrentDms(args: string): boolean {
  return args.split(/\s+/).some((token) => /^-{0,2}dms=current$/i.test(token));
}

const list = (values: readonly string[]) => `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;

/** The plan for the current DMS could not be used: the notice names every problem; nothing is stored. */
export function currentPlanRejection(problems: string[]): CardRejection {
  return new CardRejection(
    noticeModel('I could not use those options', 'Nothing was changed. Please fix:', {
      problems,
      hint: 'Example: plan dms=current backups=smb source-version=2019 storage-private-endpoint=no',
      showContinue: false,
    }),
  );
}

/** A SQL Server 2012 or 2014 source with SMB backups, in the bot's words; undefined when the options fit. */
export function currentPlanConflict(options: CurrentDmsPlanOptions): string | undefined {
  const conflict = currentDmsPlanConflict(options);
  return conflict && `source-version=${options.sourceVersion} needs backups=blob: ${conflict}.`;
}

/** "dms=current backups=blob storage-private-endpoint=yes" → the options; every problem is reported at once. */
export function parseCurrentDmsLine(args: string): CurrentDmsPlanOptions {
  const options: CurrentDmsPlanOptions = { ...DEFAULT_CURRENT_DMS_PLAN };
  const problems: string[] = [];
  let backupsGiven = false;
  const choose = <T extends string>(
    key: string,
    raw: string,
    value: string,
    choices: readonly T[],
    set: (v: T) => void,
  ) => {
    const found = choices.find((c) => c === value);
    if (found) set(found);
    else problems.push(`${key}=${echo(raw)} is not a choice: use ${list(choices)}.`);
  };
  for (const token of args.split(/\s+/)) {
    const match = /^-{0,2}([^=\s]+)=(.*)$/.exec(token);
    const key = match?.[1].toLowerCase();
    const value = match?.[2].toLowerCase();
    if (!match || key === undefined || value === undefined) {
      problems.push(`'${echo(token)}' is not key=value (for example backups=blob).`);
    } else if (key === 'dms') {
      if (value !== 'current') problems.push(`dms=${echo(match[2])} is not a choice here: use dms=current.`);
    } else if (key === 'backups') {
      backupsGiven = true;
      choose(key, match[2], value, ['smb', 'blob'] as const, (v) => (options.backups = v));
    } else if (key === 'storage-private-endpoint') {
      choose(key, match[2], value, ['yes', 'no'] as const, (v) => (options.storagePrivateEndpoint = v === 'yes'));
    } else if (key === 'source-version') {
      choose(key, match[2], value, SQL_SERVER_VERSIONS, (v) => (options.sourceVersion = v));
    } else if (key === 'runtime-host') {
      choose(key, match[2], value, RUNTIME_HOSTS, (v) => (options.runtimeHost = v));
    } else if (key === 'storage-auth') {
      choose(key, match[2], value, STORAGE_AUTHS, (v) => (options.storageAuth = v));
    } else {
      problems.push(`Unknown key '${echo(match[1])}': with dms=current the keys are ${KEYS.join(', ')}.`);
    }
  }
  // Not asked: a source that can only use blob backups gets them.
  if (!backupsGiven && needsBlobBackups(options.sourceVersion)) options.backups = 'blob';
  const conflict = problems.length === 0 ? currentPlanConflict(options) : undefined;
  if (conflict) problems.push(conflict);
  if (problems.length > 0) throw currentPlanRejection(problems);
  return options;
}

/** Keeps the options as this conversation's plan for the current DMS (verify uses them), then shows the card. */
export async function sendCurrentDmsPlan(
  context: TurnContext,
  storage: ConditionalStorage,
  options: CurrentDmsPlanOptions,
): Promise<void> {
  await saveCurrentDmsPlan(storage, conversationScopeOf(context), options);
  await sendAttachment(context, renderCard('current-dms-plan', currentDmsPlanCardModel(options)));
}
