import { execFileSync } from 'node:child_process';
import { requiredRules, toAzureCli } from '../../src/planning';
import { CASES, commandLines, tokens } from './export-azcli-cases';

describe.each(CASES)('az network nsg rule create export run by bash: %s', (_label, params, target) => {
  it('gives bash the same arguments as the shell-quote parser sees', () => {
    const lines = commandLines(toAzureCli(requiredRules(params), target));
    const script = `az() { printf '%s\\0' az "$@"; }\n${lines.join('\n')}\n`;
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
    const fromBash = out.split('\0').slice(0, -1);
    expect(fromBash).toEqual(lines.flatMap(tokens));
  });
});
