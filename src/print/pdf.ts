/**
 * HTML -> PDF through a headless Chromium already on the machine (src/util/browser.ts; never
 * downloaded). One browser per run, one page reused for every document. Text stays text: the
 * documents name CJK fonts (fonts-noto-cjk on Debian), and Chromium embeds them as fonts.
 */
import { launchChromium } from '../util/browser.js';
import { setPdfInfo, type PdfInfo } from './pdf-info.js';

export type { PdfInfo } from './pdf-info.js';

export interface PdfOptions {
  /** Document information (title, subject, keywords, author, creator, print date). */
  readonly info?: PdfInfo;
  /** Bookmarks from the headings (h1 at the top, h2 under it, ...); makes a tagged PDF. */
  readonly outline?: boolean;
}

export interface PdfRenderer {
  /** Print a complete HTML document (self-contained: no outside requests). */
  pdf(html: string, options?: PdfOptions): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function openPdfRenderer(executablePath: string): Promise<PdfRenderer> {
  const browser = await launchChromium(executablePath);
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    return {
      async pdf(html, options = {}) {
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready').catch(() => undefined);
        // Chromium builds the outline from the tagged structure only, so outline needs tagged.
        const outline = options.outline ? { outline: true, tagged: true } : {};
        const buf = new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true, format: 'A4', ...outline }));
        return options.info ? setPdfInfo(buf, options.info) : buf;
      },
      async close() {
        await browser.close();
      },
    };
  } catch (e) {
    await browser.close().catch(() => undefined);
    throw e;
  }
}

/**
 * Pages in a PDF, from its bytes (users have no pdfinfo): the `/Count` of the page tree's root,
 * which is the largest `/Count` of any `/Type /Pages` node; else the number of `/Type /Page` objects.
 * Good for Chromium's (Skia's) PDFs, which keep page objects uncompressed.
 */
export function countPdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let max = 0;
  for (const m of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)) max = Math.max(max, Number(m[1] ?? m[2]));
  if (max > 0) return max;
  return (text.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}
