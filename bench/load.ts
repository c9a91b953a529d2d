import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  failures: number;
  statuses: Record<number, number>;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Posts `total` activities with `concurrency` requests in flight over keep-alive connections. */
export async function drive(options: {
  url: string;
  total: number;
  concurrency: number;
  body: (index: number) => string;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const target = new URL(options.url);
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let failures = 0;
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < options.total) {
      const index = next++;
      const body = options.body(index);
      const t0 = process.hrtime.bigint();
      try {
        const status = await post(agent, target, body);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status !== 200) failures++;
      } catch {
        failures++;
      }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: options.total,
    failures,
    statuses,
    seconds,
    perSecond: options.total / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
