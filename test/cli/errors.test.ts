import * as path from 'node:path';
import * as verifier from '../../src/network/verifier';
import { run } from './run.fixture';

// An unexpected internal error is not a finding: it exits 70, never 1 ("a check fails"), with one line (or
// {"error": ...} with --json) and the stack only with --debug.
const HYBRID = path.join(__dirname, '..', 'fixtures', 'snapshots', 'hybrid');

describe('an internal error', () => {
  beforeEach(() => {
    jest.spyOn(verifier, 'verify').mockImplementation(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'id')\n    while checking flows");
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('exits 70 with one line on stderr and no stack', async () => {
    const r = await run('verify', '--snapshot', HYBRID);
    expect(r.code).toBe(70);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      "error: internal error: Cannot read properties of undefined (reading 'id') while checking flows " +
        '(a bug, not a finding; run again with --debug for the stack)\n',
    );
  });

  it('with --json prints {"error": ...} on stdout', async () => {
    const r = await run('verify', '--snapshot', HYBRID, '--json');
    expect(r.code).toBe(70);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['error']);
    expect(json.error).toMatch(/^internal error: Cannot read properties of undefined \(reading 'id'\)/);
  });

  it.each([
    ['after the command', ['verify', '--snapshot', HYBRID, '--debug']],
    ['before the command', ['--debug', 'verify', '--snapshot', HYBRID]],
  ])('with --debug (%s) also prints the stack on stderr', async (_where, argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(70);
    const lines = r.err.split('\n');
    expect(lines[0]).toMatch(/^error: internal error: /);
    expect(r.err).toMatch(/TypeError: Cannot read properties/);
    expect(r.err).toMatch(/\n\s+at .*errors\.test\.ts/);
  });
});

describe('exit codes keep their meaning', () => {
  it.each<[string, string[], number]>([
    ['nothing fails', ['verify', '--snapshot', HYBRID], 0],
    ['a check fails', ['verify', '--snapshot', path.join(HYBRID, '..', 'hybrid-blocked')], 1],
    ['bad input', ['verify', '--snapshot', path.join(HYBRID, 'missing')], 2],
  ])('%s: %i', async (_n, argv, code) => {
    expect((await run(...argv)).code).toBe(code);
  });
});
