/** The drawn size of an SVG: its root `viewBox`, else its width and height attributes. Pure. */

export interface ViewBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const OPEN_TAG = /<svg\b[^>]*>/;

export function viewBoxOf(svg: string): ViewBox | undefined {
  const tag = OPEN_TAG.exec(svg)?.[0];
  if (!tag) return undefined;
  const m = /\sviewBox="([^"]*)"/.exec(tag);
  if (m) {
    const n = m[1]!.trim().split(/[\s,]+/).map(Number);
    if (n.length === 4 && n.every(Number.isFinite) && n[2]! > 0 && n[3]! > 0) return { x: n[0]!, y: n[1]!, width: n[2]!, height: n[3]! };
  }
  const w = /\swidth="([\d.]+)(?:px)?"/.exec(tag);
  const h = /\sheight="([\d.]+)(?:px)?"/.exec(tag);
  if (w && h) return { x: 0, y: 0, width: Number(w[1]), height: Number(h[1]) };
  return undefined;
}
