// Raw input (CLI flags, a bot form) → ShirRuleParameters, every bad field reported with the flag that names it.
import {
  BACKUP_LOCATIONS,
  DEFAULT_SHIR_PLAN,
  RUNTIME_HOSTS,
  SQL_SERVER_VERSIONS,
  STORAGE_AUTHS,
  needsBlobBackups,
  shirPlanConflict,
  type BackupLocation,
  type ShirPlanOptions,
} from './current-dms';
import { DEFAULT_SHIR_RULE_PARAMETERS, MAX_RUNTIME_NODES, type ShirRuleParameters } from './current-dms-rules';
import { ParameterError, parseCidrList, parsePort, parseYesNo } from './parameters';

export type ShirParameterField =
  | 'backups'
  | 'sourceRanges'
  | 'shareRanges'
  | 'sqlPort'
  | 'namedInstance'
  | 'autoUpdate'
  | 'runtimeNodes'
  | 'storagePrivateEndpoint'
  | 'runtimeHost'
  | 'storageAuth'
  | 'sourceVersion';

export const SHIR_PARAMETER_FLAGS: Record<ShirParameterField, string> = {
  backups: '--backups',
  sourceRanges: '--source-range',
  shareRanges: '--share-range',
  sqlPort: '--sql-port',
  namedInstance: '--named-instance',
  autoUpdate: '--auto-update',
  runtimeNodes: '--runtime-nodes',
  storagePrivateEndpoint: '--storage-private-endpoint',
  runtimeHost: '--runtime-host',
  storageAuth: '--storage-auth',
  sourceVersion: '--source-version',
};

export interface RawShirRuleParameters {
  backups?: string;
  sourceRanges?: string | string[];
  shareRanges?: string | string[];
  sqlPort?: string | number;
  namedInstance?: string | boolean;
  autoUpdate?: string | boolean;
  runtimeNodes?: string | number;
}

/** One bad field: `problem` says what is wrong and what is expected (a form shows it next to the field). */
export interface ShirParameterProblem {
  field: ShirParameterField;
  problem: string;
  /** `--flag: problem`, for one CLI line. */
  message: string;
}

export type ShirParameterResult =
  { ok: true; params: ShirRuleParameters } | { ok: false; errors: ShirParameterProblem[] };

function parseBackups(input: string): BackupLocation {
  return choice(input, BACKUP_LOCATIONS, 'a backup location');
}

/** One of `choices` (case-insensitive), or an Error saying which are accepted. */
function choice<T extends string>(input: string, choices: readonly T[], what: string): T {
  const found = choices.find((c) => c === input.trim().toLowerCase());
  if (!found) throw new Error(`'${input}' is not ${what}: use ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`);
  return found;
}

function parseRuntimeNodes(input: string | number): number {
  const text = String(input).trim();
  const nodes = /^\d$/.test(text) ? Number(text) : NaN;
  if (!(nodes >= 1 && nodes <= MAX_RUNTIME_NODES)) {
    throw new Error(`'${text}' is not a number of runtime nodes from 1 to ${MAX_RUNTIME_NODES}`);
  }
  return nodes;
}

/** Validates every given field (missing ones take the defaults) and reports every bad one. */
export function validateShirRuleParameters(raw: RawShirRuleParameters): ShirParameterResult {
  const params: ShirRuleParameters = { ...DEFAULT_SHIR_RULE_PARAMETERS, sourceRanges: [], shareRanges: [] };
  const errors: ShirParameterProblem[] = [];
  const attempt = (field: ShirParameterField, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      const problem = e instanceof ParameterError ? e.problem : (e as Error).message;
      errors.push({ field, problem, message: `${SHIR_PARAMETER_FLAGS[field]}: ${problem}` });
    }
  };
  const { backups, sourceRanges, shareRanges, sqlPort, namedInstance, autoUpdate, runtimeNodes } = raw;
  if (backups !== undefined) attempt('backups', () => (params.backups = parseBackups(backups)));
  if (sourceRanges !== undefined) {
    attempt('sourceRanges', () => (params.sourceRanges = parseCidrList('sourceRanges', sourceRanges)));
  }
  if (shareRanges !== undefined) {
    attempt('shareRanges', () => (params.shareRanges = parseCidrList('sourceRanges', shareRanges)));
  }
  if (sqlPort !== undefined && String(sqlPort).trim() !== '') {
    attempt('sqlPort', () => (params.sqlPort = parsePort('sqlPort', sqlPort)));
  }
  if (namedInstance !== undefined) {
    attempt('namedInstance', () => (params.namedInstance = parseYesNo('namedInstance', namedInstance)));
  }
  // the classic parsers take a classic field name only for their own message; the problem text is what is kept
  if (autoUpdate !== undefined) attempt('autoUpdate', () => (params.autoUpdate = parseYesNo('smb', autoUpdate)));
  if (runtimeNodes !== undefined && String(runtimeNodes).trim() !== '') {
    attempt('runtimeNodes', () => (params.runtimeNodes = parseRuntimeNodes(runtimeNodes)));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, params };
}

/** The plan options of today's DMS as raw input (CLI flags, a card's data). */
export interface RawShirPlanOptions {
  backups?: string;
  storagePrivateEndpoint?: string | boolean;
  runtimeHost?: string;
  storageAuth?: string;
  sourceVersion?: string;
}

export type ShirPlanResult = { ok: true; options: ShirPlanOptions } | { ok: false; errors: ShirParameterProblem[] };

/**
 * Validates the plan options and then whether they fit together: a SQL Server 2012 or 2014 source with SMB backups
 * is one problem on sourceVersion whose message names both flags (without --backups such a source gets blob).
 */
export function validateShirPlanOptions(raw: RawShirPlanOptions): ShirPlanResult {
  const options: ShirPlanOptions = { ...DEFAULT_SHIR_PLAN };
  const errors: ShirParameterProblem[] = [];
  const problem = (field: ShirParameterField, text: string, message = `${SHIR_PARAMETER_FLAGS[field]}: ${text}`) =>
    errors.push({ field, problem: text, message });
  const attempt = (field: ShirParameterField, value: string | boolean | undefined, fn: (v: string) => void) => {
    if (value === undefined) return;
    try {
      fn(String(value));
    } catch (e) {
      problem(field, e instanceof ParameterError ? e.problem : (e as Error).message);
    }
  };
  attempt('backups', raw.backups, (v) => (options.backups = parseBackups(v)));
  attempt(
    'storagePrivateEndpoint',
    raw.storagePrivateEndpoint,
    (v) => (options.storagePrivateEndpoint = parseYesNo('smb', v)),
  );
  attempt('runtimeHost', raw.runtimeHost, (v) => (options.runtimeHost = choice(v, RUNTIME_HOSTS, 'a runtime host')));
  attempt('storageAuth', raw.storageAuth, (v) => (options.storageAuth = choice(v, STORAGE_AUTHS, 'a storage auth')));
  attempt(
    'sourceVersion',
    raw.sourceVersion,
    (v) => (options.sourceVersion = choice(v, SQL_SERVER_VERSIONS, 'a SQL Server version')),
  );
  if (errors.length > 0) return { ok: false, errors };
  // Not asked: a source that can only use blob backups gets them.
  if (raw.backups === undefined && needsBlobBackups(options.sourceVersion)) options.backups = 'blob';
  const conflict = shirPlanConflict(options);
  if (conflict) {
    problem(
      'sourceVersion',
      conflict,
      `--source-version ${options.sourceVersion} needs --backups blob, not --backups smb: ${conflict}`,
    );
    return { ok: false, errors };
  }
  return { ok: true, options };
}
