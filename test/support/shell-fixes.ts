// Shell checks for az fixes: a fix's words as shell-quote and bash see them, and the same commands whatever the names.
import { execFileSync } from 'node:child_process';
import { parse } from 'shell-quote';

/** Added to every name of an inventory to test the fixes: a newline, ;, $(...), backticks, #, quotes, spaces, globs. */
export const HOSTILE = ` x'y"z;w$(touch pwned1)v\`touch pwned2\`u#t\ns\tr\r\u001b[2Jq|p&o>n<m*l?k~j{i}h\\g!f`;

export type Token = ReturnType<typeof parse>[number];

/** shell-quote's words of one line; any $VAR outside quotes would be expanded by a shell, so it fails the test. */
export function words(line: string): Token[] {
  return parse(line, (key) => {
    throw new Error(`the shell would expand $${key} in: ${line}`);
  });
}

const SANITIZED = /^[\w.-]+$/; // a name made from names by ruleName(): already plain

/**
 * The fix built from hostile names has the lines and words of the plain one: each word is the plain word with HOSTILE
 * where a name is (or a name both made plain by ruleName()), comments stay comments, and no shell operator appears.
 */
export function expectSameCommands(plain: string, fix: string): void {
  const plainLines = plain.split('\n');
  const lines = fix.split('\n');
  expect(lines).toHaveLength(plainLines.length);
  lines.forEach((line, i) => {
    const got = words(line);
    const want = words(plainLines[i]);
    expect(got.map(kind)).toEqual(want.map(kind));
    got.forEach((t, j) => {
      if (typeof t !== 'string') return;
      const w = want[j] as string;
      const named = t.split(HOSTILE).join('');
      if (named !== w) expect([t, w].every((x) => SANITIZED.test(x))).toBe(true);
    });
  });
}

/** 'word' or 'comment'; shell operators (;, |, >, globs ...) must never appear in a fix. */
function kind(t: Token): string {
  if (typeof t === 'string') return 'word';
  if ('comment' in t) return 'comment';
  throw new Error(`a shell operator in a fix: ${JSON.stringify(t)}`);
}

/** Runs the fix with az as a function that prints its arguments: what bash really passes. */
export function bashArgs(fix: string, cwd: string): string[][] {
  const script = `az() { printf '%s\\0' az "$@"; printf '\\1\\0'; }\n${fix}\n`;
  const out = execFileSync('bash', ['-c', script], { encoding: 'utf8', cwd });
  const calls: string[][] = [[]];
  for (const w of out.split('\0').slice(0, -1)) {
    if (w === '\u0001') calls.push([]);
    else calls[calls.length - 1].push(w);
  }
  return calls.slice(0, -1);
}
