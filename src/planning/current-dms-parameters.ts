// Raw input (CLI flags, a bot form) → ShirRuleParameters, every bad field reported with the flag that names it.
import { BACKUP_LOCATIONS, type BackupLocation } from './current-dms';
import { DEFAULT_SHIR_RULE_PARAMETERS, type ShirRuleParameters } from './current-dms-rules';
import { ParameterError, parseCidrList, parsePort, parseYesNo } from './parameters';

export type ShirParameterField =
  'backups' | 'sourceRanges' | 'shareRanges' | 'sqlPort' | 'namedInstance' | 'autoUpdate';

export const SHIR_PARAMETER_FLAGS: Record<ShirParameterField, string> = {
  backups: '--backups',
  sourceRanges: '--source-range',
  shareRanges: '--share-range',
  sqlPort: '--sql-port',
  namedInstance: '--named-instance',
  autoUpdate: '--auto-update',
};

export interface RawShirRuleParameters {
  backups?: string;
  sourceRanges?: string | string[];
  shareRanges?: string | string[];
  sqlPort?: string | number;
  namedInstance?: string | boolean;
  autoUpdate?: string | boolean;
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
  const found = BACKUP_LOCATIONS.find((b) => b === input.trim().toLowerCase());
  if (!found) throw new Error(`'${input}' is not a backup location: use smb or blob`);
  return found;
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
  const { backups, sourceRanges, shareRanges, sqlPort, namedInstance, autoUpdate } = raw;
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
  return errors.length > 0 ? { ok: false, errors } : { ok: true, params };
}
