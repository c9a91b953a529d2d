import type { Request, Response, Server } from 'restify';
import type { DiagramImageStore } from './image-store';

/** GET /diagrams/<id>.png: the diagram behind an unguessable id, 404 once it expired or for anything else. */
export function registerDiagramRoute(server: Server, store: DiagramImageStore): void {
  server.get('/diagrams/:file', async (req: Request, res: Response) => {
    const match = /^([A-Za-z0-9_-]{43})\.png$/.exec(String(req.params.file ?? ''));
    const png = match ? await store.get(match[1]).catch(() => undefined) : undefined;
    if (!png) {
      res.send(404, { error: 'This diagram does not exist or has expired. Ask the bot to draw it again.' });
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'image/png',
      'Content-Length': png.length,
      // The id never changes what it points to; private because the picture shows a customer network.
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(png);
  });
}
