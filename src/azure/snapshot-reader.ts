import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Inventory } from '../network/model';
import { ResourceShapeError, SnapshotError } from './errors';
import { inventoryFromRaw, mapResources } from './resource-mapping';
import { RESOURCE_KINDS, RESOURCE_KIND_NAMES, emptyRawInventory, type RawInventory } from './resource-kinds';

/**
 * Reads a snapshot directory (docs/contracts.md): one JSON file per resource kind, a missing file meaning none.
 * Each file holds an Azure CLI array or an ARM REST list (`{"value": [...]}`). Throws SnapshotError naming
 * the file and what was expected.
 */
export async function readSnapshot(dir: string): Promise<Inventory> {
  await requireDirectory(dir);
  const raw = emptyRawInventory();
  let filesFound = 0;
  for (const kind of RESOURCE_KIND_NAMES) {
    const file = path.join(dir, RESOURCE_KINDS[kind].file);
    const items = await readResourceList(file, RESOURCE_KINDS[kind].types.join(' or '));
    if (items === undefined) continue;
    filesFound++;
    try {
      mapResources(kind, items); // validates here so the error can name the file
    } catch (e) {
      if (e instanceof ResourceShapeError) throw new SnapshotError(file, `${file}: ${e.message}`);
      throw e;
    }
    raw[kind] = items;
  }
  if (filesFound === 0) {
    const expected = RESOURCE_KIND_NAMES.map((k) => RESOURCE_KINDS[k].file).join(', ');
    throw new SnapshotError(dir, `${dir} holds none of the snapshot files (${expected}); is it the right directory?`);
  }
  try {
    return inventoryFromRaw(raw);
  } catch (e) {
    if (e instanceof ResourceShapeError) throw new SnapshotError(dir, `${dir}: ${e.message}`);
    throw e;
  }
}

/** Writes raw resources in the snapshot format (a JSON array per file, as the Azure CLI writes them). */
export async function writeSnapshot(dir: string, raw: RawInventory): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const kind of RESOURCE_KIND_NAMES) {
    await fs.writeFile(path.join(dir, RESOURCE_KINDS[kind].file), `${JSON.stringify(raw[kind], null, 2)}\n`);
  }
}

async function requireDirectory(dir: string): Promise<void> {
  let isDirectory = false;
  try {
    isDirectory = (await fs.stat(dir)).isDirectory();
  } catch {
    throw new SnapshotError(dir, `snapshot directory ${dir} does not exist; export one with the snapshot command`);
  }
  if (!isDirectory) {
    throw new SnapshotError(dir, `${dir} is a file; --snapshot expects a directory holding vnets.json, nsgs.json, ...`);
  }
}

async function readResourceList(file: string, expected: string): Promise<unknown[] | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SnapshotError(file, `${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SnapshotError(
      file,
      `${file} is not valid JSON (${(e as Error).message}); expected a list of ${expected}`,
    );
  }
  if (Array.isArray(json)) return json;
  const value = (json as { value?: unknown } | null)?.value;
  if (Array.isArray(value)) return value;
  throw new SnapshotError(
    file,
    `${file} holds neither a JSON array (Azure CLI) nor {"value": [...]} (ARM REST); expected a list of ${expected}`,
  );
}
