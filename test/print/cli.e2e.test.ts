/**
 * `flowbook print` as users run it (bin/flowbook.js over dist/; refresh with
 * `npx tsc -p tsconfig.build.json`): issuing, refusing, recall, returns, no browser, and the
 * register surviving prints killed midway and concurrent prints.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import { BIN, flowbook } from '../helpers/cli.js';
import { parseRegister, HEADER_LINE } from '../../src/print/register.js';
import { TODAY, writeHandbook } from './helpers.js';

let root: string;
const reg = async () => parseRegister(await readFile(path.join(root, 'register/distribution.csv'), 'utf8'));
const print = (args: string[], env: Record<string, string> = {}) => flowbook(['print', '--root', root, '--today', TODAY, ...args], { env: { FLOWBOOK_CHROMIUM: '/nonexistent', ...env } });

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('bin/flowbook.js missing');
});
beforeEach(async () => {
  // No browser for these tests (fast): settings point at a browser that does not exist.
  root = await writeHandbook('browser: /nonexistent/chrome\n');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('flowbook print (issuing)', () => {
  it('issues numbered copies, writes HTML, records them; numbers continue across runs', async () => {
    const r = print(['HR-AT-003', 'HR-LONG-001', '--holder', '审核员甲', '--copies', '2']);
    expect(r.all).toContain('4 controlled copies issued to 审核员甲');
    expect(r.code).toBe(0);
    const r2 = print(['HR-AT-003', '--holder', '=HYPERLINK("x")']);
    expect(r2.code).toBe(0);
    const files = (await readdir(path.join(root, 'print'))).sort();
    expect(files).toEqual(['HR-AT-003-A-0-copy001.html', 'HR-AT-003-A-0-copy002.html', 'HR-AT-003-A-0-copy003.html', 'HR-LONG-001-A-2-copy001.html', 'HR-LONG-001-A-2-copy002.html']);
    const text = await readFile(path.join(root, 'register/distribution.csv'), 'utf8');
    expect(text.split('\r\n')[0]).toBe(HEADER_LINE);
    expect(text).toContain(`HR-AT-003,A/0,3,"'=HYPERLINK(""x"")",${TODAY},issued`);
    const r3 = (await reg()).entries.map((e) => `${e.code}#${e.copy}`);
    expect(r3).toEqual(['HR-AT-003#1', 'HR-AT-003#2', 'HR-LONG-001#1', 'HR-LONG-001#2', 'HR-AT-003#3']);
    const html = await readFile(path.join(root, 'print/HR-AT-003-A-0-copy002.html'), 'utf8');
    expect(html).toContain('受控编号 002 · 持有人 审核员甲');
    expect(html).not.toMatch(/<script|<link /);
  });

  it('without a browser, --pdf writes the HTML copies, says so, and still records them', () => {
    const r = print(['HR-AT-003', '--holder', '张三', '--pdf']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no PDF made/);
    expect(r.stderr).toMatch(/HTML files are the controlled copies/);
    expect(existsSync(path.join(root, 'print/HR-AT-003-A-0-copy001.html'))).toBe(true);
    expect(existsSync(path.join(root, 'print/HR-AT-003-A-0-copy001.pdf'))).toBe(false);
  });

  it('refuses drafts, obsolete and unknown processes, and a missing holder, issuing nothing', async () => {
    const r = print(['HR-AT-003', 'HR-DR-001', 'HR-OB-001', 'hr-at-003x', '--holder', '张三']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/HR-DR-001 \(草稿流程\) is draft, not controlled/);
    expect(r.stderr).toMatch(/HR-OB-001 \(作废流程\) is obsolete/);
    expect(r.stderr).toMatch(/no process has code "hr-at-003x"/);
    expect(existsSync(path.join(root, 'register/distribution.csv'))).toBe(false);
    const h = print(['HR-AT-003']);
    expect(h.code).toBe(2);
    expect(h.stderr).toMatch(/--holder <name> is required/);
    expect(print(['HR-AT-003', '--holder', 'a\u0007b']).code).toBe(2);
  });

  it('--all issues every controlled process, only those', async () => {
    const r = print(['--all', '--holder', '张三']);
    expect(r.code).toBe(0);
    expect((await reg()).entries.map((e) => e.code).sort()).toEqual(['HR-AT-003', 'HR-LONG-001', 'HR-WIDE-001']);
  });

  it('the book without a browser: HTML, uncontrolled, says it has no page numbers', async () => {
    const r = print(['--all', '--book']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no page numbers/);
    const html = await readFile(path.join(root, `print/handbook-${TODAY}.html`), 'utf8');
    expect(html).toContain('打印件为非受控文件');
    expect(html).toContain('目录');
    for (const c of ['HR-AT-003', 'HR-LONG-001', 'HR-WIDE-001']) expect(html).toContain(`id="proc-${c}"`);
    expect(html).not.toContain('id="proc-HR-DR-001"');
    expect(existsSync(path.join(root, 'register/distribution.csv'))).toBe(false);
    // With a holder the book is a controlled copy of each process, recorded in the register.
    expect(print(['--all', '--book', '--holder', '审核员乙']).code).toBe(0);
    expect((await reg()).entries).toHaveLength(3);
  });
});

describe('recall and returns', () => {
  it('lists copies whose version is no longer current, records returns, refuses unknown and second returns', async () => {
    expect(print(['HR-AT-003', 'HR-WIDE-001', '--holder', '张三']).code).toBe(0);
    // Revise HR-AT-003 (A/0 -> A/1) and make HR-WIDE-001 obsolete.
    const f = path.join(root, 'processes/short.md');
    await writeFile(f, (await readFile(f, 'utf8')).replace('version: A/0', 'version: A/1'));
    const w = path.join(root, 'processes/wide.md');
    await writeFile(w, (await readFile(w, 'utf8')).replace('status: controlled', 'status: obsolete'));
    const text = print(['--recall']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('张三:');
    expect(text.stdout).toMatch(/HR-AT-003 请假流程 version A\/0 copy 001 \(issued 2026-11-27\): superseded by version A\/1/);
    expect(text.stdout).toMatch(/HR-WIDE-001 .* process obsolete/);
    const json = JSON.parse(print(['--recall', '--format', 'json']).stdout);
    expect(json.copies).toHaveLength(2);
    const csv = print(['--recall', '--format', 'csv']).stdout;
    expect(csv.split('\r\n')[0]).toBe('holder,code,name,version,copy,issued,reason,current');

    const ret = print(['--returned', 'HR-AT-003', '1']);
    expect(ret.code).toBe(0);
    expect(ret.stdout).toMatch(/returned: HR-AT-003 version A\/0 copy 001 from 张三/);
    expect(print(['--returned', 'HR-AT-003', '1']).stderr).toMatch(/already returned on 2026-11-27/);
    expect(print(['--returned', 'HR-AT-003', '9']).stderr).toMatch(/never issued/);
    expect(print(['--returned', 'HR-AT-003', '1', 'B/7']).code).toBe(1);
    const after = JSON.parse(print(['--recall', '--format', 'json']).stdout);
    expect(after.copies.map((c: { code: string }) => c.code)).toEqual(['HR-WIDE-001']);
    // A new version starts again at copy 1.
    expect(print(['HR-AT-003', '--holder', '李四']).stdout).toMatch(/HR-AT-003 A\/1 copy 001/);
    expect((await reg()).entries.at(-2)).toMatchObject({ code: 'HR-AT-003', version: 'A/0', copy: 1, event: 'returned', holder: '张三' });
  });
});

/** Start a print that pauses at `point`, and SIGKILL it there. */
async function killAt(point: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, [BIN, 'print', '--root', root, '--today', TODAY, ...args], {
    env: { ...process.env, NO_COLOR: '1', FLOWBOOK_CHROMIUM: '/nonexistent', FLOWBOOK_TEST_PAUSE: point },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`never paused at ${point}: ${err}`)), 30_000);
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes(`paused at ${point}`)) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (!err.includes(`paused at ${point}`)) reject(new Error(`exited before ${point}: ${err}`));
    });
  });
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.on('exit', r)));
}

