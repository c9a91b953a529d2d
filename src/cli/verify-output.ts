// What `verify` prints: the human text (one line per check with its evidence, what to give and the fix) or JSON.
import type { CurrentDmsCheck, CurrentDmsVerifyResult } from '../network/current-dms-verify';
import type { Inventory } from '../network/model';
import { remainingName, type FixesOutcome, type RemainingCheck } from '../network/proven-fixes';
import type { Check, VerifyResult } from '../network/verifier';
import { describeTally, tally, type VerifyOutcome } from '../use-cases/verify';
import { missingResourceHints } from './scope-hints';
import { VERIFY_INPUT_EXAMPLES } from './wording';

/** A what-if file applied before verifying: its path and how many changes it held. */
export interface AppliedWhatIf {
  file: string;
  changes: number;
}

/** What the text says besides the result: the what-if applied, the fixes script written. */
export interface OutputExtras {
  whatIf?: AppliedWhatIf;
  fixesScript?: string;
}

/**
 * The outcome as --json prints it: the result as the core gives it, named storage accounts marked `--storage`, what
 * remains after the fixes for want of an input worded with its flag, and `whatIf` when a what-if file was applied.
 */
export function verifyJson(outcome: VerifyOutcome, whatIf?: AppliedWhatIf): string {
  const afterFixes = outcome.result.afterFixes && {
    afterFixes: {
      ...outcome.result.afterFixes,
      remaining: outcome.result.afterFixes.remaining.map((r) => ({ ...r, why: remainingWhy(r) })),
    },
  };
  const json =
    outcome.dms === 'current'
      ? {
          ...outcome.result,
          storageAccounts: outcome.result.storageAccounts.map((a) => ({
            ...a,
            selectedBy: a.selectedBy === 'name' ? '--storage' : a.selectedBy,
          })),
          ...afterFixes,
        }
      : { ...outcome.result, ...afterFixes };
  return `${JSON.stringify(whatIf ? { ...json, whatIf } : json, null, 2)}\n`;
}

/** The outcome as text; with the inventory, it ends with a hint per resource group holding resources the checks lack. */
export function formatOutcome(outcome: VerifyOutcome, inventory?: Inventory, extras: OutputExtras = {}): string {
  const text =
    outcome.dms === 'current'
      ? formatCurrentDmsResult(outcome.result, inventory)
      : formatVerifyResult(outcome.result, inventory);
  const before = extras.whatIf
    ? `What-if: ${extras.whatIf.changes} ${extras.whatIf.changes === 1 ? 'change' : 'changes'} from ${extras.whatIf.file} applied before verifying\n`
    : '';
  const after = [
    ...(outcome.result.checks.every((c) => c.status === 'pass') ? [] : afterFixesLines(outcome.result.afterFixes)),
    ...(extras.fixesScript !== undefined ? [`Fixes script: ${extras.fixesScript}`] : []),
  ];
  return `${before}${text}${after.map((l) => `${l}\n`).join('')}`;
}

/** "After the fixes: ..." and each check that still does not pass, with why (said only when a check does not pass). */
export function afterFixesLines(outcome: FixesOutcome | undefined): string[] {
  if (!outcome) return [];
  return [
    `After the fixes: ${outcome.summary}`,
    ...outcome.remaining.map(
      (r) => `        ${STATUS_LABEL[r.status].padEnd(7)} ${remainingName(r)}: ${remainingWhy(r)}`,
    ),
  ];
}

/** Why a check remains, in the CLI's words: an input it lacks by the flag that gives it. */
export function remainingWhy(r: RemainingCheck): string {
  const give = r.reason === 'needs-input' && r.input && VERIFY_INPUT_EXAMPLES[r.input];
  return give ? `not decided without an input that was not given: give ${give}, then verify again` : r.why;
}

const STATUS_LABEL: Record<Check['status'], string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', unknown: 'UNKNOWN' };

/** With the inventory, the human text ends with a hint per resource group holding resources the checks lack. */
export function formatVerifyResult(result: VerifyResult, inventory?: Inventory): string {
  return formatChecks(
    [
      `Topology: ${result.topology ?? 'not recognised'}${result.plannedTopology ? ` (planned: ${result.plannedTopology})` : ''} - ${result.topologyReason}`,
      `Managed instance: ${result.managedInstance.name}; DMS: ${result.dms.name}`,
    ],
    result.checks,
    inventory,
  );
}

export function formatCurrentDmsResult(result: CurrentDmsVerifyResult, inventory?: Inventory): string {
  const m = result.migration;
  const storage =
    result.storageAccounts.map((a) => `${a.name} (${a.selectedBy === 'name' ? '--storage' : 'tag'})`).join(', ') ||
    'none named or tagged';
  return formatChecks(
    [
      `Topology: ${result.topology} - ${result.topologyReason}`,
      `Managed instance: ${result.managedInstance.name}; DMS: ${result.dms.name} (integration runtime ` +
        `${result.dms.integrationRuntimeState ?? 'state unknown'}); storage: ${storage}`,
      `Backups: ${m.backups}${m.sourceVersion ? ` (SQL Server ${m.sourceVersion})` : ''}; runtime host: ` +
        `${m.runtimeHost}; storage auth: ${m.storageAuth}`,
    ],
    result.checks,
    inventory,
  );
}

function formatChecks(header: string[], checks: (Check | CurrentDmsCheck)[], inventory?: Inventory): string {
  const lines = [...header, ''];
  for (const check of checks) {
    lines.push(`${STATUS_LABEL[check.status].padEnd(7)} ${check.id}: ${check.summary}`);
    if (check.status === 'pass') continue;
    for (const evidence of check.evidence) lines.push(`        evidence: ${evidence}`);
    const give = check.input && VERIFY_INPUT_EXAMPLES[check.input];
    if (give) lines.push(`        give: ${give}`);
    if (check.fix) lines.push(`        fix: ${check.fix.split('\n').join('\n             ')}`);
  }
  lines.push('', `Summary: ${describeTally(tally(checks))}`);
  for (const hint of inventory ? missingResourceHints(inventory, checks) : []) lines.push(`Hint: ${hint}`);
  return `${lines.join('\n')}\n`;
}
