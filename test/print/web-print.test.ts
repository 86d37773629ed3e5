/** Pure print pieces of the website's process page: the chart for screen and paper, head snippet, marks. */
import { describe, expect, it } from 'vitest';
import { renderNativeSvg } from '../../src/diagram/native/index.js';
import { cssString, printHead, printMarksData } from '../../src/view/paper/page.js';
import { diagramPrintHtml } from '../../src/view/paper/diagram.js';
import { defaultSettings } from '../../src/config/settings.js';
import { testHandbook } from './helpers.js';

const hb = testHandbook();
const svgOf = (code: string) => renderNativeSvg(hb.byCode.get(code)!, { href: () => undefined, idPrefix: 'x-', stepTableId: 'steps' });

describe('the website chart on paper', () => {
  const svg = svgOf('HR-LONG-001');

  it('website: whole SVG on screen, bands on paper', () => {
    const html = diagramPrintHtml(svg, defaultSettings(), hb.byCode.get('HR-LONG-001'));
    expect(html).toContain('class="fb-screen-only"');
    expect(html).toContain('fb-print-only');
    // a chart that prints whole is the SVG itself, with its printed size as custom properties
    const whole = diagramPrintHtml(svgOf('HR-AT-003'), defaultSettings(), hb.byCode.get('HR-AT-003'));
    expect(whole).not.toContain('fb-screen-only');
    expect(whole).toMatch(/^<svg style="--fb-print-w:\d+px;--fb-print-h:\d+px"/);
  });

  it('website: the bands show the screen figure by reference, so the page carries the diagram once', () => {
    const html = diagramPrintHtml(svg, defaultSettings(), hb.byCode.get('HR-LONG-001'));
    const bands = html.match(/<svg\b[^>]*fb-diagram-part[\s\S]*?<\/svg>/g) ?? [];
    expect(bands.length).toBeGreaterThan(1);
    for (const b of bands) expect(b).toContain('<use href="#fb-swimlane-figure"/>');
    expect(html.match(/id="fb-swimlane-figure"/g)).toHaveLength(1);
    // The screen SVG keeps its own <title> first (its accessible name), outside the figure group.
    expect(html).toMatch(/<svg[^>]*>\s*<title[^>]*>[\s\S]*?<\/title>[\s\S]*?<g id="fb-swimlane-figure">/);
    expect(html.length).toBeLessThan(svg.length * 1.5);
  });
});

describe('printHead and print marks', () => {
  it('sets page size from the diagram and a footer with code, version and page X of Y', () => {
    const zh = printHead(hb.byCode.get('HR-WIDE-001')!, svgOf('HR-WIDE-001'), defaultSettings());
    expect(zh).toMatch(/^<style media="print">@page \{ size: A4 landscape;/);
    expect(zh).toContain('"HR-WIDE-001 · 版本 B/0"');
    expect(zh).toContain('"第 " counter(page) " 页 共 " counter(pages) " 页"');
    const en = printHead(hb.byCode.get('HR-AT-003')!, svgOf('HR-AT-003'), defaultSettings('en'));
    expect(en).toContain('size: A4 portrait');
    expect(en).toContain('"Page " counter(page) " of " counter(pages)');
  });

  it('marks: both languages, build date fallback, watermark for draft and obsolete only', () => {
    const m = printMarksData(defaultSettings(), '2026-11-27', { status: 'draft' });
    expect(m.uncontrolled).toBe('打印件为非受控文件 / Uncontrolled when printed');
    expect(m.watermark).toBe('草稿 / DRAFT');
    expect(m.css).toContain('"2026-11-27"');
    expect(m.cssTemplate).toContain('{date}');
    expect(printMarksData(defaultSettings('en'), '2026-11-27', { status: 'obsolete' }).uncontrolled).toBe('Uncontrolled when printed / 打印件为非受控文件');
    expect(printMarksData(defaultSettings(), '2026-11-27', { status: 'obsolete' }).watermark).toBe('作废 / OBSOLETE');
    expect(printMarksData(defaultSettings(), '2026-11-27', { status: 'controlled' }).watermark).toBe('');
  });

  it('CSS strings cannot break out of the style element or the string', () => {
    const s = cssString('a"b\\c</style><script>\n');
    expect(s).not.toContain('</style');
    expect(s).not.toMatch(/[^\\]"./);
    expect(s.startsWith('"') && s.endsWith('"')).toBe(true);
  });
});
