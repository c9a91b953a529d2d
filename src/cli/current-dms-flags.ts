import { CliError } from './errors';
import { parameterLine, parameterLines } from './wording';
import {
  ParameterError,
  parseNsgName,
  parseResourceGroup,
  renderCurrentDmsRules,
  validateCurrentDmsPlanOptions,
  validateCurrentDmsRuleParameters,
  type BackupLocation,
  type RawCurrentDmsPlanOptions,
  type CurrentDmsPlanOptions,
  type CurrentDmsRuleFormat,
  type CurrentDmsRuleParameters,
} from '../planning';

/** The rule flags of the current DMS, shared by `recommend --dms current` and `rules --dms current`. */
export interface CurrentDmsRuleFlags {
  sourceRange?: string[];
  shareRange?: string[];
  sqlPort?: string;
  namedInstance?: string;
  autoUpdate?: string;
  runtimeNodes?: string;
  nsg?: string;
  resourceGroup?: string;
}

/** The plan options of the current DMS from the flags; a SQL Server 2012/2014 source with SMB backups names both flags. */
export function currentDmsPlanFromFlags(raw: RawCurrentDmsPlanOptions): CurrentDmsPlanOptions {
  const parsed = validateCurrentDmsPlanOptions(raw);
  if (!parsed.ok) throw new CliError(parameterLines(parsed.errors));
  return parsed.options;
}

function nameOrThrow(value: string | undefined, parse: (v: string) => string): string | undefined {
  try {
    return value === undefined ? undefined : parse(value);
  } catch (e) {
    if (e instanceof ParameterError) throw new CliError(parameterLine(e));
    throw e;
  }
}

/** --nsg and --resource-group, for the names in exported az commands (classic and current rules alike). */
export function exportTargetFromFlags(flags: { nsg?: string; resourceGroup?: string }): {
  nsgName?: string;
  resourceGroup?: string;
} {
  return {
    nsgName: nameOrThrow(flags.nsg, parseNsgName),
    resourceGroup: nameOrThrow(flags.resourceGroup, parseResourceGroup),
  };
}

/** The runtime's rule parameters from the flags; every bad flag is named in one line. */
export function currentDmsParametersFromFlags(
  flags: CurrentDmsRuleFlags,
  backups: BackupLocation,
): CurrentDmsRuleParameters {
  const parsed = validateCurrentDmsRuleParameters({
    backups,
    sourceRanges: flags.sourceRange,
    shareRanges: flags.shareRange,
    sqlPort: flags.sqlPort,
    namedInstance: flags.namedInstance,
    autoUpdate: flags.autoUpdate,
    runtimeNodes: flags.runtimeNodes,
  });
  if (!parsed.ok) throw new CliError(parameterLines(parsed.errors));
  return parsed.params;
}

/** The runtime's rules in `format`, with --nsg and --resource-group filling in the azcli commands. */
export function renderCurrentDmsRulesFromFlags(
  params: CurrentDmsRuleParameters,
  format: CurrentDmsRuleFormat,
  flags: CurrentDmsRuleFlags,
) {
  return renderCurrentDmsRules(params, format, exportTargetFromFlags(flags));
}
