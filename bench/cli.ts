// `npm run bench:cli`: wall time of CLI commands run from the build, each the median of 10 runs, next to `node -e 0`
// on the same machine (a benchmark, not a test). Targets: recommend and rules within 150 ms of `node -e 0`, verify on
// a small snapshot within 400 ms.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const SNAPSHOT = join('test', 'fixtures', 'snapshots', 'hybrid-blocked');

interface Case {
  name: string;
  args: string[];
  /** The exit code the command must end with (a command that fails early would look fast). */
  exitCode: number;
  target?: { overBaselineMs: number } | { totalMs: number };
}

const BASELINE: Case = { name: 'node -e 0', args: ['-e', '0'], exitCode: 0 };
const CASES: Case[] = [
  BASELINE,
  { name: '--help', args: [CLI, '--help'], exitCode: 0 },
  {
    name: 'recommend',
    args: [
      CLI,
      'recommend',
      '--source',
      'onprem',
      '--mi-onprem',
      'yes',
      '--cross-subscription',
      'no',
      '--rbac-limits',
      'no',
    ],
    exitCode: 0,
    target: { overBaselineMs: 150 },
  },
  {
    name: 'rules --format azcli',
    args: [CLI, 'rules', '--dms-subnet', '10.0.1.0/24', '--source-range', '192.168.0.0/16', '--format', 'azcli'],
    exitCode: 0,
    target: { overBaselineMs: 150 },
  },
  {
    // 8 files, 64 KB: one MI, one DMS, a gateway; its checks fail, hence exit code 1.
    name: `verify --snapshot ${SNAPSHOT}`,
    args: [CLI, 'verify', '--snapshot', SNAPSHOT],
    exitCode: 1,
    target: { totalMs: 400 },
  },
];

function build(): void {
  const result = spawnSync(process.execPath, ['scripts/build.js', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed: fix it, then run the benchmark again');
}

function timeOnce(c: Case): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, c.args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== c.exitCode) {
    throw new Error(`${c.name} exited with ${result.status}, expected ${c.exitCode}:\n${result.stderr.toString()}`);
  }
  return ms;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function verdict(c: Case, ms: number, baselineMs: number): string {
  if (!c.target) return '';
  if ('overBaselineMs' in c.target) {
    const ok = ms - baselineMs <= c.target.overBaselineMs;
    return `target: node -e 0 + ${c.target.overBaselineMs} ms  ${ok ? 'OK' : 'MISSED'}`;
  }
  return `target: ${c.target.totalMs} ms  ${ms <= c.target.totalMs ? 'OK' : 'MISSED'}`;
}

build();
for (const c of CASES) timeOnce(c); // warm-up: file cache, not counted
// Round-robin, so a busy moment on the shared machine spreads over every command instead of one.
const samples = new Map<Case, number[]>(CASES.map((c) => [c, []]));
for (let i = 0; i < RUNS; i++) for (const c of CASES) samples.get(c)?.push(timeOnce(c));

const baselineMs = median(samples.get(BASELINE) ?? []);
const width = Math.max(...CASES.map((c) => c.name.length));
const lines = [`CLI wall time from dist/, median of ${RUNS} runs, Node ${process.version}:`];
for (const c of CASES) {
  const ms = median(samples.get(c) ?? []);
  const delta = c === BASELINE ? '' : `(+${(ms - baselineMs).toFixed(0)})`;
  lines.push(
    `  ${c.name.padEnd(width)}  ${ms.toFixed(0).padStart(5)} ms ${delta.padEnd(7)} ${verdict(c, ms, baselineMs)}`.trimEnd(),
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
