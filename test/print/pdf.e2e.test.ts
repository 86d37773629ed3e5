/**
 * Printing in a real Chromium, read back with pdftotext: controlled copies (header block, stamp on
 * every page, footer totals, orientation), website prints (uncontrolled mark and print date on
 * every page, draft and obsolete watermarks), and the book's contents page numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import { findChromium, launchChromium } from '../../src/util/browser.js';
import { buildSiteModel } from '../../src/view/model.js';
import { compileTemplates, readTemplateSources, DEFAULT_TEMPLATES_DIR } from '../../src/site/templates.js';
import { processPage } from '../../src/site/pages/process.js';
import { renderNativeSvg } from '../../src/diagram/native/index.js';
import { markdownToHtml } from '../../src/view/markdown.js';
import { loadPrintKit, renderControlledCopy, PRINT_CSS_FILE, type PrintKit } from '../../src/print/document.js';
import { diagramPrintHtml } from '../../src/view/paper/diagram.js';
import { printHead, printMarksData } from '../../src/view/paper/page.js';
import { countPdfPages, openPdfRenderer, type PdfRenderer } from '../../src/print/pdf.js';
import { makeBook } from '../../src/print/book.js';
import { hasPoppler, pdfPages, pdfPageSizes, squash, testHandbook, TODAY } from './helpers.js';

const chromium = findChromium();
const hb = testHandbook();
const site = buildSiteModel(hb, { today: TODAY, drafts: true });

describe.skipIf(!chromium || !hasPoppler)('PDF printing (Chromium)', () => {
  let dir: string;
  let kit: PrintKit;
  let pdf: PdfRenderer;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fb-pdf-'));
    kit = await loadPrintKit();
    pdf = await openPdfRenderer(chromium!);
  });
  afterAll(async () => {
    await pdf?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const print = async (name: string, html: string) => {
    const bytes = await pdf.pdf(html);
    const file = path.join(process.env.FB_KEEP_PDF ?? dir, name);
    await writeFile(file, bytes);
    return { file, bytes, pages: pdfPages(file) };
  };

  it('a controlled copy of a long process: header block, the stamp and page X of Y on every page', async () => {
    const html = renderControlledCopy(kit, site, hb.byCode.get('HR-LONG-001')!, { number: 7, holder: '审核员甲', issued: TODAY });
    const { bytes, pages } = await print('long.pdf', html);
    const n = pages.length;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(countPdfPages(bytes)).toBe(n);
    const first = squash(pages[0]!);
    for (const label of ['流程名称', '长流程示例', '编码', 'HR-LONG-001', '受控状态', '执行核心部门', '人力资源部', '控制部门', '人力资源总监', '版本', 'A/2', '行为实施环节'])
      expect(first).toContain(label);
    pages.forEach((page, i) => {
      const t = squash(page);
      expect(t).toContain('受控文件/CONTROLLEDCOPY');
      expect(t).toContain('受控编号007');
      expect(t).toContain('持有人审核员甲');
      expect(t).toContain(`发放日期${TODAY}`);
      expect(t).toContain(`第${i + 1}页共${n}页`);
      expect(t).toContain('HR-LONG-001·版本A/2');
    });
    const all = squash(pages.join(''));
    for (const s of ['编制人员', '张敏', '审核人员', '批准人员', '王军', '批准日期', '2024-05-28', '修订记录', '首次发布', '第40步处理申请材料并登记'])
      expect(all).toContain(s);
    // The step table's header row repeats on every page the table continues on.
    const tablePages = pages.filter((p) => /第\s*\d+\s*步/.test(p) && /说明文字/.test(p));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const p of tablePages) expect(squash(p)).toContain('序号行为实施环节管理行为下一步说明');
    // The chart is whole on a page of its own, or cut into bands, each on its own page with the
    // lane header and connectors (续见第 N 页 / 接第 N 页) pointing at the right pages.
    const parts = Number(/data-parts="(\d+)"/.exec(html)?.[1] ?? 1);
    const bandPages = pages.map((p, i) => [squash(p), i + 1] as const).filter(([t]) => /续见第\d+页|接第\d+页/.test(t));
    expect(bandPages.length).toBe(parts > 1 ? parts : 0);
    for (const [t, page] of bandPages) {
      for (const role of ['员工', '部门负责人', '人力资源部']) expect(t).toContain(role);
      for (const m of t.matchAll(/续见第(\d+)页/g)) expect(Number(m[1])).toBe(page + 1);
      for (const m of t.matchAll(/接第(\d+)页/g)) expect(Number(m[1])).toBe(page - 1);
    }
  });

  it('Chinese is real text in the PDF (a CJK font is embedded, not a picture)', async () => {
    const { bytes } = await print('short.pdf', renderControlledCopy(kit, site, hb.byCode.get('HR-AT-003')!, { number: 1, holder: '李四', issued: TODAY }));
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).toMatch(/\/FontName\s*\/[A-Z]{6}\+NotoSans(Mono)?CJK/);
    expect(raw).not.toMatch(/\/Subtype\s*\/Image/);
  });

  it('a wide diagram prints on landscape pages, a narrow one on portrait', async () => {
    const wide = await print('wide.pdf', renderControlledCopy(kit, site, hb.byCode.get('HR-WIDE-001')!, { number: 1, holder: '李四', issued: TODAY }));
    for (const [w, h] of pdfPageSizes(wide.file)) expect(w).toBeGreaterThan(h);
    const narrow = await print('narrow.pdf', renderControlledCopy(kit, site, hb.byCode.get('HR-AT-003')!, { number: 1, holder: '李四', issued: TODAY }));
    for (const [w, h] of pdfPageSizes(narrow.file)) expect(w).toBeLessThan(h);
  });

  describe('website pages on paper', () => {
    let sitePage: (code: string) => Promise<string>;
    beforeAll(async () => {
      const templates = compileTemplates(await readTemplateSources());
      const marks = Handlebars.create().compile(await readFile(path.join(DEFAULT_TEMPLATES_DIR, 'partials', 'print-marks.hbs'), 'utf8'));
      const css = (await readFile(path.join(DEFAULT_TEMPLATES_DIR, '..', 'assets', 'site.css'), 'utf8').catch(() => '')) + (await readFile(PRINT_CSS_FILE, 'utf8'));
      // What the lead wires into the site: print.css, printHead in <head>, print-marks before </body>, the diagram for print.
      sitePage = async (code) => {
        const p = hb.byCode.get(code)!;
        const svg = renderNativeSvg(p, { href: () => undefined, idPrefix: 'd-', stepTableId: 'steps' });
        const [file] = processPage(site, templates, { customCss: false, searchCss: false, searchJs: false }, p, {
          svg: diagramPrintHtml(svg, hb.settings),
          bodyHtml: markdownToHtml(p.body, 'zh-CN'),
          hasMermaid: false,
        });
        return String(file!.content)
          .replace('</head>', `<style>${css}</style>${printHead(p, svg, hb.settings)}</head>`)
          .replace('</body>', `${marks({ printMarks: printMarksData(hb.settings, TODAY, p) })}</body>`);
      };
    });

    it('every page says uncontrolled when printed, with the print date from the script (build date without it)', async () => {
      const html = await sitePage('HR-LONG-001');
      const { pages } = await print('site-nojs.pdf', html);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      pages.forEach((p, i) => {
        const t = squash(p);
        expect(t).toContain('打印件为非受控文件/Uncontrolledwhenprinted');
        expect(t).toContain(`打印日期${TODAY}`);
        expect(t).toContain(`第${i + 1}页共${pages.length}页`);
        expect(t).not.toContain('受控编号');
      });
      // With scripts on (as in a user's browser) the date is the day of printing.
      const browser = await launchChromium(chromium!);
      try {
        const page = await browser.newPage();
        // A printing day that is not the build day, so the script's date is told from the build's.
        await page.clock.setFixedTime(new Date(2027, 2, 4, 10, 0, 0));
        // The page's own print.js, inline: setContent has no site folder to load it from.
        const script = await readFile(path.join(DEFAULT_TEMPLATES_DIR, '..', 'assets', 'print.js'), 'utf8');
        expect(html).toMatch(/<script src="[^"]*assets\/print\.js" defer><\/script>/);
        await page.setContent(html.replace(/<script src="[^"]*assets\/print\.js" defer><\/script>/, () => `<script>${script}</script>`), { waitUntil: 'load' });
        const file = path.join(dir, 'site-js.pdf');
        await writeFile(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
        for (const p of pdfPages(file)) expect(squash(p)).toContain('打印日期2027-03-04');
      } finally {
        await browser.close();
      }
      // No navigation, search box or footer links on paper.
      expect(squash(pages.join(''))).not.toContain('流程总图');
    });

    it('drafts and obsolete processes carry their watermark on every page', async () => {
      for (const [code, mark] of [
        ['HR-DR-001', '草稿/DRAFT'],
        ['HR-OB-001', '作废/OBSOLETE'],
      ] as const) {
        const { file } = await print(`${code}.pdf`, await sitePage(code));
        const raw = await import('node:child_process').then((cp) => cp.spawnSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).stdout);
        // -raw keeps the drawing order, so the rotated watermark reads as one string.
        const pages = raw.split('\f').filter((p) => p.trim());
        expect(pages.length).toBeGreaterThanOrEqual(1);
        for (const p of pages) expect(squash(p)).toContain(mark);
      }
      const { pages } = await print('controlled-site.pdf', await sitePage('HR-AT-003'));
      for (const p of pages) expect(squash(p)).not.toMatch(/DRAFT|OBSOLETE/);
    });
  });

  it('the book: contents page numbers are the pages where the sections start', async () => {
    const processes = hb.processes.filter((p) => p.status === 'controlled');
    const book = await makeBook(kit, site, processes, { today: TODAY, pdf });
    const file = path.join(dir, 'book.pdf');
    await writeFile(file, book.pdf!);
    const pages = pdfPages(file);
    expect(pages.length).toBe(book.totalPages);
    expect(book.totalPages).toBe(book.expectedPages);
    const cover = squash(pages[0]!);
    expect(cover).toContain('人力资源管理流程手册');
    expect(cover).toContain('示例科技有限公司');
    expect(cover).toContain(TODAY);
    // Read the page numbers from the printed contents page.
    const toc = pages[1]!;
    expect(squash(toc)).toContain('目录');
    for (const p of processes) {
      const line = toc.split('\n').find((l) => l.includes(p.code))!;
      const printed = Number(/(\d+)\s*$/.exec(line)![1]);
      expect(printed).toBe(book.pages!.get(p.code));
      const start = squash(pages[printed - 1]!);
      expect(start).toContain(`流程名称${p.name}`);
      expect(start).toContain(`${p.code}·版本`);
      expect(start).toContain(`第${printed}页共${pages.length}页`);
      if (printed > 3) expect(squash(pages[printed - 2]!)).not.toContain(`流程名称${p.name}`);
    }
    const summaryLine = toc.split('\n').find((l) => l.includes('修订记录汇总'))!;
    const summaryPage = Number(/(\d+)\s*$/.exec(summaryLine)![1]);
    expect(squash(pages[summaryPage - 1]!)).toContain('修订记录汇总');
    expect(squash(pages[summaryPage - 1]!)).toMatch(/2024-01-05.*2024-06-01.*2025-03-01.*2025-06-01/);
  });
});
