import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package root (where package.json is), whether running from src/ (ts-node, jest) or dist/src/ (build). */
export const PROJECT_ROOT = ((): string => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

export const CARDS_DIR = join(PROJECT_ROOT, 'cards');
