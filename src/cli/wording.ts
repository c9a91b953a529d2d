// How the CLI words the core's structured problems: each field by its flag, one line per problem.
import { describeVerifyInputProblem, type VerifyInputField, type VerifyInputProblem } from '../network/errors';
import {
  RULE_SET_ALIASES,
  RULE_SETS,
  type ParameterError,
  type ParameterField,
  type CurrentDmsParameterField,
  type CurrentDmsParameterProblem,
} from '../planning';

/** What --ruleset takes: the rule sets, and their former names (seed, current), which scripts may still pass. */
export const RULE_SET_CHOICES: string[] = [...RULE_SETS, ...Object.keys(RULE_SET_ALIASES)];

/** The flag of each field of the planning core's parameters. */
export const PARAMETER_FLAGS: Record<ParameterField | CurrentDmsParameterField, string> = {
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
export function parameterLine(error: ParameterError | CurrentDmsParameterProblem): string {
  const flag = PARAMETER_FLAGS[error.field];
  const conflict = 'conflict' in error ? error.conflict : undefined;
  if (conflict) {
    const other = PARAMETER_FLAGS[conflict.field];
    return `${flag} ${error.value} needs ${other} ${conflict.needs}, not ${other} ${conflict.value}: ${error.problem}`;
  }
  return `${flag}: ${error.problem}`;
}

/** Every problem in one line, as the CLI reports bad input (exit 2). */
export function parameterLines(errors: readonly (ParameterError | CurrentDmsParameterProblem)[]): string {
  return errors.map(parameterLine).join('; ');
}

/** The flag of each verification input (`scope`: what was read, --subscription or --snapshot). */
export const VERIFY_FLAGS: Record<VerifyInputField, string> = {
  mi: '--mi',
  dms: '--dms',
  storage: '--storage',
  sourceRanges: '--source-range',
  sqlPort: '--sql-port',
  ruleset: '--ruleset',
  plannedTopology: '--topology',
  runtimeSubnet: '--runtime-subnet',
  runtimeIps: '--runtime-ip',
  storageAuth: '--storage-auth',
  scope: '--subscription',
};

/** What to give for an input a check lacks (the `input` of a check): the flag and its value. */
export const VERIFY_INPUT_EXAMPLES: Partial<Record<VerifyInputField, string>> = {
  sourceRanges: "--source-range CIDR (the source SQL Server's address or subnet)",
  storage: '--storage NAME (the storage account that holds the backups), or tag the account',
  runtimeIps: '--runtime-ip IP (the public IP the on-premises runtime leaves from)',
  runtimeSubnet: "--runtime-subnet VNET/SUBNET (the runtime VM's subnet)",
  storageAuth: '--storage-auth sas (DMS reads the backups with a SAS token)',
};

/** Why verify cannot start, in one line with the CLI's flags. */
export function verifyInputLine(p: VerifyInputProblem): string {
  const among = (names: string[]) => (names.length ? ` (candidates: ${names.join(', ')})` : '');
  switch (p.kind) {
    case 'not-found':
      if (p.field === 'runtimeSubnet') {
        return `--runtime-subnet: "${p.name}" is not a subnet of the inventory: give its id or VNET/SUBNET`;
      }
      return (
        `${VERIFY_FLAGS[p.field]}: no ${p.what} named "${p.name}" in the inventory` +
        (p.candidates.length || !p.missingFile ? among(p.candidates) : ` (add ${p.missingFile} to the snapshot)`)
      );
    case 'ambiguous-name':
      return `--runtime-subnet: "${p.name}" is a subnet of several VNets: give its id${among(p.candidates)}`;
    case 'ambiguous':
      return `Several ${p.whats}: name one with ${VERIFY_FLAGS[p.field]}${among(p.candidates)}`;
    case 'none':
      return p.missingFile
        ? `No ${p.what} found: add ${p.missingFile} to the snapshot, or read the subscription that holds it`
        : `No ${p.what} found in the inventory`;
    case 'invalid':
      return `${VERIFY_FLAGS[p.field]}: ${p.problem}`;
    case 'subnet-not-read':
      return (
        `${p.owner}'s subnet ${p.subnetId} is not in the inventory: include the VNet ${p.vnetId} (its subscription) ` +
        'in the snapshot or the --subscription list'
      );
    case 'not-classic':
    case 'no-subnet-id':
      return describeVerifyInputProblem(p);
  }
}
