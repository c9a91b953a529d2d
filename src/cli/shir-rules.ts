import { CliError } from './errors';
import { parameterLine, parameterLines } from './wording';
import {
  ParameterError,
  parseNsgName,
  parseResourceGroup,
  renderShirRules,
  validateShirPlanOptions,
  validateShirRuleParameters,
  type BackupLocation,
  type RawShirPlanOptions,
  type ShirPlanOptions,
  type ShirRuleFormat,
  type ShirRuleParameters,
} from '../planning';

/** The rule flags of today's DMS, shared by `recommend --dms current` and `rules --dms current`. */
export interface ShirRuleFlags {
  sourceRange?: string[];
  shareRange?: string[];
  sqlPort?: string;
  namedInstance?: string;
  autoUpdate?: string;
  runtimeNodes?: string;
  nsg?: string;
  resourceGroup?: string;
}

/** The plan options of today's DMS from the flags; a SQL Server 2012/2014 source with SMB backups names both flags. */
export function shirPlanFromFlags(raw: RawShirPlanOptions): ShirPlanOptions {
  const parsed = validateShirPlanOptions(raw);
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

/** The runtime's rule parameters from the flags; every bad flag is named in one line. */
export function shirParametersFromFlags(flags: ShirRuleFlags, backups: BackupLocation): ShirRuleParameters {
  const parsed = validateShirRuleParameters({
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
export function renderShirRulesFromFlags(params: ShirRuleParameters, format: ShirRuleFormat, flags: ShirRuleFlags) {
  return renderShirRules(params, format, {
    nsgName: nameOrThrow(flags.nsg, parseNsgName),
    resourceGroup: nameOrThrow(flags.resourceGroup, parseResourceGroup),
  });
}
