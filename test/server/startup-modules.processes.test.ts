import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Composes the bot as src/index.ts does at start, in a fresh Node, and lists the packages that came with it. */
function packagesLoadedAtStart(storage: 'file' | 'blob'): string[] {
  const script = `
    (async () => {
      const env = {
        STORAGE: '${storage}', STORAGE_DIR: require('node:os').tmpdir(), BLOB_CONTAINER: 'plans', LOG_LEVEL: 'silent',
        BLOB_CONNECTION_STRING: 'DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/a;',
      };
      await require('./src/index').composeBot(require('./src/config').loadConfig(env));
      require('./src/server');
      const names = Object.keys(require.cache).map((f) => (/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(f) || [])[1]);
      process.stdout.write(JSON.stringify([...new Set(names.filter(Boolean))]));
    })();`;
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out) as string[];
}

const LAZY = ['@azure/arm-network', '@azure/arm-sql', '@azure/arm-resources', '@azure/arm-authorization'];
const BLOB = ['botbuilder-azure-blobs', '@azure/storage-blob'];

describe('start-up loads only what serving needs', () => {
  it('leaves the ARM SDKs for the first live verify, and the Blob SDK to blob storage', () => {
    const loaded = packagesLoadedAtStart('file');
    expect(loaded).toContain('@microsoft/teams-ai');
    expect(loaded.filter((p) => [...LAZY, ...BLOB].includes(p))).toEqual([]);
  });

  it('loads the Blob SDK when blob storage is chosen', () => {
    expect(packagesLoadedAtStart('blob')).toEqual(expect.arrayContaining(BLOB));
  });
});
