import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('bot start with a bad environment', () => {
  it('exits 1 with one line naming the variable', () => {
    const result = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'src', 'index.ts')],
      { env: { ...process.env, PORT: 'abc' }, encoding: 'utf8', timeout: 30_000 },
    );
    expect(result.status).toBe(1);
    const lines = result.stderr
      .split('\n')
      .filter((l) => l.trim() !== '' && !/DeprecationWarning|trace-deprecation/.test(l));
    expect(lines).toEqual(['configuration error: PORT is invalid: expected a port number']);
  });
});
