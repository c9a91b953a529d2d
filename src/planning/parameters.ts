import ipaddr from 'ipaddr.js';
import type { RuleParameters, RuleSet } from './types';

/** The parameter fields a form or the CLI can get wrong (each surface names them its own way: a flag, a key, a field). */
export type ParameterField =
  'dmsSubnet' | 'sourceRanges' | 'sqlPort' | 'namedInstance' | 'smb' | 'ruleset' | 'nsgName' | 'resourceGroup';

/** What is wrong with a value. */
export type ParameterProblemKind =
  | 'not-ipv4-cidr'
  | 'host-bits'
  | 'not-port'
  | 'not-yes-no'
  | 'not-a-choice'
  | 'invalid-name'
  | 'out-of-range'
  /** The value is fine alone but not with another field's (CurrentDmsParameterProblem.conflict says which). */
  | 'conflict';

/**
 * One bad parameter: the field, what is wrong (`kind`), the value, and `problem`, which says what is wrong and what
 * is expected without naming the field: each surface names it (the CLI by its flag, a form next to the field).
 */
export class ParameterError extends Error {
  override readonly name = 'ParameterError';
  constructor(
    readonly field: ParameterField,
    readonly value: string,
    readonly problem: string,
    readonly kind: ParameterProblemKind,
    /** The accepted values, for `not-a-choice`. */
    readonly choices: readonly string[] = [],
  ) {
    super(`${field}: ${problem}`);
  }
}

export const DEFAULT_SQL_PORT = 1433;
export const RULE_SETS: readonly RuleSet[] = ['2020', 'service-tags'];
/** The names the rule sets had before: still accepted from scripts, typed commands and cards posted then. */
export const RULE_SET_ALIASES: Readonly<Record<string, RuleSet>> = { seed: '2020', current: 'service-tags' };

export const DEFAULT_RULE_PARAMETERS: RuleParameters = {
  sourceRanges: [],
  sqlPort: DEFAULT_SQL_PORT,
  namedInstance: false,
  smb: false,
  ruleset: '2020',
};

/** Raw input as a form or the command line gives it. Missing fields take the defaults. */
export interface RawRuleParameters {
  dmsSubnet?: string;
  /** One string with commas, or a list (each item may itself hold commas). */
  sourceRanges?: string | string[];
  sqlPort?: string | number;
  namedInstance?: string | boolean;
  smb?: string | boolean;
  ruleset?: string;
}

/** Checks one IPv4 CIDR and returns it normalized (no spaces); throws ParameterError for `field`. */
export function parseCidr(field: ParameterField, text: string): string {
  const value = text.trim();
  const expected = `'${value}' is not an IPv4 CIDR such as 10.0.1.0/24`;
  const match = /^([0-9.]+)\/(\d{1,2})$/.exec(value);
  if (!match || !ipaddr.IPv4.isValidFourPartDecimal(match[1]) || Number(match[2]) > 32) {
    throw new ParameterError(field, value, expected, 'not-ipv4-cidr');
  }
  const network = ipaddr.IPv4.networkAddressFromCIDR(value).toString();
  if (network !== match[1]) {
    throw new ParameterError(
      field,
      value,
      `'${value}' has host bits set; the network is ${network}/${match[2]}`,
      'host-bits',
    );
  }
  return `${network}/${Number(match[2])}`;
}

/** Splits "a, b" and lists of such strings into checked CIDRs, without duplicates. */
export function parseCidrList(field: ParameterField, input: string | string[]): string[] {
  const items = (Array.isArray(input) ? input : [input])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [...new Set(items.map((s) => parseCidr(field, s)))];
}

/** A TCP/UDP port: an integer from 1 to 65535. */
export function parsePort(field: ParameterField, input: string | number): number {
  const text = String(input).trim();
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new ParameterError(field, text, `'${text}' is not a port number from 1 to 65535`, 'not-port');
  }
  return port;
}

export function parseYesNo(field: ParameterField, input: string | boolean): boolean {
  if (typeof input === 'boolean') return input;
  const text = input.trim().toLowerCase();
  if (text === 'yes' || text === 'true') return true;
  if (text === 'no' || text === 'false') return false;
  throw new ParameterError(field, input, `'${input}' is not yes or no`, 'not-yes-no', ['yes', 'no']);
}

export function parseRuleSet(input: string): RuleSet {
  const text = input.trim().toLowerCase();
  const found = RULE_SETS.find((r) => r === text) ?? RULE_SET_ALIASES[text];
  if (!found) {
    throw new ParameterError(
      'ruleset',
      input,
      `'${input}' is not a rule set: use ${RULE_SETS.join(' or ')}`,
      'not-a-choice',
      RULE_SETS,
    );
  }
  return found;
}

// Azure naming rules (Microsoft.Network and resource groups), checked so a typo fails here and not in `az`.
const NSG_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;
const RESOURCE_GROUP = /^[-\p{L}\p{N}_.()]{0,89}[-\p{L}\p{N}_()]$/u;

export function parseNsgName(input: string): string {
  if (!NSG_NAME.test(input)) {
    throw new ParameterError(
      'nsgName',
      input,
      `'${input}' is not a valid NSG name: 1-80 letters, digits, '_', '.', '-', starting with a letter or digit and ending with a letter, digit or '_'`,
      'invalid-name',
    );
  }
  return input;
}

export function parseResourceGroup(input: string): string {
  if (!RESOURCE_GROUP.test(input)) {
    throw new ParameterError(
      'resourceGroup',
      input,
      `'${input}' is not a valid resource group name: 1-90 letters, digits, '_', '.', '-', '(', ')', not ending with '.'`,
      'invalid-name',
    );
  }
  return input;
}

export type ParameterResult = { ok: true; params: RuleParameters } | { ok: false; errors: ParameterError[] };

/** Validates every field and reports every bad one (a form shows each next to its field). */
export function validateRuleParameters(raw: RawRuleParameters): ParameterResult {
  const errors: ParameterError[] = [];
  const params: RuleParameters = { ...DEFAULT_RULE_PARAMETERS, sourceRanges: [] };
  const attempt = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof ParameterError) errors.push(e);
      else throw e;
    }
  };
  if (raw.dmsSubnet !== undefined && raw.dmsSubnet.trim() !== '') {
    attempt(() => (params.dmsSubnet = parseCidr('dmsSubnet', raw.dmsSubnet as string)));
  }
  if (raw.sourceRanges !== undefined) {
    attempt(() => (params.sourceRanges = parseCidrList('sourceRanges', raw.sourceRanges as string | string[])));
  }
  if (raw.sqlPort !== undefined && String(raw.sqlPort).trim() !== '') {
    attempt(() => (params.sqlPort = parsePort('sqlPort', raw.sqlPort as string | number)));
  }
  if (raw.namedInstance !== undefined) {
    attempt(() => (params.namedInstance = parseYesNo('namedInstance', raw.namedInstance as string | boolean)));
  }
  if (raw.smb !== undefined) attempt(() => (params.smb = parseYesNo('smb', raw.smb as string | boolean)));
  if (raw.ruleset !== undefined) attempt(() => (params.ruleset = parseRuleSet(raw.ruleset as string)));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, params };
}
