import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli';
import { words } from '../support/shell-fixes';

// The file verify --fixes-script writes, run by bash with a stand-in `az` first on PATH: it runs the proven commands,
// with the words verify meant, in their order, and stops at the first that fails.

const SNAPSHOTS = path.join(__dirname, '..', 'fixtures', 'snapshots');

async function cli(...args: string[]) {
  let out = '';
  const code = await runCli(args, { out: (s) => (out += s), err: () => undefined });
  return { code, out };
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fixes-script-run-'));
  const bin = path.join(dir, 'bin');
  await fs.mkdir(bin);
  // one line per call: its arguments separated by NUL; fails when AZ_FAIL_AT calls have been made
  await fs.writeFile(
    path.join(bin, 'az'),
    '#!/usr/bin/env bash\nprintf \'%s\\0\' "$@" >> "$AZ_LOG"; printf \'\\n\' >> "$AZ_LOG"\n' +
      '[ -n "${AZ_FAIL_AT:-}" ] && [ "$(wc -l < "$AZ_LOG")" -ge "$AZ_FAIL_AT" ] && exit 3\nexit 0\n',
    { mode: 0o755 },
  );
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function runScript(script: string, failAt?: number): Promise<{ calls: string[][]; status: number }> {
  const log = path.join(dir, `az-${path.basename(script)}-${failAt ?? 0}.log`);
  await fs.writeFile(log, '');
  let status = 0;
  try {
    execFileSync('bash', [script], {
      cwd: dir,
      env: {
        PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`,
        AZ_LOG: log,
        ...(failAt ? { AZ_FAIL_AT: String(failAt) } : {}),
      },
      stdio: 'ignore',
    });
  } catch (e) {
    status = (e as { status: number }).status;
  }
  const text = await fs.readFile(log, 'utf8');
  const calls = text
    .split('\n')
    .slice(0, -1)
    .map((line) => line.split('\0').slice(0, -1));
  return { calls, status };
}

describe('the script verify --fixes-script writes, run by bash', () => {
  it.each(['hybrid-blocked', 'hub-transit-no-propagation', 'forced-tunnel-none', 'shir-blocked'])(
    '%s: the proven commands, in order, with the words verify meant',
    async (fixture) => {
      const script = path.join(dir, `${fixture}.sh`);
      await cli('verify', '--snapshot', path.join(SNAPSHOTS, fixture), '--fixes-script', script);
      execFileSync('bash', ['-n', script]);
      const json = JSON.parse((await cli('verify', '--json', '--snapshot', path.join(SNAPSHOTS, fixture))).out);
      const expected = json.afterFixes.changes.map((c: { command: string }) =>
        words(c.command)
          .slice(1)
          .filter((w) => typeof w === 'string'),
      );
      expect(expected.length).toBeGreaterThan(0);
      const { calls, status } = await runScript(script);
      expect(status).toBe(0);
      expect(calls).toEqual(expected);
    },
  );

  it('stops at the first command that fails, with its exit status', async () => {
    const script = path.join(dir, 'stop.sh');
    await cli('verify', '--snapshot', path.join(SNAPSHOTS, 'hybrid-blocked'), '--fixes-script', script);
    const { calls, status } = await runScript(script, 2);
    expect(calls).toHaveLength(2);
    expect(status).toBe(3);
  });
});
