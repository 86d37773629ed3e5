/**
 * The handbook as one book: cover, contents with page numbers, every current controlled process
 * (each from a new page), and a summary of all revisions by date.
 *
 * Chromium has no `target-counter()`, so page numbers are found by printing: each part is printed
 * alone and its pages counted from the PDF bytes; every part starts on a new page with the same
 * page size and styles as in the book, so the part's page count is its length in the book. Then
 * the whole book is printed once with the numbers filled in, and its page total is checked
 * against the sum. Without a browser the book is HTML without page numbers.
 */
import type { Process } from '../model/types.js';
import type { SiteModel } from '../view/model.js';
import { bookDocs, bookPdfInfo, renderBook, type PrintKit } from './document.js';
import { countPdfPages, type PdfRenderer } from './pdf.js';
import type { Paper } from '../view/paper/chart-pages.js';

export interface BookResult {
  readonly html: string;
  readonly pdf?: Uint8Array;
  /** Code -> first page (with a browser). */
  readonly pages?: ReadonlyMap<string, number>;
  readonly summaryPage?: number;
  readonly totalPages?: number;
  /** Total expected from the parts; differs from totalPages only if Chromium paginated the book differently. */
  readonly expectedPages?: number;
}

export async function makeBook(
  kit: PrintKit,
  site: SiteModel,
  processes: readonly Process[],
  o: { today: string; holder?: string; copies?: ReadonlyMap<string, number>; pdf?: PdfRenderer; paper?: Paper },
): Promise<BookResult> {
  const docs = bookDocs(site, processes, o.paper);
  const base = { today: o.today, ...(o.paper && { paper: o.paper }), ...(o.holder !== undefined && { holder: o.holder }), ...(o.copies && { copies: o.copies }) };
  if (!o.pdf) return { html: renderBook(kit, site, processes, docs, base) };
  const count = async (only: Parameters<typeof renderBook>[4]['only']) => countPdfPages(await o.pdf!.pdf(renderBook(kit, site, processes, docs, { ...base, ...(only && { only }) })));
  const cover = await count({ kind: 'cover' });
  const toc = await count({ kind: 'toc' });
  const pages = new Map<string, number>();
  let next = cover + toc + 1;
  for (const p of processes) {
    pages.set(p.code, next);
    next += await count({ kind: 'section', code: p.code });
  }
  const summaryPage = next;
  const expectedPages = summaryPage + (await count({ kind: 'summary' })) - 1;
  const html = renderBook(kit, site, processes, docs, { ...base, pages, summaryPage });
  // The final pass only: bookmarks (each process's title, its headings under it) and the document information.
  const pdf = await o.pdf.pdf(html, { outline: true, info: bookPdfInfo(site.settings, processes, o) });
  return { html, pdf, pages, summaryPage, totalPages: countPdfPages(pdf), expectedPages };
}
