import { mkdtempSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { quoteArg } from '../../src/network/az-fixes';
import { bashArgs, HOSTILE, words } from '../support/shell-fixes';
import { FIX_CASES, FIX_KEYS } from './fix-quoting-cases';

// bash runs every fix of fix-quoting-cases.ts with az as a function that prints its arguments: the words bash passes
// are the words shell-quote reads, and nothing of a hostile name runs (no file appears in the working directory).

const fixOf = (caseName: string, key: string) => FIX_CASES.find((c) => c.name === caseName)!.hostile.get(key)!;

describe('fixes built from hostile names, run by bash', () => {
  it.each(FIX_KEYS)('%s, %s: bash runs exactly those words and nothing of the names', (caseName, key) => {
    const fix = fixOf(caseName, key);
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'fix-quoting-'));
    const fromBash = bashArgs(fix, cwd);
    const fromParser = fix.split('\n').map((l) => words(l).filter((t): t is string => typeof t === 'string'));
    expect(fromBash).toEqual(fromParser);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('quoted values come back from bash unchanged', () => {
    const values = ['rg-net', "it's", 'a b', '*', 'line\nbreak', "quote'and\\back\u001b", HOSTILE];
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'fix-quoting-'));
    expect(bashArgs(`az ${values.map(quoteArg).join(' ')}`, cwd)).toEqual([['az', ...values]]);
  });
});
