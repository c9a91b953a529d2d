// verify's flags → the verify use case's request (src/use-cases/verify.ts), every bad flag refused before Azure is read.
import type { Inventory } from '../network/model';
import { isCidrOrIp } from '../network/cidr';
import type { CurrentDmsVerifyOptions } from '../network/current-dms-verify';
import { validateRuleParameters, type DmsKind, type TopologyId } from '../planning';
import { classicOptionsOf, dmsKindOf, type VerifyRequest } from '../use-cases/verify';
import { CliError } from './errors';
import { currentDmsPlanFromFlags } from './current-dms-flags';
import { parameterLines } from './wording';

export interface VerifyCliOptions {
  snapshot?: string;
  subscription?: string[];
  resourceGroup?: string[];
  mi?: string;
  dms?: string;
  sourceRange?: string[];
  sqlPort?: string;
  namedInstance?: string;
  smb?: string;
  ruleset?: string;
  topology?: TopologyId;
  dmsKind?: DmsKind;
  storage?: string[];
  backups?: string;
  sourceVersion?: string;
  runtimeHost?: string;
  storageAuth?: string;
  runtimeIp?: string[];
  runtimeSubnet?: string;
  whatIf?: string;
  fixesScript?: string;
  json?: boolean;
}

/** Flags of the current DMS verify: given with a classic DMS they are refused. */
const CURRENT_ONLY = {
  storage: '--storage',
  backups: '--backups',
  sourceVersion: '--source-version',
  runtimeHost: '--runtime-host',
  storageAuth: '--storage-auth',
  runtimeIp: '--runtime-ip',
  runtimeSubnet: '--runtime-subnet',
} as const;

/** The options of the current DMS verify from the flags; every bad one is one line, exit 2. */
export function currentDmsOptionsFromFlags(
  opts: VerifyCliOptions,
): Omit<CurrentDmsVerifyOptions, 'miName' | 'dmsName'> {
  const plan = currentDmsPlanFromFlags({
    backups: opts.backups,
    sourceVersion: opts.sourceVersion,
    runtimeHost: opts.runtimeHost ?? (opts.runtimeSubnet !== undefined ? 'azure-vm' : undefined),
    storageAuth: opts.storageAuth,
  });
  const ips = (opts.runtimeIp ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const bad = ips.find((ip) => ip.includes(':') || !isCidrOrIp(ip));
  if (bad !== undefined) throw new CliError(`--runtime-ip: '${bad}' is not an IPv4 address or CIDR`);
  if (ips.length > 0 && plan.runtimeHost === 'azure-vm') {
    throw new CliError('--runtime-ip is the public IP of an on-premises runtime; on an Azure VM give --runtime-subnet');
  }
  if (opts.runtimeSubnet !== undefined && plan.runtimeHost === 'onprem') {
    throw new CliError("--runtime-subnet is the Azure VM's subnet: drop --runtime-host onprem or use azure-vm");
  }
  return {
    storageNames: opts.storage,
    backups: plan.backups,
    sourceVersion: plan.sourceVersion,
    storageAuth: plan.storageAuth,
    runtimeHost: plan.runtimeHost,
    runtimeIps: ips,
    runtimeSubnet: opts.runtimeSubnet,
  };
}

/** The request of the flags; bad values exit 2 before anything is read. */
export function verifyRequestFromFlags(opts: VerifyCliOptions): VerifyRequest {
  const parameters = validateRuleParameters({
    sourceRanges: opts.sourceRange,
    sqlPort: opts.sqlPort,
    namedInstance: opts.namedInstance,
    smb: opts.smb,
    ruleset: opts.ruleset,
  });
  if (!parameters.ok) throw new CliError(parameterLines(parameters.errors));
  return {
    miName: opts.mi,
    dmsName: opts.dms,
    dmsKind: opts.dmsKind,
    classic: classicOptionsOf(parameters.params, opts.topology),
    current: currentDmsOptionsFromFlags(opts),
  };
}

/**
 * Which DMS is verified (--dms-kind, else from the inventory and --dms), refusing the flags of the other one: the
 * current DMS's with a classic DMS, --topology with the current one.
 */
export function refuseFlagsOfTheOtherDms(
  inventory: Inventory,
  opts: Pick<VerifyCliOptions, 'dmsKind' | 'dms' | 'topology' | keyof typeof CURRENT_ONLY>,
): DmsKind {
  const kind: DmsKind = dmsKindOf(inventory, { dmsKind: opts.dmsKind, dmsName: opts.dms });
  const current = (Object.keys(CURRENT_ONLY) as (keyof typeof CURRENT_ONLY)[]).find((k) => opts[k] !== undefined);
  if (kind === 'classic' && current) {
    throw new CliError(
      `${CURRENT_ONLY[current]} applies to the current DMS: add --dms-kind current (the inventory holds a classic DMS)`,
    );
  }
  if (kind === 'current' && opts.topology !== undefined) {
    throw new CliError(
      `--topology ${opts.topology} is a classic DMS topology; the current DMS (sqlMigrationServices) is verified as shir: drop --topology or use --dms-kind classic`,
    );
  }
  return kind;
}
