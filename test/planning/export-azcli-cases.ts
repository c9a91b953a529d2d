// The exports the az CLI tests read, and how they read them: export-azcli.test.ts in-process,
// export-azcli.processes.test.ts through bash.
import { parse } from 'shell-quote';
import { DEFAULT_RULE_PARAMETERS } from '../../src/planning';
import type { RuleParameters } from '../../src/planning/types';

export const FULL: RuleParameters = {
  ...DEFAULT_RULE_PARAMETERS,
  dmsSubnet: '10.0.1.0/24',
  sourceRanges: ['192.168.0.0/16', '10.20.0.0/16'],
  sqlPort: 50000,
  namedInstance: true,
  smb: true,
};

export const CASES: [string, RuleParameters, { resourceGroup?: string; nsgName?: string }][] = [
  ['defaults, placeholders', DEFAULT_RULE_PARAMETERS, {}],
  ['every rule, seed', FULL, { resourceGroup: 'migration-rg', nsgName: 'dms-nsg' }],
  ['every rule, current', { ...FULL, ruleset: 'service-tags' }, { resourceGroup: 'rg(prod)', nsgName: 'nsg.1' }],
];

/** Tokens of one command line; shell-quote reports an escaped '*' as a glob, which the shell passes literally. */
export function tokens(line: string): string[] {
  return parse(line, (key) => `$${key}`).map((t) => {
    if (typeof t === 'string') return t;
    if ('op' in t && t.op === 'glob') return t.pattern;
    throw new Error(`unexpected shell token ${JSON.stringify(t)} in ${line}`);
  });
}

/** The command lines of an export (its notes are # comments). */
export function commandLines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
}
