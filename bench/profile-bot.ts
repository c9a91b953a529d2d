// Profiling aid: runs the built bot with --cpu-prof under the bench load for one command and prints where the
// CPU went, by package (self time). Usage: ts-node --transpile-only bench/profile-bot.ts [help|plan] [requests]
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ROOT } from '../scripts/launch';
import { messageActivity } from './activities';
import { drive } from './load';
import { startLocalConnector } from './local-connector';
import { spawnServer } from './processes';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes('/dist/src/')) return `src/${url.split('/dist/src/')[1]}`;
  return url === '' ? '(native/gc/idle)' : url.replace(/^node:/, 'node:');
}

async function main(): Promise<void> {
  const command =
    process.argv[2] === 'plan' ? 'plan source=onprem mi-onprem=yes cross-subscription=no rbac-limits=no' : 'help';
  const total = Number(process.argv[3] ?? 3000);
  const dir = mkdtempSync(join(tmpdir(), 'bot-profile-'));
  const connector = await startLocalConnector();
  const bot = await spawnServer({
    name: 'bot',
    args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(ROOT, 'dist', 'src', 'index.js')],
    port: await freePort(),
    env: { STORAGE: 'memory', LOG_LEVEL: 'info' },
    cwd: ROOT,
    logFile: join(dir, 'bot.log'),
  });
  const result = await drive({
    url: `http://127.0.0.1:${bot.port}/api/messages`,
    total,
    concurrency: 20,
    body: (i) =>
      JSON.stringify(messageActivity({ serviceUrl: connector.url, text: command, conversationId: `p-${i}` })),
  });
  console.log(`${result.perSecond.toFixed(0)} req/s, p99 ${result.p99Ms.toFixed(1)} ms`);
  await bot.stop();
  await connector.close();
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no profile written');
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  // Inclusive time of the project's own functions: what a turn of ours costs, callees included.
  const ownInclusive = new Map<string, number>();
  // Only the samples taken under load: startup (module loading) is reported by the bench on its own.
  let elapsedUs = 0;
  let counted = 0;
  for (const [i, id] of profile.samples.entries()) {
    elapsedUs += profile.timeDeltas[i] ?? 0;
    if (elapsedUs < bot.startupMs * 1000) continue;
    counted++;
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const place = where(frame.url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + 1);
    const fn = `${frame.functionName || '(anonymous)'} ${place}:${frame.lineNumber}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + 1);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const caller = byId.get(at)?.callFrame;
      if (caller?.url.includes('/dist/src/')) {
        onStack.add(`${caller.functionName || '(anonymous)'} ${where(caller.url)}:${caller.lineNumber}`);
      }
    }
    for (const key of onStack) ownInclusive.set(key, (ownInclusive.get(key) ?? 0) + 1);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${((100 * v) / counted).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  console.log(`\nself time by place:\n${top(byPlace, 25)}\n\nself time by function:\n${top(byFunction, 25)}`);
  console.log(`\ntime in the project's functions, callees included:\n${top(ownInclusive, 25)}`);
  console.log(`\nprofile: ${join(dir, file)}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
