/**
 * The native swimlane renderer: model -> layout (pure geometry) -> inline SVG string.
 * The default diagram of every process page; no browser needed.
 */
import type { Process } from '../../model/types.js';
import { layoutSwimlane } from './layout.js';
import { writeSvg, type NativeSvgOptions } from './svg.js';

export { layoutSwimlane } from './layout.js';
export type { Box, EdgeLayout, LabelLayout, LaneLayout, NodeLayout, Point, RowLayout, SwimlaneLayout } from './layout.js';
export type { NativeSvgOptions } from './svg.js';
export type { NodeShape } from './shapes.js';
export { checkLayoutInvariants } from './invariants.js';

/** The process's swimlane chart as an inline `<svg>` element (deterministic: same input, same bytes). */
export function renderNativeSvg(process: Process, options: NativeSvgOptions): string {
  return writeSvg(process, layoutSwimlane(process), options);
}
