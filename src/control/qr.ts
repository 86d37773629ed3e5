/**
 * Copies that check themselves: with the site's address (`url:` in flowbook.yml), every controlled
 * copy and every printout of a process page carries a QR code that opens the process page with the
 * printed version and copy number (`<url>/p/<code>.html?v=B/0&copy=003`); the page then says, from
 * its own data (assets/copy-check.js), whether that copy is current. Pure and deterministic: the
 * `qrcode` library makes the matrix, drawn here as one SVG path.
 */
import QRCode from 'qrcode';
import type { Process, Settings } from '../model/types.js';
import { escapeHtml } from './redline.js';
import { changeLabels } from './history-labels.js';

/** A URL query value as readable as it is safe: `/` stays (B/0), everything else unsafe is escaped. */
const queryValue = (v: string) => encodeURIComponent(v).replace(/%2F/gi, '/');

/** The address a printed copy's QR code opens; `copy` is the copy number (printed as 003). */
export function copyCheckUrl(siteUrl: string, p: Pick<Process, 'code' | 'version'>, copy?: number): string {
  const base = siteUrl.replace(/\/+$/, '');
  const query = [`v=${queryValue(p.version ?? '')}`, ...(copy !== undefined ? [`copy=${String(copy).padStart(3, '0')}`] : [])].join('&');
  return `${base}/p/${encodeURIComponent(p.code)}.html?${query}`;
}

export interface QrOptions {
  /** Printed side length, in millimetres (default 22: scans from a phone at arm's length). */
  readonly sizeMm?: number;
  /** Accessible name of the picture. */
  readonly title?: string;
}

/**
 * `text` as an inline SVG QR code: error correction M, a 4-module quiet zone, dark modules as one
 * path of horizontal runs (small and crisp at any scale). Same text, same bytes.
 */
export function qrSvg(text: string, options: QrOptions = {}): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const data = qr.modules.data;
  const quiet = 4;
  const parts: string[] = [];
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!data[y * size + x]) {
        x++;
        continue;
      }
      let end = x;
      while (end < size && data[y * size + end]) end++;
      parts.push(`M${x + quiet} ${y + quiet}h${end - x}v1h-${end - x}z`);
      x = end;
    }
  }
  const box = size + 2 * quiet;
  const mm = options.sizeMm ?? 22;
  const title = options.title !== undefined ? `<title>${escapeHtml(options.title)}</title>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="fb-qr-code" role="img" viewBox="0 0 ${box} ${box}" width="${mm}mm" height="${mm}mm" shape-rendering="crispEdges">` +
    `${title}<rect width="${box}" height="${box}" fill="#fff"/><path d="${parts.join('')}" fill="#000"/></svg>`
  );
}

/**
 * What the process page carries for the copy check: its version, the date it took effect, who
 * takes superseded copies back, the versions it replaced, and the messages with placeholders.
 * Read by assets/copy-check.js; nothing about the reader's copy is known until the page is opened
 * with `?v=...&copy=...`.
 */
export function copyCheckData(settings: Settings, p: Process) {
  const l = changeLabels(settings.language);
  const since = p.revisions.find((r) => r.version === p.version)?.date ?? p.effective ?? '';
  return {
    version: p.version ?? '',
    since,
    control: p.control,
    obsolete: p.status === 'obsolete',
    known: p.revisions.map((r) => r.version).filter((v) => v !== (p.version ?? '')).join('\n'),
    messages: {
      copyCurrent: l.copyCurrent,
      printCurrent: l.printCurrent,
      copySuperseded: l.copySuperseded,
      printSuperseded: l.printSuperseded,
      copyUnknown: l.copyUnknown,
      copyObsolete: l.copyObsolete,
    },
  };
}

/** The QR code printed on a process page's printout (no copy number: the site's printouts are not numbered). */
export function printoutQr(settings: Settings, p: Process): string {
  if (settings.url === undefined) return '';
  return qrSvg(copyCheckUrl(settings.url, p), { title: changeLabels(settings.language).qrCaption });
}

/** The QR code of controlled copy number `copy`. */
export function copyQr(settings: Settings, p: Process, copy: number): string {
  if (settings.url === undefined) return '';
  return qrSvg(copyCheckUrl(settings.url, p, copy), { title: changeLabels(settings.language).qrCaption });
}
