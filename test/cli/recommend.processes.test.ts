import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { expectRecommendJsonShape } from './run.fixture';

describe('the npm script', () => {
  it('runs recommend as a child process and prints the JSON', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      'npm',
      [
        'run',
        '--silent',
        'cli',
        '--',
        'recommend',
        '--source',
        'onprem',
        '--mi-onprem',
        'yes',
        '--cross-subscription',
        'no',
        '--rbac-limits',
        'no',
        '--json',
      ],
      { cwd: path.resolve(__dirname, '../..'), timeout: 60000 },
    );
    expect(stderr).toBe('');
    const json = JSON.parse(stdout);
    expectRecommendJsonShape(json);
    expect(json.topology).toBe('hybrid');
  }, 60000);
});
