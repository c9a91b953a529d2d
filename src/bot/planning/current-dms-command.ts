// `plan dms=current [backups=smb|blob] [storage-private-endpoint=yes|no] [source-version=2008..2025]
// [runtime-host=onprem|azure-vm] [storage-auth=sas|managed-identity]`: the plan for the current DMS.
import type { TurnContext } from 'botbuilder';
import {
  currentDmsPlanConflict,
  validateCurrentDmsPlanOptions,
  type CurrentDmsParameterProblem,
  type CurrentDmsPlanOptions,
  type RawCurrentDmsPlanOptions,
} from '../../planning';
import type { ConditionalStorage } from '../../storage';
import { renderCard } from '../cards';
import { saveCurrentDmsPlan } from './current-dms-plan-store';
import { conversationScopeOf } from '../conversation-scope';
import { CardRejection, sendAttachment, typedLineRejection } from './replies';
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
  return typedLineRejection(
    'options',
    problems,
    'Example: plan dms=current backups=smb source-version=2019 storage-private-endpoint=no',
  );
}

/** A SQL Server 2012 or 2014 source with SMB backups, in the bot's words; undefined when the options fit. */
export function currentPlanConflict(options: CurrentDmsPlanOptions): string | undefined {
  const conflict = currentDmsPlanConflict(options);
  return conflict && `source-version=${options.sourceVersion} needs backups=blob: ${conflict}.`;
}

/** The line's keys and the plan options they give (the domain validates them: validateCurrentDmsPlanOptions). */
const OPTION_OF_KEY: Record<string, keyof RawCurrentDmsPlanOptions> = {
  backups: 'backups',
  'storage-private-endpoint': 'storagePrivateEndpoint',
  'source-version': 'sourceVersion',
  'runtime-host': 'runtimeHost',
  'storage-auth': 'storageAuth',
};
const KEY_OF_OPTION = Object.fromEntries(Object.entries(OPTION_OF_KEY).map(([key, option]) => [option, key]));

/** A problem of one option, in the words of the one-line plan. */
function lineProblem(problem: CurrentDmsParameterProblem): string {
  const key = KEY_OF_OPTION[problem.field] ?? problem.field;
  if (problem.kind === 'conflict') return `${key}=${problem.value} needs backups=blob: ${problem.problem}.`;
  if (problem.choices) return `${key}=${echo(problem.value)} is not a choice: use ${list(problem.choices)}.`;
  return `${key}=${echo(problem.value)}: ${problem.problem}.`;
}

/** "dms=current backups=blob storage-private-endpoint=yes" → the options; every problem is reported at once. */
export function parseCurrentDmsLine(args: string): CurrentDmsPlanOptions {
  const raw: RawCurrentDmsPlanOptions = {};
  const problems: string[] = [];
  for (const token of args.split(/\s+/)) {
    const match = /^-{0,2}([^=\s]+)=(.*)$/.exec(token);
    if (!match) {
      problems.push(`'${echo(token)}' is not key=value (for example backups=blob).`);
      continue;
    }
    const [, given, value] = match;
    const key = given.toLowerCase();
    if (key === 'dms') {
      if (value.toLowerCase() !== 'current') problems.push(`dms=${echo(value)} is not a choice here: use dms=current.`);
    } else if (OPTION_OF_KEY[key]) {
      raw[OPTION_OF_KEY[key]] = value;
    } else {
      problems.push(`Unknown key '${echo(given)}': with dms=current the keys are ${KEYS.join(', ')}.`);
    }
  }
  const validated = validateCurrentDmsPlanOptions(raw);
  if (!validated.ok) {
    // A conflict between options is only worth saying once every option is readable.
    const shown = problems.length ? validated.errors.filter((e) => e.kind !== 'conflict') : validated.errors;
    problems.push(...shown.map(lineProblem));
  }
  if (problems.length > 0 || !validated.ok) throw currentPlanRejection(problems);
  return validated.options;
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
