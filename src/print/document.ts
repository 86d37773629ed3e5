/**
 * Print documents as HTML: a controlled copy of one process, and the handbook as one book.
 * Pure apart from reading templates and the stylesheet (`loadPrintKit`). Every document is one
 * self-contained HTML file (styles inline, no scripts, no outside requests), so the HTML file is
 * itself the controlled copy and prints the same from any Chromium.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Handbook, Process, Settings } from '../model/types.js';
import { renderNativeSvg } from '../diagram/native/index.js';
import { diagramIdPrefix } from '../diagram/index.js';
import { markdownToHtml } from '../view/markdown.js';
import { buildSiteModel, type SiteModel } from '../view/model.js';
import { context } from '../view/context.js';
import { processPageData } from '../view/process.js';
import { compileTemplateSet, readPrintTemplates } from '../source/templates.js';
import { processPath } from '../view/paths.js';
import { controlledMark, printLabels, uncontrolledMark } from '../view/paper/labels.js';
import { cssString, pageRule, printMarksData } from '../view/paper/page.js';
import type { Orientation } from '../view/paper/chart-pages.js';
import { diagramForPrint, headerEstimate, QR_HEADER_PX } from '../view/paper/diagram.js';
import type { Paper } from '../view/paper/chart-pages.js';
import type { PdfInfo } from './pdf-info.js';
import { copyQr } from '../control/qr.js';


export const PRINT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/print/', import.meta.url));
export const PRINT_CSS_FILE = fileURLToPath(new URL('../../assets/print.css', import.meta.url));
const PRINT_PAGES = ['copy', 'book'] as const;
type PrintPage = (typeof PRINT_PAGES)[number];

export interface PrintKit {
  readonly css: string;
  render(name: PrintPage, data: object): string;
}

/**
 * Templates and stylesheet: the site's partials (doc header, step table, sign-off, revisions; the
 * handbook's overrides in `<root>/templates/partials/` apply) and Flowbook's print templates
 * (`templates/print/`, overridable by `<root>/templates/print/`), read and compiled by the one
 * template loader (src/source/templates.ts), with the same rules as the site's.
 */
export async function loadPrintKit(root?: string): Promise<PrintKit> {
  const templates = compileTemplateSet(readPrintTemplates(root), PRINT_PAGES.map((n) => `print/${n}`));
  const css = await readFile(PRINT_CSS_FILE, 'utf8');
  return {
    css,
    render: (name, data) => templates.render(`print/${name}`, data),
  };
}

/* ----------------------------------------------------------- one process */

export interface ProcessDocOptions {
  /** Where `type: process` steps link (the book links to its own sections); default: no link. */
  readonly href?: (code: string) => string | undefined;
  /** Step boxes link to the step table rows (not in the book, where several processes share a page). */
  readonly stepLinks?: boolean;
  /** Markdown body already converted (else converted here). */
  readonly bodyHtml?: string;
  /** A diagram already drawn (else the native renderer draws it). */
  readonly svg?: string;
  /** Paper size for the chart (default A4). */
  readonly paper?: Paper;
}

/** Everything the print templates show for one process. */
export function processDocData(site: SiteModel, p: Process, options: ProcessDocOptions = {}) {
  const settings = site.settings;
  const svg =
    options.svg ??
    renderNativeSvg(p, {
      href: options.href ?? (() => undefined),
      idPrefix: diagramIdPrefix(p.code),
      stepTableId: 'steps',
      language: settings.language,
      ...(options.stepLinks === false && { stepHref: () => undefined }),
    });
  const bodyHtml = options.bodyHtml ?? markdownToHtml(p.body, settings.language);
  const ctx = context(site, processPath(p.code));
  const page = processPageData(site, p, { svg, bodyHtml, hasMermaid: false }, ctx);
  const diagram = diagramForPrint(svg, settings, { process: p, ...(options.paper && { paper: options.paper }), headerPx: headerEstimate(p) + (settings.url !== undefined ? QR_HEADER_PX : 0) });
  return {
    ...page,
    printLabels: printLabels(settings.language),
    diagram,
    roleNames: p.roles.join(settings.language === 'en' ? ', ' : '、'),
  };
}

/* ---------------------------------------------------------- controlled copy */

export interface CopyInfo {
  readonly number: number;
  readonly holder: string;
  /** Issue date, YYYY-MM-DD. */
  readonly issued: string;
}

export const copyNumberText = (n: number) => String(n).padStart(3, '0');

