import * as restify from 'restify';
import { PNG } from 'pngjs';
import { registerDiagramRoute } from '../../src/diagram/diagram-route';
import { DiagramImageStore } from '../../src/diagram/image-store';
import { topologyScene } from '../../src/diagram/topology-scene';
import { InMemoryStorage } from '../../src/storage';
import { planInput } from './diagram-fixtures';

describe('GET /diagrams/<id>.png', () => {
  let server: restify.Server;
  let base: string;
  let store: DiagramImageStore;
  let now = 0;

  beforeAll(async () => {
    store = new DiagramImageStore(new InMemoryStorage(), { ttlMs: 1000, cacheEntries: 5, now: () => now });
    server = restify.createServer();
    registerDiagramRoute(server, store);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves a stored diagram as a PNG until it expires', async () => {
    now = 0;
    const id = await store.put(topologyScene(planInput('mi-isolated')));
    const res = await fetch(`${base}/diagrams/${id}.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(PNG.sync.read(Buffer.from(await res.arrayBuffer())).width).toBe(1000);
    now = 1000;
    expect((await fetch(`${base}/diagrams/${id}.png`)).status).toBe(404);
  });

  it.each(['nope.png', `${'a'.repeat(43)}.png`, `${'a'.repeat(43)}.svg`, '..%2Fplan.png'])(
    'answers 404 for %p',
    async (file) => {
      const res = await fetch(`${base}/diagrams/${file}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('does not exist or has expired');
    },
  );
});
