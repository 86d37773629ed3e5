/**
 * Printing figures on the example handbook: ms per PDF page for controlled copies (one browser,
 * one page reused), HTML rendering per copy, and the whole book with its page-numbering passes.
 * `export async function benchPrint()` returns the rows; needs Chromium (skipped without).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadHandbook } from '../src/load.js';
import { buildSiteModel } from '../src/view/model.js';
import { findChromium } from '../src/util/browser.js';
import { loadPrintKit, renderControlledCopy } from '../src/print/document.js';
import { countPdfPages, openPdfRenderer } from '../src/print/pdf.js';
import { makeBook } from '../src/print/book.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TODAY = '2026-11-27';

export async function benchPrint() {
  const exe = findChromium();
  if (!exe) throw new Error('no Chromium');
  const { handbook } = await loadHandbook(ROOT, { today: TODAY });
  if (!handbook) throw new Error('the example handbook has errors');
  const site = buildSiteModel(handbook, { today: TODAY });
  const kit = await loadPrintKit(ROOT);
  const controlled = handbook.processes.filter((p) => p.status === 'controlled');
  let t = performance.now();
  const htmls = controlled.map((p, i) => renderControlledCopy(kit, site, p, { number: i + 1, holder: '基准', issued: TODAY }));
  const htmlMs = performance.now() - t;
  const pdf = await openPdfRenderer(exe);
  try {
    await pdf.pdf(htmls[0]!); // warm-up
    t = performance.now();
    let pages = 0;
    for (const h of htmls) pages += countPdfPages(await pdf.pdf(h));
    const pdfMs = performance.now() - t;
    t = performance.now();
    const book = await makeBook(kit, site, controlled, { today: TODAY, pdf });
    const bookMs = performance.now() - t;
    return [
      { what: `HTML copies (${htmls.length})`, ms: Math.round(htmlMs), perUnit: `${(htmlMs / htmls.length).toFixed(1)} ms/copy` },
      { what: `PDF copies (${htmls.length} copies, ${pages} pages)`, ms: Math.round(pdfMs), perUnit: `${(pdfMs / pages).toFixed(0)} ms/page` },
      { what: `book (${book.totalPages} pages, ${controlled.length + 3} counting passes + 1)`, ms: Math.round(bookMs), perUnit: `${(bookMs / (book.totalPages ?? 1)).toFixed(0)} ms/page` },
    ];
  }
  finally {
    await pdf.close();
  }
}