/** The stamp printed in every page's top-right margin (and in the header block). */
export function stampLines(settings: Settings, version: string | undefined, copy: CopyInfo): string[] {
  const l = printLabels(settings.language);
  return [controlledMark(settings), `${l.copyNo} ${copyNumberText(copy.number)} · ${l.holder} ${copy.holder}`, `${l.issued} ${copy.issued} · ${l.version} ${version ?? l.noVersion}`];
}

/** One controlled copy of one process as a complete HTML document. Pure (given the kit). */
export function renderControlledCopy(kit: PrintKit, site: SiteModel, p: Process, copy: CopyInfo, options: ProcessDocOptions = {}): string {
  const settings = site.settings;
  const doc = processDocData(site, p, options);
  const stamp = stampLines(settings, p.version, copy);
  const pageCss = pageRule(settings, {
    orientation: doc.diagram.orientation,
    paper: doc.diagram.plan.paper,
    footer: { code: p.code, ...(p.version !== undefined && { version: p.version }) },
    topLeft: `${settings.title}${settings.organisation ? ` · ${settings.organisation}` : ''}`,
    stamp: stamp.join('\n'),
  });
  return kit.render('copy', {
    lang: settings.language,
    title: `${p.name} (${p.code}) · ${stamp[1]}`,
    labels: site.labels,
    css: kit.css,
    pageCss,
    orientation: doc.diagram.orientation,
    doc,
    copy: { ...copy, numberText: copyNumberText(copy.number), mark: controlledMark(settings), shortMark: settings.controlledText, stamp, qr: copyQr(settings, p, copy.number) },
    site: { title: settings.title, organisation: settings.organisation },
  });
}

/* ------------------------------------------------------------ PDF metadata */

const FLOWBOOK_VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
/** The PDF's Creator: the program that made the document (Chromium stays the Producer). */
export const PDF_CREATOR = `Flowbook ${FLOWBOOK_VERSION}`;

/** Document information of a controlled copy: `请假流程 · HR-AT-003 · 版本 A/1`, the stamp's words, the issue date. */
export function copyPdfInfo(settings: Settings, p: Process, copy: CopyInfo): PdfInfo {
  const l = printLabels(settings.language);
  const version = p.version ? ` · ${l.version} ${p.version}` : '';
  return {
    title: `${p.name} · ${p.code}${version}`,
    subject: `${p.code} · ${stampLines(settings, p.version, copy).join(' · ')}`,
    keywords: [p.code, ...(p.version ? [p.version] : []), settings.controlledText, settings.title],
    author: settings.organisation || settings.title,
    creator: PDF_CREATOR,
    date: copy.issued,
  };
}

/** Document information of the book: the handbook's title, controlled or not, the print date, every code. */
export function bookPdfInfo(settings: Settings, processes: readonly Process[], o: { today: string; holder?: string }): PdfInfo {
  const l = printLabels(settings.language);
  const mark = o.holder !== undefined ? `${controlledMark(settings)} · ${l.holder} ${o.holder}` : uncontrolledMark(settings);
  return {
    title: settings.title,
    subject: `${settings.organisation ? `${settings.organisation} · ` : ''}${mark} · ${l.printed} ${o.today}`,
    keywords: processes.map((p) => (p.version ? `${p.code} ${p.version}` : p.code)),
    author: settings.organisation || settings.title,
    creator: PDF_CREATOR,
    date: o.today,
  };
}

/* ------------------------------------------------------------------- book */

export interface BookSection {
  readonly process: Process;
  /** First page of the section in the book (undefined: not known, no browser). */
  readonly page?: number;
  readonly copy?: CopyInfo;
}

export interface BookOptions {
  readonly today: string;
  /** Holder of a controlled book; without it the book is marked uncontrolled. */
  readonly holder?: string;
  /** Page numbers of the table of contents: section code -> first page. */
  readonly pages?: ReadonlyMap<string, number>;
  /** The revision summary's first page. */
  readonly summaryPage?: number;
  /** Controlled copy numbers: code -> number. */
  readonly copies?: ReadonlyMap<string, number>;
  /** Paper size for the charts (default A4). */
  readonly paper?: Paper;
  /** Render only one part (to count its pages): the cover, the contents, one section, the summary. */
  readonly only?: { kind: 'cover' } | { kind: 'toc' } | { kind: 'section'; code: string } | { kind: 'summary' };
}

