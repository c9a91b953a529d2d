// How the CLI words the core's structured problems: each field by its flag, one line per problem.
import type { ParameterError, ParameterField, ShirParameterField, ShirParameterProblem } from '../planning';

/** The flag of each field of the planning core's parameters. */
export const PARAMETER_FLAGS: Record<ParameterField | ShirParameterField, string> = {
  dmsSubnet: '--dms-subnet',
  sourceRanges: '--source-range',
  sqlPort: '--sql-port',
  namedInstance: '--named-instance',
  smb: '--smb',
  ruleset: '--ruleset',
  nsgName: '--nsg',
  resourceGroup: '--resource-group',
  backups: '--backups',
  shareRanges: '--share-range',
  autoUpdate: '--auto-update',
  runtimeNodes: '--runtime-nodes',
  storagePrivateEndpoint: '--storage-private-endpoint',
  runtimeHost: '--runtime-host',
  storageAuth: '--storage-auth',
  sourceVersion: '--source-version',
};

/** `--flag: problem`; a conflict names both flags (`--source-version 2014 needs --backups blob, not --backups smb: ...`). */
export function parameterLine(error: ParameterError | ShirParameterProblem): string {
  const flag = PARAMETER_FLAGS[error.field];
  const conflict = 'conflict' in error ? error.conflict : undefined;
  if (conflict) {
    const other = PARAMETER_FLAGS[conflict.field];
    return `${flag} ${error.value} needs ${other} ${conflict.needs}, not ${other} ${conflict.value}: ${error.problem}`;
  }
  return `${flag}: ${error.problem}`;
}

/** Every problem in one line, as the CLI reports bad input (exit 2). */
export function parameterLines(errors: readonly (ParameterError | ShirParameterProblem)[]): string {
  return errors.map(parameterLine).join('; ');
}
