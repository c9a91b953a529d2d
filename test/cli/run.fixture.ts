import { runCli } from '../../src/cli';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process and captures what it writes. */
export async function run(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** The keys of a rule in the --json contract of issue 2 (sorted): written here, not derived from the code. */
export const RULE_KEYS = [
  'access',
  'destination',
  'direction',
  'id',
  'name',
  'note',
  'ports',
  'priority',
  'protocol',
  'reason',
  'source',
];
