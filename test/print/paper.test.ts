/**
 * Paper size and PDF metadata, in process: `paper:` in flowbook.yml (checked like the other
 * settings), `--paper` for `flowbook print` (refused before anything is issued), the site's print
 * view and copies following the setting, and the document information written into PDF bytes.
 * Read back from real PDFs with pdfinfo and pdftohtml: metadata.e2e.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseSettings } from '../../src/config/settings.js';
import { run } from '../../src/cli/main.js';
import { paperOption } from '../../src/cli/options.js';
import { UsageError } from '../../src/cli/errors.js';
import { buildSiteModel } from '../../src/view/model.js';
import { printHead } from '../../src/view/paper/page.js';
import { renderNativeSvg } from '../../src/diagram/native/index.js';
import { loadPrintKit, renderControlledCopy } from '../../src/print/document.js';
import { pdfDate, pdfText, setPdfInfo } from '../../src/print/pdf-info.js';
import { countPdfPages } from '../../src/print/pdf.js';
import { check } from '../helpers/handbook.js';
import { FILES, SETTINGS, TODAY, writeHandbook } from './helpers.js';

async function flowbookPrint(args: string[]): Promise<{ code: number; all: string }> {
  let all = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((all += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((all += String(s)), true));
  try {
    return { code: await run(['node', 'flowbook', 'print', ...args]), all };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('paper: in flowbook.yml', () => {
  it('takes A4 or A3, in any case; no paper line means no setting (A4)', () => {
    expect(parseSettings('paper: A3\n').settings.paper).toBe('A3');
    expect(parseSettings('paper: a4\n').settings.paper).toBe('A4');
    expect(parseSettings('title: x\n').settings.paper).toBeUndefined();
    expect(parseSettings('paper: A3\n').diagnostics).toEqual([]);
  });

  it('refuses another size with the file, line, field and the fix', () => {
    const { settings, diagnostics } = parseSettings('title: x\npaper: Letter\n');
    expect(settings.paper).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    const d = diagnostics[0]!;
    expect(d.code).toBe('invalid-settings');
    expect(d.severity).toBe('error');
    expect(d.file).toBe('flowbook.yml');
    expect(d.line).toBe(2);
    expect(d.field).toBe('paper');
    expect(d.message).toBe('unknown paper size "Letter": Flowbook prints on A4 or A3');
    expect(d.hint).toBe('Write paper: A4 (the default) or paper: A3, or remove the line.');
  });

  it('a number or a list is not a paper size either', () => {
    expect(parseSettings('paper: 3\n').diagnostics[0]!.message).toBe('unknown paper size "3": Flowbook prints on A4 or A3');
    expect(parseSettings('paper: [A3]\n').diagnostics[0]!.field).toBe('paper');
  });

  it('is a known key (no "unknown key" warning)', () => {
    expect(parseSettings('paper: A3\n').diagnostics.filter((d) => d.code === 'unknown-key')).toEqual([]);
  });
});

describe('paper for the site print view and copies', () => {
  const a3 = check(FILES, { settings: SETTINGS + 'paper: A3\n', today: TODAY }).handbook!;
  const a4 = check(FILES, { settings: SETTINGS, today: TODAY }).handbook!;
  const svgOf = (hb: typeof a3, code: string) => renderNativeSvg(hb.byCode.get(code)!, { href: () => undefined, language: 'zh-CN' });

  it("the website's process page asks for the handbook's paper", () => {
    for (const code of ['HR-AT-003', 'HR-WIDE-001', 'HR-LONG-001']) {
      expect(printHead(a3.byCode.get(code)!, svgOf(a3, code), a3.settings)).toMatch(/@page \{ size: A3 (portrait|landscape);/);
      expect(printHead(a4.byCode.get(code)!, svgOf(a4, code), a4.settings)).toMatch(/@page \{ size: A4 (portrait|landscape);/);
    }
  });

  it('a controlled copy follows flowbook.yml, and --paper (the option) overrides it', async () => {
    const kit = await loadPrintKit();
    const copy = { number: 1, holder: '甲', issued: TODAY };
    const p = a3.byCode.get('HR-WIDE-001')!;
    expect(renderControlledCopy(kit, buildSiteModel(a3, { today: TODAY }), p, copy)).toMatch(/@page \{ size: A3 /);
    expect(renderControlledCopy(kit, buildSiteModel(a3, { today: TODAY }), p, copy, { paper: 'A4' })).toMatch(/@page \{ size: A4 /);
  });
});

describe('--paper', () => {
  it('takes A4 or A3 in any case; nothing given is no choice', () => {
    expect(paperOption('A3')).toBe('A3');
    expect(paperOption('a3')).toBe('A3');
    expect(paperOption(undefined)).toBeUndefined();
  });

  it('refuses another size with the flag, the values and the fix', () => {
    expect(() => paperOption('Letter')).toThrow(UsageError);
    expect(() => paperOption('A5')).toThrow('--paper: unknown paper size "A5". Use --paper A4 (the default) or --paper A3, or set paper: A3 in flowbook.yml.');
  });

  it('flowbook print refuses a bad --paper with exit 2 before issuing anything; --paper with --recall is refused', async () => {
    const root = await writeHandbook('browser: /nonexistent/chrome\n');
    try {
      const r = await flowbookPrint(['HR-AT-003', '--holder', '甲', '--paper', 'B5', '--root', root, '--today', TODAY]);
      expect(r.code).toBe(2);
      expect(r.all).toContain('--paper: unknown paper size "B5"');
      expect(existsSync(path.join(root, 'register/distribution.csv'))).toBe(false);
      expect(existsSync(path.join(root, 'print'))).toBe(false);
      const b = await flowbookPrint(['--all', '--book', '--paper', 'letter', '--root', root, '--today', TODAY]);
      expect(b.code).toBe(2);
      expect(b.all).toContain('--paper: unknown paper size "letter"');
      const rc = await flowbookPrint(['--recall', '--paper', 'A3', '--root', root, '--today', TODAY]);
      expect(rc.code).toBe(2);
      expect(rc.all).toContain('--paper is for printing copies or the book');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('flowbook print --paper A3 writes an A3 copy', async () => {
    const root = await writeHandbook('browser: /nonexistent/chrome\n');
    try {
      const r = await flowbookPrint(['HR-WIDE-001', '--holder', '甲', '--paper', 'A3', '--root', root, '--today', TODAY]);
      expect(r.code).toBe(0);
      const { readFile } = await import('node:fs/promises');
      expect(await readFile(path.join(root, 'print/HR-WIDE-001-B-0-copy001.html'), 'utf8')).toMatch(/@page \{ size: A3 /);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('PDF document information (incremental update)', () => {
  // A minimal PDF with a classic cross-reference table, as Chromium's Skia writes them.
  function minimalPdf(): Uint8Array {
    const objs = ['<</Producer (Skia/PDF m156) /Title <FEFF0078>>>', '<</Type /Catalog /Pages 3 0 R>>', '<</Type /Pages /Kids [4 0 R] /Count 1>>', '<</Type /Page /Parent 3 0 R /MediaBox [0 0 595 842]>>'];
    let s = '%PDF-1.4\n';
    const offsets: number[] = [];
    objs.forEach((o, i) => {
      offsets.push(s.length);
      s += `${i + 1} 0 obj\n${o}\nendobj\n`;
    });
    const xref = s.length;
    s += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    s += `trailer\n<</Size ${objs.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
    return new Uint8Array(Buffer.from(s, 'latin1'));
  }

  it('texts are UTF-16 hex strings; the print date is a PDF date', () => {
    expect(pdfText('A流')).toBe('<FEFF00416D41>');
    expect(pdfText('𠀀')).toBe('<FEFFD840DC00>');
    expect(pdfDate('2026-11-27')).toBe('(D:20261127)');
    expect(pdfDate('27/11/2026')).toBeUndefined();
  });

  it('appends a new information dictionary, a one-entry xref and a trailer pointing back; the old bytes stay', () => {
    const before = minimalPdf();
    const after = setPdfInfo(before, { title: '请假流程', subject: 'HR-AT-003', keywords: ['HR-AT-003', 'A/1'], author: '示例科技', creator: 'Flowbook', date: '2026-11-27' });
    expect(Buffer.from(after.subarray(0, before.length)).equals(Buffer.from(before))).toBe(true);
    const tail = Buffer.from(after.subarray(before.length)).toString('latin1');
    const objAt = before.length + 1; // after the newline that ends %%EOF
    expect(tail).toMatch(/^\n5 0 obj\n<<\/Title <FEFF8BF750476D417A0B>/);
    expect(tail).toContain('/Producer (Skia/PDF m156)');
    expect(tail).toContain('/CreationDate (D:20261127)');
    expect(tail).toContain(`xref\n5 1\n${String(objAt).padStart(10, '0')} 00000 n \n`);
    expect(tail).toMatch(/trailer\n<<\/Size 6\n\/Root 2 0 R\n\/Info 5 0 R\n\/Prev \d+>>\nstartxref\n(\d+)\n%%EOF\n$/);
    const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(tail)![1]);
    expect(Buffer.from(after).toString('latin1').slice(xrefAt, xrefAt + 4)).toBe('xref');
    expect(countPdfPages(after)).toBe(1);
  });

  it('leaves a PDF it cannot update safely as it was', () => {
    const odd = new Uint8Array(Buffer.from('%PDF-1.5\n1 0 obj\n<</Type /XRef>>\nendobj\nstartxref\n9\n%%EOF', 'latin1'));
    expect(setPdfInfo(odd, { title: 'x' })).toBe(odd);
  });
});
