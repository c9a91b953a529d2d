#!/usr/bin/env node
// Compiles src/ to dist/ (npm run build) and makes the package bin executable. With --if-stale (npm run cli) it
// returns at once when no source changed since the last build: plain JavaScript, because loading TypeScript just to
// find out that nothing changed costs more than the CLI command itself.
const { spawnSync } = require('node:child_process');
const { chmodSync, existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const CONFIG = 'tsconfig.build.json';
/** tsc -b rewrites it whenever an input is newer, even when no output changes (a file only touched). */
const BUILD_INFO = join(ROOT, 'dist', 'tsconfig.build.tsbuildinfo');
const BIN = join(ROOT, 'dist', 'src', 'cli.js');
const INPUTS = ['src', 'tsconfig.json', CONFIG];

/** The newest change under a path; a directory's own time moves when a file in it is added, removed or renamed. */
function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

function isStale() {
  if (!existsSync(BUILD_INFO) || !existsSync(BIN)) return true;
  const built = statSync(BUILD_INFO).mtimeMs;
  return INPUTS.some((input) => newestChange(join(ROOT, input)) > built);
}

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

// tsc -b skips what is up to date and, unlike tsc -p, leaves the build info --if-stale compares against.
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', CONFIG], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// tsc writes files without the execute bit; `npx migration-network-advisor` in a checkout runs the bin directly.
chmodSync(BIN, 0o755);
