/**
 * What `flowbook print --pdf` puts in a PDF besides its pages, read back with poppler: the
 * document information (pdfinfo), the book's bookmarks (pdftohtml -xml), and the paper size
 * (`--paper A3`, `paper: A3` in flowbook.yml). Runs bin/flowbook.js over dist/ (refresh with
 * `npx tsc -p tsconfig.build.json`) with the Chromium on this machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { flowbook } from '../helpers/cli.js';
import { onPath } from '../helpers/tools.js';
import { findChromium } from '../../src/util/browser.js';
import { hasPoppler, pdfPages, pdfPageSizes, TODAY, writeHandbook } from './helpers.js';

const chromium = findChromium();
/** A book prints 7 times (cover, contents, each process, summary, then whole); 25 s alone, 2-3x that beside other e2e runs. */
const SLOW = 180_000;
const A3 = [841.92, 1191.12];
const A4 = [595.92, 842.88];

/** pdfinfo's fields (ISO dates), and what it said on stderr (syntax errors would show there). */
function pdfinfo(file: string): { info: Record<string, string>; stderr: string } {
  const r = spawnSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^([A-Za-z ]+):\s+(.*)$/.exec(line);
    if (m) info[m[1]!] = m[2]!;
  }
  return { info, stderr: r.stderr };
}

interface Mark {
  title: string;
  page: number;
  children: Mark[];
}