export const sectionId = (code: string) => `proc-${code.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`)}`;

/** The processes of the book: current controlled ones, by code. */
export function bookProcesses(handbook: Handbook): Process[] {
  return handbook.processes.filter((p) => p.status === 'controlled');
}

export interface BookData {
  readonly html: string;
  readonly codes: readonly string[];
}

/** Book-wide, precomputed per process (diagrams, bodies): reuse between the counting renders and the final one. */
export function bookDocs(site: SiteModel, processes: readonly Process[], paper?: Paper) {
  const inBook = new Set(processes.map((p) => p.code));
  return new Map(
    processes.map((p) => [p.code, processDocData(site, p, { href: (c) => (inBook.has(c) ? `#${sectionId(c)}` : undefined), stepLinks: false, ...(paper && { paper }) })] as const),
  );
}

export function renderBook(kit: PrintKit, site: SiteModel, processes: readonly Process[], docs: ReturnType<typeof bookDocs>, o: BookOptions): string {
  const settings = site.settings;
  const l = printLabels(settings.language);
  const controlled = o.holder !== undefined;
  const rules: string[] = [];
  const titleLine = `${settings.title}${settings.organisation ? ` · ${settings.organisation}` : ''}`;
  const bookMark = controlled ? undefined : `${uncontrolledMark(settings)} · ${l.printed} ${o.today}`;
  const paper = o.paper ?? settings.paper ?? 'A4';
  rules.push(`@page { size: ${paper} portrait; }`);
  rules.push(`@page fb-cover { size: ${paper} portrait; @bottom-right { content: none; } @bottom-left { content: none; } }`);
  rules.push(pageRule(settings, { orientation: 'portrait', paper, name: 'fb-front', topLeft: titleLine, ...(bookMark && { topRight: bookMark }) }));
  const sections = processes
    .filter((p) => !o.only || o.only.kind !== 'section' || o.only.code === p.code)
    .map((p, i) => {
      const pre = docs.get(p.code)!;
      // The chart's pages follow the section's first page (the header block); known at the last pass.
      const doc = { ...pre, diagram: pre.diagram.at((o.pages?.get(p.code) ?? 1) + 1) };
      const name = `fbp-${i + 1}`;
      const number = o.copies?.get(p.code);
      const copy = controlled && number !== undefined ? { number, holder: o.holder!, issued: o.today } : undefined;
      const stamp = copy ? stampLines(settings, p.version, copy) : undefined;
      rules.push(
        pageRule(settings, {
          orientation: doc.diagram.orientation,
          paper: doc.diagram.plan.paper,
          name,
          footer: { code: p.code, ...(p.version !== undefined && { version: p.version }) },
          topLeft: titleLine,
          ...(stamp ? { stamp: stamp.join('\n') } : bookMark ? { topRight: bookMark } : {}),
        }),
      );
      return {
        id: sectionId(p.code),
        pageName: name,
        doc,
        copy: copy && { ...copy, numberText: copyNumberText(copy.number), mark: controlledMark(settings), shortMark: settings.controlledText, stamp, qr: copyQr(settings, p, copy.number) },
      };
    });
  const toc = processes.map((p) => ({ code: p.code, name: p.name, version: p.version ?? '', href: `#${sectionId(p.code)}`, page: o.pages?.get(p.code) ?? '' }));
  const revisions = processes
    .flatMap((p) => p.revisions.map((r) => ({ code: p.code, name: p.name, version: r.version, date: r.date ?? '', change: r.change })))
    .sort((a, b) => (a.date === b.date ? (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) : a.date === '' ? 1 : b.date === '' ? -1 : a.date < b.date ? -1 : 1));
  const show = (k: string) => !o.only || o.only.kind === k;
  return kit.render('book', {
    lang: settings.language,
    title: settings.title,
    css: kit.css,
    pageCss: rules.join('\n'),
    labels: site.labels,
    printLabels: l,
    site: { title: settings.title, organisation: settings.organisation },
    today: o.today,
    controlled,
    holder: o.holder ?? '',
    mark: controlled ? controlledMark(settings) : uncontrolledMark(settings),
    showCover: show('cover'),
    showToc: show('toc'),
    showSummary: show('summary'),
    toc,
    hasPages: o.pages !== undefined,
    summaryPage: o.summaryPage ?? '',
    sections: show('section') ? sections : [],
    revisions,
    processCount: processes.length,
  });
}

export { buildSiteModel, cssString, printMarksData };
