import { mkdtempSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixesScript } from '../../src/network/fixes-script';
import { verify } from '../../src/network/verifier';
import { CLASSIC_FIX_SCENARIOS } from '../fixtures/network/fix-scenarios';
import { bashArgs, words } from '../support/shell-fixes';
import { FIX_CASES } from './fix-quoting-cases';

// The fixes script is run by bash with `az` as a function that prints its arguments: it must run exactly the commands
// verify proved, in their order, whatever the names of the inventory hold (fix-quoting-cases.ts), and nothing else.

describe('the fixes script, with hostile names', () => {
  let ran = 0;

  it.each(FIX_CASES.map((c) => [c.name, c] as const))(
    '%s: bash runs the proven commands, in order, and nothing else',
    (_name, c) => {
      const result = c.hostileResult;
      const script = fixesScript(result);
      const cwd = mkdtempSync(path.join(os.tmpdir(), 'fixes-script-'));
      const expected = result.afterFixes!.changes.map((c) =>
        words(c.command).filter((w): w is string => typeof w === 'string'),
      );
      expect(bashArgs(script, cwd)).toEqual(expected);
      expect(readdirSync(cwd)).toEqual([]);
      // no raw control character but the newlines between lines
      expect([...script].filter((ch) => ch !== '\n' && (ch < ' ' || ch === '\u007f'))).toEqual([]);
      // a comment names each check a command is for, and the commands that need the user's values are commented out
      for (const c of result.afterFixes!.changes) {
        expect(script).toContain(
          `\n# ${result.afterFixes!.changes.indexOf(c) + 1}/${result.afterFixes!.changes.length} for ${c.checks.join(', ').replace(/\n/g, '\\n')}`.slice(
            0,
            30,
          ),
        );
      }
      for (const r of result.afterFixes!.remaining) {
        for (const n of r.needs ?? []) expect(script.split('\n')).toContain(`# ${n.command}`);
      }
      ran += expected.length;
    },
  );

  it('the scenarios run commands', () => {
    expect(ran).toBeGreaterThan(20);
  });
});

describe('the fixes script, read by a person', () => {
  it('says what the commands achieve, lists the checks, runs in order and names what remains', () => {
    const deny = CLASSIC_FIX_SCENARIOS.find((s) => /deny/i.test(s.name))!;
    const script = fixesScript(verify(deny.inventory, deny.options!));
    const lines = script.split('\n');
    expect(lines[0]).toBe('#!/usr/bin/env bash');
    expect(lines[1]).toMatch(
      /^# Fixes proposed by migration-network-advisor verify for managed instance sqlmi-1 and DMS dms-1$/,
    );
    expect(lines[2]).toMatch(/^# after (this command|these \d+ commands) /);
    expect(lines).toContain('set -euo pipefail');
    expect(lines.indexOf('set -euo pipefail')).toBeLessThan(lines.findIndex((l) => l.startsWith('az ')));
  });
});
