// A check's fix from its lines: `fix` (the az text scripts read, one command per line) and `changes` (the same
// changes, structured) come from the same lines, so they never disagree.
import { shellComment } from './az-fixes';
import { commandOf } from './change-commands';
import { FixChange, FixLine, changeKey, valuesNeeded } from './changes';
import type { CurrentDmsCheck } from './current-dms-types';
import type { Check } from './verify-types';

export function renderLine(line: FixLine): string {
  switch (line.kind) {
    case 'change':
      return `${commandOf(line.change)}${line.note ? shellComment(line.note) : ''}`;
    case 'command':
      return line.command;
    case 'comment':
      return shellComment(line.text).trimStart();
  }
}

/** The fix text: each line once, in the order first given; undefined when there is none. */
export function renderFix(lines: readonly FixLine[]): string | undefined {
  const text = [...new Set(lines.map(renderLine))];
  return text.length ? text.join('\n') : undefined;
}

/** The changes of the lines, each once, with the command it is written as. */
export function fixChanges(lines: readonly FixLine[]): FixChange[] {
  const seen = new Set<string>();
  const out: FixChange[] = [];
  for (const line of lines) {
    if (line.kind !== 'change') continue;
    const key = changeKey(line.change);
    if (seen.has(key)) continue;
    seen.add(key);
    const needs = valuesNeeded(line.change);
    out.push({ change: line.change, command: renderLine(line), ...(needs.length ? { needs } : {}) });
  }
  return out;
}

/** The check with its `fix` and `changes` written from these lines (both left out when there are none). */
export function withFix(check: Check, lines: readonly FixLine[]): Check;
export function withFix(check: CurrentDmsCheck, lines: readonly FixLine[]): CurrentDmsCheck;
export function withFix<C extends { fix?: string; changes?: FixChange[] }>(check: C, lines: readonly FixLine[]): C {
  const { fix: _fix, changes: _changes, ...rest } = check;
  const fix = renderFix(lines);
  const changes = fixChanges(lines);
  return { ...rest, ...(fix ? { fix } : {}), ...(changes.length ? { changes } : {}) } as C;
}
