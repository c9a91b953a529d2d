// verify's files around the fixes: --what-if FILE (changes of the user's own, applied to the inventory before it is
// verified) and --fixes-script FILE (the proven commands as one bash script). Bad input is one line naming the flag
// and the field at fault, exit 2.
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { applyChanges } from '../network/apply-changes';
import type { InventoryChange } from '../network/changes';
import { fixesScript, type AssumedChanges, type ScriptableResult } from '../network/fixes-script';
import type { Inventory } from '../network/model';
import { readWhatIf, WhatIfError } from '../network/what-if';
import { CliError } from './errors';
import { remainingWhy } from './verify-output';

/** The changes of a what-if file, read and checked before Azure is read. */
export async function readWhatIfFile(file: string): Promise<InventoryChange[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new CliError(`--what-if: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`--what-if: ${file} is not JSON (${(e as Error).message}); see docs/what-if.schema.json`);
  }
  try {
    return readWhatIf(json);
  } catch (e) {
    if (e instanceof WhatIfError) throw new CliError(`--what-if: ${e.field}: ${e.problem}`);
    throw e;
  }
}

/** The inventory with the changes made, in the order given; a change Azure would refuse exits 2 naming its field. */
export function applyWhatIf(inventory: Inventory, changes: readonly InventoryChange[]): Inventory {
  const applied = applyChanges(inventory, changes);
  const problem = applied.problems[0];
  if (problem) {
    const field = problem.field ? `changes[${problem.index}].${problem.field}` : `changes[${problem.index}]`;
    throw new CliError(`--what-if: ${field}: ${problem.message}`);
  }
  return applied.inventory;
}

const cannotWrite = (file: string, e: unknown) =>
  new CliError(`--fixes-script: cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? 'unwritable'})`);

/** Refuses, before Azure is read, a script path whose folder cannot be written. */
export async function checkFixesScriptPath(file: string): Promise<void> {
  try {
    await fs.access(path.dirname(path.resolve(file)), constants.W_OK);
  } catch (e) {
    throw cannotWrite(file, e);
  }
}

/** Writes the fixes script (executable); a path that cannot be written exits 2. */
export async function writeFixesScript(
  file: string,
  result: ScriptableResult,
  assumed?: AssumedChanges,
): Promise<void> {
  try {
    await fs.writeFile(file, fixesScript(result, remainingWhy, assumed), { mode: 0o755 });
  } catch (e) {
    throw cannotWrite(file, e);
  }
}