describe('crash safety and concurrency', () => {
  it('a print killed at any step leaves the register valid, earlier lines intact, and the next print working', async () => {
    expect(print(['HR-AT-003', '--holder', '甲']).code).toBe(0);
    const before = await readFile(path.join(root, 'register/distribution.csv'), 'utf8');
    for (const point of ['loaded', 'locked', 'html', 'appended']) {
      await killAt(point, ['HR-AT-003', '--holder', `乙-${point}`]);
      const text = await readFile(path.join(root, 'register/distribution.csv'), 'utf8');
      expect(text.startsWith(before)).toBe(true);
      const r = parseRegister(text);
      expect(r.problems).toEqual([]);
      // The next print breaks the dead process's lock and takes the next free number.
      const n = print(['HR-AT-003', '--holder', `丙-${point}`]);
      expect(n.code, n.all).toBe(0);
    }
    const r = await reg();
    const copies = r.entries.map((e) => e.copy);
    expect(new Set(copies).size).toBe(copies.length);
    // Killed before the append: not recorded (the number is issued again). Killed after: recorded.
    expect(r.entries.map((e) => e.holder)).toEqual(['甲', '丙-loaded', '丙-locked', '丙-html', '乙-appended', '丙-appended']);
    expect(existsSync(path.join(root, 'register/.lock'))).toBe(false);
  });

  it('a line cut short by a crash is reported and ignored; the next entry starts on its own line', async () => {
    expect(print(['HR-AT-003', '--holder', '甲']).code).toBe(0);
    const file = path.join(root, 'register/distribution.csv');
    const before = await readFile(file, 'utf8');
    await appendFile(file, 'HR-AT-003,A/0,2,"半');
    const r = print(['HR-AT-003', '--holder', '乙']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/distribution\.csv:3: warning: broken quoting \(the last line has no line end/);
    const text = await readFile(file, 'utf8');
    expect(text.startsWith(before + 'HR-AT-003,A/0,2,"半')).toBe(true);
    const reg2 = parseRegister(text);
    expect(reg2.entries.map((e) => [e.holder, e.copy])).toEqual([
      ['甲', 1],
      ['乙', 2],
    ]);
    expect(reg2.problems.map((p) => p.line)).toEqual([3]);
  });

  it('concurrent prints never take the same copy number', async () => {
    const runs = 5;
    const children = Array.from({ length: runs }, (_, i) =>
      new Promise<number>((resolve) => {
        const c = spawn(process.execPath, [BIN, 'print', '--root', root, '--today', TODAY, 'HR-AT-003', '--holder', `并发${i}`, '--copies', '3'], {
          env: { ...process.env, NO_COLOR: '1' },
          stdio: 'ignore',
        });
        c.on('exit', (code) => resolve(code ?? -1));
      }),
    );
    expect(await Promise.all(children)).toEqual(Array(runs).fill(0));
    const r = await reg();
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => e.copy).sort((a, b) => a - b)).toEqual(Array.from({ length: runs * 3 }, (_, i) => i + 1));
    expect((await readdir(path.join(root, 'print'))).filter((f) => f.endsWith('.html'))).toHaveLength(runs * 3);
  });
});
