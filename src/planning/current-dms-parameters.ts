// Raw input (CLI flags, a bot form) → CurrentDmsRuleParameters, every bad field reported by its field (each surface names it).
import {
  BACKUP_LOCATIONS,
  DEFAULT_CURRENT_DMS_PLAN,
  RUNTIME_HOSTS,
  SQL_SERVER_VERSIONS,
  STORAGE_AUTHS,
  needsBlobBackups,
  currentDmsPlanConflict,
  type BackupLocation,
  type CurrentDmsPlanOptions,
} from './current-dms';
import {
  DEFAULT_CURRENT_DMS_RULE_PARAMETERS,
  MAX_RUNTIME_NODES,
  type CurrentDmsRuleParameters,
} from './current-dms-rules';
import { ParameterError, parseCidrList, parsePort, parseYesNo, type ParameterProblemKind } from './parameters';

export type CurrentDmsParameterField =
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

export interface RawCurrentDmsRuleParameters {
  backups?: string;
  sourceRanges?: string | string[];
  shareRanges?: string | string[];
  sqlPort?: string | number;
  namedInstance?: string | boolean;
  autoUpdate?: string | boolean;
  runtimeNodes?: string | number;
}

/**
 * One bad field: what is wrong (`kind`), the value, and `problem`, which says it without naming the field (the CLI
 * names the flag, a form shows it next to the field).
 */
export interface CurrentDmsParameterProblem {
  field: CurrentDmsParameterField;
  kind: ParameterProblemKind;
  value: string;
  problem: string;
  /** The accepted values, for `not-a-choice`. */
  choices?: readonly string[];
  /** For `conflict`: the other field, its value, and the value this one needs there. */
  conflict?: { field: CurrentDmsParameterField; value: string; needs: string };
}

export type CurrentDmsParameterResult =
  { ok: true; params: CurrentDmsRuleParameters } | { ok: false; errors: CurrentDmsParameterProblem[] };

function parseBackups(input: string): BackupLocation {
  return choice(input, BACKUP_LOCATIONS, 'a backup location');
}

/** A problem of one field, thrown by the parsers below and collected by the validators. */
class FieldProblem extends Error {
  constructor(readonly problem: Omit<CurrentDmsParameterProblem, 'field'>) {
    super(problem.problem);
  }
}

/** One of `choices` (case-insensitive), or a FieldProblem saying which are accepted. */
function choice<T extends string>(input: string, choices: readonly T[], what: string): T {
  const found = choices.find((c) => c === input.trim().toLowerCase());
  if (found) return found;
  const problem = `'${input}' is not ${what}: use ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
  throw new FieldProblem({ kind: 'not-a-choice', value: input, problem, choices });
}

function parseRuntimeNodes(input: string | number): number {
  const text = String(input).trim();
  const nodes = /^\d$/.test(text) ? Number(text) : NaN;
  if (!(nodes >= 1 && nodes <= MAX_RUNTIME_NODES)) {
    const problem = `'${text}' is not a number of runtime nodes from 1 to ${MAX_RUNTIME_NODES}`;
    throw new FieldProblem({ kind: 'out-of-range', value: text, problem });
  }
  return nodes;
}

/** The problem of `field` from what a parser threw. */
function problemOf(field: CurrentDmsParameterField, e: unknown): CurrentDmsParameterProblem {
  if (e instanceof FieldProblem) return { field, ...e.problem };
  if (e instanceof ParameterError) {
    return {
      field,
      kind: e.kind,
      value: e.value,
      problem: e.problem,
      ...(e.choices.length ? { choices: e.choices } : {}),
    };
  }
  throw e;
}

/** Validates every given field (missing ones take the defaults) and reports every bad one. */
export function validateCurrentDmsRuleParameters(raw: RawCurrentDmsRuleParameters): CurrentDmsParameterResult {
  const params: CurrentDmsRuleParameters = {
    ...DEFAULT_CURRENT_DMS_RULE_PARAMETERS,
    sourceRanges: [],
    shareRanges: [],
  };
  const errors: CurrentDmsParameterProblem[] = [];
  const attempt = (field: CurrentDmsParameterField, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      errors.push(problemOf(field, e));
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

/** The plan options of the current DMS as raw input (CLI flags, a card's data). */
export interface RawCurrentDmsPlanOptions {
  backups?: string;
  storagePrivateEndpoint?: string | boolean;
  runtimeHost?: string;
  storageAuth?: string;
  sourceVersion?: string;
}

export type CurrentDmsPlanResult =
  { ok: true; options: CurrentDmsPlanOptions } | { ok: false; errors: CurrentDmsParameterProblem[] };

/**
 * Validates the plan options and then whether they fit together: a SQL Server 2012 or 2014 source with SMB backups
 * is one `conflict` on sourceVersion naming backups (without backups given, such a source gets blob).
 */
export function validateCurrentDmsPlanOptions(raw: RawCurrentDmsPlanOptions): CurrentDmsPlanResult {
  const options: CurrentDmsPlanOptions = { ...DEFAULT_CURRENT_DMS_PLAN };
  const errors: CurrentDmsParameterProblem[] = [];
  const attempt = (field: CurrentDmsParameterField, value: string | boolean | undefined, fn: (v: string) => void) => {
    if (value === undefined) return;
    try {
      fn(String(value));
    } catch (e) {
      errors.push(problemOf(field, e));
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
  const conflict = currentDmsPlanConflict(options);
  if (conflict) {
    errors.push({
      field: 'sourceVersion',
      kind: 'conflict',
      value: options.sourceVersion ?? '',
      problem: conflict,
      conflict: { field: 'backups', value: options.backups, needs: 'blob' },
    });
    return { ok: false, errors };
  }
  return { ok: true, options };
}
