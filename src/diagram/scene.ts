// A tiny scene graph for network diagrams, rendered to SVG. Pure: no I/O.

export type Status = 'ok' | 'fail' | 'warn' | 'neutral';

export interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  lines: string[];
  kind: 'network' | 'subnet' | 'gateway' | 'source' | 'nsg';
  status?: Status;
}

export interface Link {
  from: string;
  to: string;
  label: string;
  status: Status;
  dashed?: boolean;
  /** Draws a horizontal link at this height between facing edges (keeps parallel links apart). */
  atY?: number;
}

export interface Scene {
  width: number;
  height: number;
  title: string;
  boxes: Box[];
  links: Link[];
  legend?: string;
}

const FILL: Record<Box['kind'], string> = {
  network: '#eaf3fb',
  subnet: '#ffffff',
  gateway: '#fff4ce',
  source: '#f3f2f1',
  nsg: '#f4eefb',
};
const STROKE: Record<Status, string> = { ok: '#107c10', fail: '#d13438', warn: '#c19c00', neutral: '#605e5c' };
const FONT = 'DejaVu Sans';

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

function boxCenter(b: Box): { x: number; y: number } {
  return { x: b.x + b.w / 2, y: b.y + b.h / 2 };
}

/** The point where the segment from the box centre towards (tx, ty) leaves the box. */
function edgePoint(b: Box, tx: number, ty: number): { x: number; y: number } {
  const c = boxCenter(b);
  const dx = tx - c.x;
  const dy = ty - c.y;
  if (dx === 0 && dy === 0) return c;
  const scale = Math.min(dx === 0 ? Infinity : b.w / 2 / Math.abs(dx), dy === 0 ? Infinity : b.h / 2 / Math.abs(dy));
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

function truncate(text: string, maxChars: number): string {
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

function renderBox(b: Box): string {
  const stroke = STROKE[b.status ?? 'neutral'];
  const width = b.status === 'fail' ? 3 : 1.5;
  const maxChars = Math.floor((b.w - 16) / 6.6);
  const title = `<text x="${b.x + 8}" y="${b.y + 18}" font-family="${FONT}" font-size="13" font-weight="bold" fill="#201f1e">${escapeXml(truncate(b.title, Math.floor((b.w - 16) / 7.6)))}</text>`;
  const lines = b.lines
    .map(
      (line, i) =>
        `<text x="${b.x + 8}" y="${b.y + 36 + i * 15}" font-family="${FONT}" font-size="11" fill="#323130">${escapeXml(truncate(line, maxChars))}</text>`,
    )
    .join('');
  return `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="6" fill="${FILL[b.kind]}" stroke="${stroke}" stroke-width="${width}"/>${title}${lines}`;
}

function renderLink(link: Link, boxes: Map<string, Box>): string {
  const from = boxes.get(link.from);
  const to = boxes.get(link.to);
  if (!from || !to) throw new Error(`diagram link ${link.from} → ${link.to} names a box that is not in the scene`);
  const fc = boxCenter(from);
  const tc = boxCenter(to);
  const horizontal = link.atY !== undefined;
  const leftToRight = fc.x < tc.x;
  const a = horizontal ? { x: leftToRight ? from.x + from.w : from.x, y: link.atY! } : edgePoint(from, tc.x, tc.y);
  const b = horizontal ? { x: leftToRight ? to.x : to.x + to.w, y: link.atY! } : edgePoint(to, fc.x, fc.y);
  const color = STROKE[link.status];
  const dash = link.dashed ? ' stroke-dasharray="6 4"' : '';
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const labelWidth = Math.min(260, link.label.length * 6.4 + 10);
  return (
    `<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${color}" stroke-width="${link.status === 'fail' ? 3 : 2}"${dash}/>` +
    `<rect x="${(mx - labelWidth / 2).toFixed(1)}" y="${(my - 9).toFixed(1)}" width="${labelWidth.toFixed(1)}" height="16" rx="3" fill="#ffffff" stroke="${color}" stroke-width="1"/>` +
    `<text x="${mx.toFixed(1)}" y="${(my + 3).toFixed(1)}" text-anchor="middle" font-family="${FONT}" font-size="10" fill="${color}">${escapeXml(truncate(link.label, 40))}</text>`
  );
}

export function renderSvg(scene: Scene): string {
  const boxes = new Map(scene.boxes.map((b) => [b.id, b]));
  // Networks first so subnets draw on top; links last so their labels stay readable.
  const ordered = [...scene.boxes].sort((a, b) => Number(a.kind !== 'network') - Number(b.kind !== 'network'));
  const legend = scene.legend
    ? `<text x="16" y="${scene.height - 12}" font-family="${FONT}" font-size="11" fill="#605e5c">${escapeXml(scene.legend)}</text>`
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="16" y="26" font-family="${FONT}" font-size="16" font-weight="bold" fill="#201f1e">${escapeXml(scene.title)}</text>` +
    ordered.map(renderBox).join('') +
    scene.links.map((l) => renderLink(l, boxes)).join('') +
    legend +
    `</svg>`
  );
}
