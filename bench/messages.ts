// npm run bench: /api/messages of the bot next to a bare echo bot on the same stack, under the same load.
// Options (environment): BENCH_REQUESTS (5000), BENCH_CONCURRENCY (20), BENCH_WARMUP (300), BENCH_ROUNDS (1),
// BENCH_SKIP_BUILD=1 (use the existing dist/).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import { freePort, ROOT } from '../scripts/launch';
import { messageActivity } from './activities';
import { drive, type LoadResult } from './load';
import { startLocalConnector, type LocalConnector } from './local-connector';
import { spawnServer, type BenchProcess } from './processes';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);

const SCENARIOS = [
  { name: 'help', text: 'help' },
  { name: 'plan one-liner', text: 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no' },
];

/** The bot runs from the build (what production runs); the echo bot is transpiled next to it. */
function build(): { botEntry: string; echoEntry: string } {
  const botEntry = join(ROOT, 'dist', 'src', 'index.js');
  if (!process.env.BENCH_SKIP_BUILD) {
    try {
      execFileSync(
        process.execPath,
        [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
        {
          cwd: ROOT,
          stdio: 'pipe',
        },
      );
    } catch (e) {
      // tsc still emits on type errors elsewhere in the tree; the bench measures what was emitted.
      const out = String((e as { stdout?: Buffer }).stdout ?? '')
        .split('\n')
        .slice(0, 5)
        .join('\n');
      console.warn(`build reported errors (benching the emitted dist/ anyway):\n${out}`);
    }
  }
  if (!existsSync(botEntry)) throw new Error(`${botEntry} is missing: run npm run build`);
  const source = readFileSync(join(__dirname, 'echo-bot.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  mkdirSync(join(ROOT, 'dist', 'bench'), { recursive: true });
  const echoEntry = join(ROOT, 'dist', 'bench', 'echo-bot.js');
  writeFileSync(echoEntry, outputText);
  return { botEntry, echoEntry };
}

async function measure(
  target: BenchProcess,
  connector: LocalConnector,
  scenario: (typeof SCENARIOS)[number],
  total: number,
  tag: string,
): Promise<LoadResult & { repliesPerRequest: number }> {
  const before = connector.count();
  const result = await drive({
    url: `http://127.0.0.1:${target.port}/api/messages`,
    total,
    concurrency: CONCURRENCY,
    // One conversation per request: Teams' per-thread send window (7/s) would otherwise be what is measured.
    body: (i) =>
      JSON.stringify(
        messageActivity({
          serviceUrl: connector.url,
          text: scenario.text,
          conversationId: `bench-${tag}-${i}`,
          userId: `user-${i % 50}`,
        }),
      ),
  });
  if (target.child.exitCode !== null) {
    const tail = readFileSync(target.logFile, 'utf8').split('\n').slice(-15).join('\n');
    throw new Error(`${target.name} exited with code ${target.child.exitCode} under load; its log ends:\n${tail}`);
  }
  return { ...result, repliesPerRequest: (connector.count() - before) / total };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(8);

async function main(): Promise<void> {
  const { botEntry, echoEntry } = build();
  const logs = mkdtempSync(join(tmpdir(), 'bench-messages-'));
  const connector = await startLocalConnector();
  const echo = await spawnServer({
    name: 'echo',
    args: [echoEntry],
    port: await freePort(),
    env: {},
    cwd: ROOT,
    logFile: join(logs, 'echo.log'),
  });
  const bot = await spawnServer({
    name: 'bot',
    args: [botEntry],
    port: await freePort(),
    env: { STORAGE: 'memory', LOG_LEVEL: 'info' },
    cwd: ROOT,
    logFile: join(logs, 'bot.log'),
  });
  console.log(`node ${process.version}, ${REQUESTS} requests per run, concurrency ${CONCURRENCY}, keep-alive`);
  console.log(
    `startup to first 200 from /healthz: bot ${bot.startupMs.toFixed(0)} ms (target < 2000), echo ${echo.startupMs.toFixed(0)} ms`,
  );

  let missed = 0;
  try {
    for (const scenario of SCENARIOS) {
      for (const target of [echo, bot]) await measure(target, connector, scenario, WARMUP, `warm-${target.name}`);
      const runs: Record<string, LoadResult & { repliesPerRequest: number }> = {};
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of [echo, bot]) {
          const result = await measure(
            target,
            connector,
            scenario,
            REQUESTS,
            `${scenario.name}-${round}-${target.name}`,
          );
          const best = runs[target.name];
          if (!best || result.perSecond > best.perSecond) runs[target.name] = result;
        }
      }
      console.log(`\n${scenario.name}: "${scenario.text}"${ROUNDS > 1 ? ` (best of ${ROUNDS})` : ''}`);
      console.log('          req/s   p50 ms   p99 ms  peak RSS MB  replies/req  non-200');
      for (const target of [echo, bot]) {
        const r = runs[target.name];
        console.log(
          `${target.name.padEnd(5)}${fmt(r.perSecond)} ${fmt(r.p50Ms, 2)} ${fmt(r.p99Ms, 2)}  ${fmt(target.peakRssMb())}` +
            `     ${fmt(r.repliesPerRequest, 2)}  ${String(r.failures).padStart(7)}`,
        );
      }
      const throughput = runs.bot.perSecond / runs.echo.perSecond;
      const p99 = runs.bot.p99Ms / runs.echo.p99Ms;
      const rss = bot.peakRssMb() / echo.peakRssMb();
      const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
      console.log(
        `bot/echo: throughput ${throughput.toFixed(2)} (target >= 0.80: ${verdict(throughput >= 0.8)}), ` +
          `p99 ${p99.toFixed(2)} (target < 2.00: ${verdict(p99 < 2)}), peak RSS ${rss.toFixed(2)}`,
      );
      if (throughput < 0.8) missed++;
      if (p99 >= 2) missed++;
      if (runs.bot.failures > 0 || runs.echo.failures > 0) {
        console.log(
          `non-200 answers: bot ${JSON.stringify(runs.bot.statuses)}, echo ${JSON.stringify(runs.echo.statuses)}`,
        );
      }
    }
  } finally {
    const [botExit, echoExit] = await Promise.all([bot.stop(), echo.stop()]);
    await connector.close();
    console.log(`\nstopped: bot exit ${botExit}, echo exit ${echoExit}; logs in ${logs}`);
  }
  if (bot.startupMs >= 2000) missed++;
  console.log(missed === 0 ? 'all targets met' : `${missed} target(s) missed`);
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
