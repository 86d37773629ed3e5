/**
 * Per-document print CSS (page size, footer and marks in the page margins) and the small pieces
 * the website puts on its pages: `printHead` for `<head>` and `printMarksData` for the
 * `print-marks` partial. Pure.
 */
import type { Process, Settings } from '../../model/types.js';
import { controlledMark, printLabels, uncontrolledMark, watermarkText } from './labels.js';
import type { Orientation } from './chart-pages.js';
import type { ChartPlan, Paper } from './chart-pages.js';
import { headerEstimate, planForPrint } from './diagram.js';

/** Red of the controlled mark: dark enough to stay a solid grey in black-and-white copies. */
export const STAMP_RED = '#c00000';

/** A CSS string literal (for `content:`), safe inside a `<style>` element. */
export function cssString(s: string): string {
  const body = s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\u0000-\u001f\u007f<>&]/g, (c) => (c === '\n' ? '\\a ' : `\\${c.codePointAt(0)!.toString(16)} `));
  return `"${body}"`;
}

export interface FooterInfo {
  readonly code: string;
  readonly version?: string;
  readonly name?: string;
}

/** `HR-AT-003 · 版本 A/0` */
export function footerText(settings: Settings, f: FooterInfo): string {
  const l = printLabels(settings.language);
  return `${f.code}${f.version ? ` · ${l.version} ${f.version}` : ''}`;
}

/**
 * An `@page` rule: size and orientation, the footer (code and version left, page X of Y right),
 * and optional top margin boxes. `name` makes it a named page (`page: name` on a section).
 */
export function pageRule(settings: Settings, o: { orientation: Orientation; paper?: Paper; footer?: FooterInfo; name?: string; topLeft?: string; topRight?: string; stamp?: string }): string {
  const l = printLabels(settings.language);
  const boxes: string[] = [];
  if (o.footer) boxes.push(`@bottom-left { content: ${cssString(footerText(settings, o.footer))}; }`);
  boxes.push(`@bottom-right { content: ${l.pageOfCss}; }`);
  if (o.topLeft !== undefined) boxes.push(`@top-left { content: ${cssString(o.topLeft)}; }`);
  if (o.stamp !== undefined)
    boxes.push(
      `@top-right { content: ${cssString(o.stamp)}; white-space: pre; text-align: center; vertical-align: middle; color: ${STAMP_RED}; ` +
        `border: 3pt double ${STAMP_RED}; border-radius: 1.5mm; padding: 0.8mm 2.5mm; margin: 2.5mm 0 2mm; width: 66mm; font-weight: 700; font-size: 7.5pt; line-height: 1.35; }`,
    );
  else if (o.topRight !== undefined) boxes.push(`@top-right { content: ${cssString(o.topRight)}; }`);
  return `@page${o.name ? ` ${o.name}` : ''} { size: ${o.paper ?? 'A4'} ${o.orientation}; ${boxes.join(' ')} }`;
}

/**
 * For the website's process page `<head>`: page size and orientation chosen from the diagram and
 * the footer with code and version, e.g.
 * `<style media="print">@page { size: A4 landscape; @bottom-left {...} @bottom-right {...} }</style>`.
 */
export function printHead(process: Process, svg: string, settings: Settings): string {
  return printHeadFor(process, planForPrint(svg, settings, { process, headerPx: headerEstimate(process, 420) }).plan, settings);
}

/** The same, from a chart already planned (the page's diagram was drawn by it). */
export function printHeadFor(process: Process, plan: Pick<ChartPlan, 'orientation' | 'paper'>, settings: Settings): string {
  const rule = pageRule(settings, { orientation: plan.orientation, paper: plan.paper, footer: { code: process.code, ...(process.version !== undefined && { version: process.version }) } });
  return `<style media="print">${rule}</style>`;
}

/** Data for templates/partials/print-marks.hbs (the website's layout passes it as `printMarks`). */
export interface PrintMarksData {
  /** `打印件为非受控文件 / Uncontrolled when printed` */
  readonly uncontrolled: string;
  /** `打印日期` / `Printed` */
  readonly printedLabel: string;
  /** The build date: the print date when the page's script does not run. */
  readonly buildDate: string;
  /** `草稿 / DRAFT`, `作废 / OBSOLETE`, or empty. */
  readonly watermark: string;
  /** The margin-box CSS with the build date (the script rewrites it with today's date). */
  readonly css: string;
  /** The same CSS with `{date}` in place of the date, for the script. */
  readonly cssTemplate: string;
}

export function printMarksData(settings: Settings, today: string, process?: Pick<Process, 'status'>): PrintMarksData {
  const l = printLabels(settings.language);
  const template = `@page { @top-left { content: ${cssString(uncontrolledMark(settings))}; } @top-right { content: ${cssString(`${l.printed} `)} "{date}"; } }`;
  return {
    uncontrolled: uncontrolledMark(settings),
    printedLabel: l.printed,
    buildDate: today,
    watermark: (process && watermarkText(process.status)) ?? '',
    css: template.replace('{date}', today),
    cssTemplate: template,
  };
}

export { controlledMark, uncontrolledMark };
