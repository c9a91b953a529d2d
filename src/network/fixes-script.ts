// The proposed fixes as one bash script: the commands afterFixes proved, in the order they must run, each under a
// comment naming the checks it is for; the changes that need values only the user has, commented out; what still
// does not pass, and why. Every inventory value in a command is quoted (change-commands.ts) and every comment has its
// control characters escaped, so no name can end a comment or start a command.
import { shellComment } from './az-fixes';
import { remainingName, type FixesOutcome, type RemainingCheck } from './proven-fixes';
import type { CheckStatus } from './verify-types';

export interface ScriptableResult {
  managedInstance: { name: string };
  dms: { name: string };
  checks: readonly { id: string; status: CheckStatus; summary: string }[];
  afterFixes?: FixesOutcome;
}

const comment = (text: string): string => shellComment(text).trimStart();

/** `why` words why a check remains (each surface says how to give an input its own way). */
/** Changes the verification took as made before it was run (the CLI's --what-if file). */
export interface AssumedChanges {
  file: string;
  changes: number;
}

export function fixesScript(
  result: ScriptableResult,
  why: (r: RemainingCheck) => string = (r) => r.why,
  assumed?: AssumedChanges,
): string {
  const outcome = result.afterFixes;
  const changes = outcome?.changes ?? [];
  const lines = [
    '#!/usr/bin/env bash',
    comment(
      `Fixes proposed by migration-network-advisor verify for managed instance ${result.managedInstance.name} and DMS ${result.dms.name}`,
    ),
    comment(outcome ? outcome.summary : 'the fixes were not proven'),
    comment('Review each command before running it: they change your network. They run in the order Azure needs'),
    comment('them, and the script stops at the first one that fails (then fix that, and run the rest).'),
  ];
  if (assumed) {
    lines.push(
      comment(
        `These commands assume the ${assumed.changes} change(s) of ${assumed.file} (--what-if) are made first: they are not in this script.`,
      ),
    );
  }
  const fixed = result.checks.filter((c) => c.status !== 'pass' && changes.some((x) => x.checks.includes(c.id)));
  if (fixed.length) {
    lines.push('#', comment('Checks these commands are for:'));
    for (const c of fixed) lines.push(comment(`  ${c.id} (${c.status}): ${c.summary}`));
  }
  lines.push('set -euo pipefail', '');
  if (changes.length === 0) lines.push(comment('Nothing to run here.'));
  changes.forEach((c, i) => {
    lines.push(comment(`${i + 1}/${changes.length} for ${c.checks.join(', ')}`));
    if (c.knownAfterwards) lines.push(comment(`then verify again: ${c.knownAfterwards}`));
    lines.push(c.command);
  });
  const needing = (outcome?.remaining ?? []).filter((r) => r.needs?.length);
  if (needing.length) {
    lines.push('', comment('Not run: these need values only you have. Fill them in, run them, then verify again.'));
    const seen = new Set<string>();
    for (const r of needing) {
      for (const n of r.needs!) {
        if (seen.has(n.command)) continue;
        seen.add(n.command);
        lines.push(comment(`for ${remainingName(r)}: needs ${n.values.join(', ')}`), `# ${n.command}`);
      }
    }
  }
  const others = (outcome?.remaining ?? []).filter((r) => !r.needs?.length);
  if (others.length) {
    lines.push('', comment('Still not passing after these commands:'));
    for (const r of others) lines.push(comment(`${remainingName(r)} (${r.status}): ${why(r)}`));
  }
  return `${lines.join('\n')}\n`;
}
