// `npm run bench:verify`: verification time and memory on a synthetic large subscription (a benchmark, not a test).
// Targets: under 1 s of CPU for the verification, under 300 MB peak RSS.
import { readFileSync } from 'node:fs';
import { armRequestCount, subscriptionSizesOf } from '../src/azure/arm-request-count';
import { indexInventory, verifyIndexed } from '../src/network';
import { syntheticInventory, BENCH_SIZE } from './verify-synthetic';

function peakRssMb(): number {
  // VmHWM is the process's peak resident set; process.memoryUsage() only knows the current one.
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : process.memoryUsage().rss / 1024 / 1024;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

const built = process.cpuUsage();
const { inventory, pairs } = syntheticInventory();
const buildMs = cpuMs(built);

const started = process.cpuUsage();
const index = indexInventory(inventory);
const statuses = { pass: 0, fail: 0, warn: 0, unknown: 0 };
for (const pair of pairs) {
  const result = verifyIndexed(index, {
    miName: pair.miName,
    dmsName: pair.dmsName,
    sqlPort: 1433,
    namedInstance: true,
    smb: true,
    ruleset: '2020',
  });
  for (const check of result.checks) statuses[check.status]++;
}
const verifyMs = cpuMs(started);
const rss = peakRssMb();
const requests = armRequestCount(subscriptionSizesOf(inventory));

const lines = [
  `synthetic subscription: ${BENCH_SIZE.vnets} VNets, ${BENCH_SIZE.nsgs} NSGs x ${BENCH_SIZE.rulesPerNsg} rules, ${BENCH_SIZE.routeTables} route tables x ${BENCH_SIZE.routesPerTable} routes, ${BENCH_SIZE.managedInstances} MIs (${pairs.length} MI/DMS pairs verified, routes evaluated)`,
  `inventory built in ${buildMs.toFixed(0)} ms CPU (not counted)`,
  `verification: ${verifyMs.toFixed(0)} ms CPU  (target < 1000 ms) ${verifyMs < 1000 ? 'OK' : 'MISSED'}`,
  `peak RSS: ${rss.toFixed(0)} MB  (target < 300 MB) ${rss < 300 ? 'OK' : 'MISSED'}`,
  `checks: ${statuses.pass} pass, ${statuses.fail} fail, ${statuses.warn} warn, ${statuses.unknown} unknown`,
  `ARM requests the live path would make for this subscription: ${requests}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
