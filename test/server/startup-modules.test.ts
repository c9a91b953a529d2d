import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Loads what src/index.ts loads at start, in a fresh Node, and lists the Azure SDK packages that came with it. */
function packagesLoadedAtStart(storage: 'file' | 'blob'): string[] {
  const script = `
    (async () => {
      require('./src/adapter'); require('./src/bot/app'); require('./src/bot/verify/routes'); require('./src/server');
      await require('./src/storage').createStorage({
        storage: '${storage}', storageDir: require('node:os').tmpdir(), blobContainer: 'plans',
        blobConnectionString: 'DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/a;',
      });
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
