/**
 * Node shapes: the legend of printed HR charts (box = action, diamond = decision, stadium = another
 * process). Sizes from wrapped text, and the boundary functions the router and the checker share.
 */
import type { StepType } from '../../model/types.js';
import { wrapText } from './text.js';

export type NodeShape = 'box' | 'diamond' | 'stadium';

export const FONT_SIZE = 13;
export const LINE_HEIGHT = 18;

export function shapeOf(type: StepType): NodeShape {
  return type === 'decision' ? 'diamond' : type === 'process' ? 'stadium' : 'box';
}

interface ShapeMetrics {
  /** Width available to a line of text. */
  readonly textWidth: number;
  readonly minWidth: number;
  readonly minHeight: number;
}

const METRICS: Record<NodeShape, ShapeMetrics> = {
  box: { textWidth: 132, minWidth: 112, minHeight: 40 },
  diamond: { textWidth: 96, minWidth: 120, minHeight: 60 },
  stadium: { textWidth: 124, minWidth: 120, minHeight: 40 },
};

export interface NodeSize {
  readonly width: number;
  readonly height: number;
  readonly lines: readonly string[];
}

/** The smallest shape that holds `text` wrapped, and at least the given port spans. */
/** A start box keeps a strip on its left for the start dot; its text is centred in the rest. */
export const START_STRIP = 14;

export function sizeNode(shape: NodeShape, text: string, start = false): NodeSize {
  const m = METRICS[shape];
  const wrapped = wrapText(text, m.textWidth, FONT_SIZE);
  const tw = wrapped.width;
  const th = wrapped.lines.length * LINE_HEIGHT;
  if (shape === 'box') {
    const strip = start ? START_STRIP : 0;
    return { lines: wrapped.lines, width: even(Math.max(m.minWidth, tw + 24) + strip), height: even(Math.max(m.minHeight, th + 20)) };
  }
  if (shape === 'stadium') {
    const height = Math.max(m.minHeight, th + 16);
    return { lines: wrapped.lines, width: even(Math.max(m.minWidth, tw + height * 0.8 + 8)), height: even(height) };
  }
  // A centred text block (tw x th) fits in a diamond when tw/w + th/h <= 1; keep some air.
  const height = Math.max(m.minHeight, th * 1.9 + 16);
  const width = Math.max(m.minWidth, (tw + 8) / (0.92 - th / height));
  return { lines: wrapped.lines, width: even(width), height: even(height) };
}

const even = (n: number) => Math.ceil(n / 2) * 2;

/**
 * Half the vertical extent of the shape at horizontal offset `dx` from its centre (0 outside).
 * A vertical line at dx meets the boundary at cy - h and cy + h.
 */
export function halfHeightAt(shape: NodeShape, width: number, height: number, dx: number): number {
  const a = width / 2;
  const b = height / 2;
  const x = Math.abs(dx);
  if (x >= a) return 0;
  if (shape === 'box') return b;
  if (shape === 'diamond') return b * (1 - x / a);
  const straight = a - b; // stadium: a rectangle with semicircular ends of radius b
  if (x <= straight) return b;
  const u = x - straight;
  return Math.sqrt(Math.max(0, b * b - u * u));
}

/** Half the horizontal extent of the shape at vertical offset `dy` from its centre. */
export function halfWidthAt(shape: NodeShape, width: number, height: number, dy: number): number {
  const a = width / 2;
  const b = height / 2;
  const y = Math.abs(dy);
  if (y >= b) return 0;
  if (shape === 'box') return a;
  if (shape === 'diamond') return a * (1 - y / b);
  const straight = a - b;
  return straight + Math.sqrt(Math.max(0, b * b - y * y));
}

/** Share of the half-width (or half-height) where ports may sit, so arrows do not hug a vertex. */
export function portReach(shape: NodeShape): number {
  return shape === 'box' ? 1 : shape === 'diamond' ? 0.62 : 0.75;
}