/** The PDF's outline (bookmarks), from pdftohtml -xml's <outline> tree. */
function outline(file: string): Mark[] {
  const r = spawnSync('pdftohtml', ['-xml', '-stdout', '-i', '-q', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const xml = r.stdout.slice(r.stdout.indexOf('<outline>'));
  const root: Mark[] = [];
  const stack: Mark[][] = [];
  let level: Mark[] = root;
  for (const m of xml.matchAll(/<outline>|<\/outline>|<item page="(\d+)">([^<]*)<\/item>/g)) {
    if (m[0] === '<outline>') {
      if (stack.length === 0 && level === root && root.length === 0) stack.push(root);
      else {
        stack.push(level);
        level = level[level.length - 1]!.children;
      }
    } else if (m[0] === '</outline>') {
      level = stack.pop() ?? root;
      if (stack.length === 0) break;
    } else level.push({ title: m[2]!.replace(/&amp;/g, '&'), page: Number(m[1]), children: [] });
  }
  return root;
}

const near = (a: readonly number[], b: readonly number[]) => Math.abs(a[0]! - b[0]!) < 1.5 && Math.abs(a[1]! - b[1]!) < 1.5;
const isPaper = (size: readonly number[], paper: readonly number[]) => near(size, paper) || near(size, [paper[1]!, paper[0]!]);

describe.skipIf(!chromium || !hasPoppler || !onPath('pdftohtml'))('PDF metadata, bookmarks and paper (flowbook print --pdf)', () => {
  let root: string;
  const print = (args: string[]) => flowbook(['print', '--root', root, '--today', TODAY, ...args], { env: { FLOWBOOK_CHROMIUM: chromium! } });
  beforeAll(async () => {
    root = await writeHandbook();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('a controlled copy: title, code, version, holder, organisation and the issue date in the document information', () => {
    const r = print(['HR-LONG-001', '--holder', '审核员甲', '--pdf']);
    expect(r.all).toContain('issued HR-LONG-001 A/2 copy 001');
    expect(r.code).toBe(0);
    const file = path.join(root, 'print/HR-LONG-001-A-2-copy001.pdf');
    const { info, stderr } = pdfinfo(file);
    expect(stderr).toBe('');
    expect(info.Title).toBe('长流程示例 · HR-LONG-001 · 版本 A/2');
    expect(info.Subject).toBe('HR-LONG-001 · 受控文件 / CONTROLLED COPY · 受控编号 001 · 持有人 审核员甲 · 发放日期 2026-11-27 · 版本 A/2');
    expect(info.Keywords).toBe('HR-LONG-001, A/2, 受控文件, 人力资源管理流程手册');
    expect(info.Author).toBe('示例科技有限公司');
    expect(info.Creator).toMatch(/^Flowbook \d+\.\d+\.\d+/);
    expect(info.Producer).toMatch(/^Skia\/PDF/);
    expect(info.CreationDate).toMatch(/^2026-11-27T00:00:00/);
    expect(info.ModDate).toMatch(/^2026-11-27T00:00:00/);
    // The update left the pages as they were: every page still reads, and is A4.
    const pages = pdfPages(file);
    expect(Number(info.Pages)).toBe(pages.length);
    expect(pages.length).toBeGreaterThan(2);
    expect(pdfPageSizes(file).every((s) => isPaper(s, A4))).toBe(true);
  });

  it('the book: the handbook in the document information, one bookmark per process at its first page', () => {
    const r = print(['--all', '--book', '--pdf']);
    expect(r.code).toBe(0);
    const file = path.join(root, `print/handbook-${TODAY}.pdf`);
    const { info, stderr } = pdfinfo(file);
    expect(stderr).toBe('');
    expect(info.Title).toBe('人力资源管理流程手册');
    expect(info.Subject).toBe('示例科技有限公司 · 打印件为非受控文件 / Uncontrolled when printed · 打印日期 2026-11-27');
    expect(info.Keywords).toBe('HR-AT-003 A/0, HR-LONG-001 A/2, HR-WIDE-001 B/0');
    expect(info.Author).toBe('示例科技有限公司');
    expect(info.CreationDate).toMatch(/^2026-11-27T/);

    const marks = outline(file);
    // Top level: the cover, the contents, each process (by its title), the revision summary.
    expect(marks.map((m) => m.title)).toEqual(['人力资源管理流程手册', '目录', '请假流程', '长流程示例', '宽流程示例', '修订记录汇总']);
    // Each process's bookmark opens the page the contents gives for it.
    const pages = pdfPages(file);
    const toc = pages[1]!;
    for (const m of marks.slice(2, 5)) {
      const line = toc.split('\n').find((l) => l.includes(m.title))!;
      expect(Number(/(\d+)\s*$/.exec(line)![1]), m.title).toBe(m.page);
      expect(pages[m.page - 1]!.replace(/\s+/g, '')).toContain(m.title);
      // Its own headings (chart, steps, sign-off, revisions) are under it, on its pages.
      expect(m.children.length).toBeGreaterThanOrEqual(3);
      expect(m.children.every((c) => c.page >= m.page)).toBe(true);
    }
    expect(marks[5]!.page).toBe(Number(/(\d+)\s*$/.exec(toc.split('\n').find((l) => l.includes('修订记录汇总'))!)![1]));
    expect(marks[5]!.page).toBe(Number(info.Pages));
  }, SLOW);

  it('--paper A3: a copy on A3 pages, --paper A4 back on A4', () => {
    expect(print(['HR-WIDE-001', '--holder', '甲', '--pdf', '--paper', 'A3']).code).toBe(0);
    const a3 = path.join(root, 'print/HR-WIDE-001-B-0-copy001.pdf');
    expect(pdfPageSizes(a3).every((s) => isPaper(s, A3))).toBe(true);
    expect(print(['HR-WIDE-001', '--holder', '甲', '--pdf', '--paper', 'A4']).code).toBe(0);
    const a4 = path.join(root, 'print/HR-WIDE-001-B-0-copy002.pdf');
    expect(pdfPageSizes(a4).every((s) => isPaper(s, A4))).toBe(true);
    expect(pdfinfo(a3).info.Subject).toContain('受控编号 001');
  }, SLOW);

  it('--paper a3 --book: every page of the book on A3, bookmarks kept', () => {
    const b = print(['--all', '--book', '--pdf', '--paper', 'a3', '--out', path.join(root, 'a3')]);
    expect(b.code).toBe(0);
    const book = path.join(root, `a3/handbook-${TODAY}.pdf`);
    expect(pdfPageSizes(book).every((s) => isPaper(s, A3))).toBe(true);
    expect(outline(book).map((m) => m.title)).toContain('宽流程示例');
  }, SLOW);

  it('paper: A3 in flowbook.yml prints on A3 without --paper', async () => {
    const other = await writeHandbook('paper: A3\n');
    try {
      const r = flowbook(['print', '--root', other, '--today', TODAY, 'HR-AT-003', '--holder', '甲', '--pdf'], { env: { FLOWBOOK_CHROMIUM: chromium! } });
      expect(r.code).toBe(0);
      expect(pdfPageSizes(path.join(other, 'print/HR-AT-003-A-0-copy001.pdf')).every((s) => isPaper(s, A3))).toBe(true);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
