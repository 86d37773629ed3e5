/** The distribution register: CSV dialect, validation on read, append-only writing, the lock. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile, mkdir, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeField, encodeRecord, parseLine } from '../../src/print/csv.js';
import {
  appendEntries,
  copiesOut,
  HEADER_LINE,
  LOCK_FILE,
  lockRegister,
  nextCopyNumber,
  parseRegister,
  readRegister,
  registerPath,
  REGISTER_FILE,
} from '../../src/print/register.js';

const row = (code: string, version: string, copy: number, holder = '张三', event: 'issued' | 'returned' = 'issued', date = '2026-11-27') => ({ code, version, copy, holder, date, event });

describe('register CSV', () => {
  it('round-trips awkward values and defuses formulas', () => {
    for (const v of ['张三', 'Smith, J.', 'say "hi"', '=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', "'quoted", '＝全角', 'a\tb'.replace('\t', ' '), ' ']) {
      if (v === ' ') continue;
      const line = encodeRecord(['HR-1', 'A/0', '1', v, '2026-01-01', 'issued']);
      expect(line.endsWith('\r\n')).toBe(true);
      const f = parseLine(line.slice(0, -2))!;
      expect(f[3]).toBe(v);
    }
    expect(encodeField('=1+1')).toBe("'=1+1");
    expect(encodeField('@x')).toBe("'@x");
    expect(encodeField('a,b')).toBe('"a,b"');
    expect(encodeField('-5')).toBe("'-5");
    expect(() => encodeField('a\nb')).toThrow();
  });

  it('rejects broken quoting instead of reading past the line', () => {
    expect(parseLine('a,"b')).toBeUndefined();
    expect(parseLine('a,"b"c')).toBeUndefined();
    expect(parseLine('a,b"c')).toBeUndefined();
    expect(parseLine('"a""b",c')).toEqual(['a"b', 'c']);
    expect(parseLine('')).toEqual(['']);
  });
});

describe('parseRegister', () => {
  const head = HEADER_LINE + '\r\n';
  it('reads entries and counts copies out', () => {
    const text = head + 'HR-1,A/0,1,张三,2026-01-01,issued\r\nHR-1,A/0,2,李四,2026-01-02,issued\r\nHR-1,A/0,1,张三,2026-02-01,returned\r\nHR-1,A/1,1,王五,2026-03-01,issued\r\n';
    const r = parseRegister(text);
    expect(r.problems).toEqual([]);
    expect(r.entries).toHaveLength(4);
    expect(r.entries[1]).toMatchObject({ code: 'HR-1', version: 'A/0', copy: 2, holder: '李四', line: 3 });
    expect(copiesOut(r, 'HR-1', 'A/0')).toBe(1);
    expect(copiesOut(r, 'HR-1', 'A/1')).toBe(1);
    expect(copiesOut(r, 'HR-2', 'A/0')).toBe(0);
    // Returned numbers are not reused.
    expect(nextCopyNumber(r, 'HR-1', 'A/0')).toBe(3);
    expect(nextCopyNumber(r, 'HR-1', 'B/0')).toBe(1);
  });

  it('reports and ignores a cut-short last line and bad lines, keeping the rest', () => {
    const text = head + 'HR-1,A/0,1,张三,2026-01-01,issued\r\nHR-1,A/0,x,张三,2026-01-01,issued\r\nHR-1,A/0,2,张三,2026-01-01,issued\r\nHR-1,A/0,3,"张';
    const r = parseRegister(text);
    expect(r.entries.map((e) => e.copy)).toEqual([1, 2]);
    expect(r.problems.map((p) => p.line)).toEqual([3, 5]);
    expect(r.problems[1]!.message).toMatch(/cut short/);
    expect(r.unterminated).toBe(true);
  });

  it('accepts a complete last line that lost only its line end (so its number is not reused)', () => {
    const r = parseRegister(head + 'HR-1,A/0,1,张三,2026-01-01,issued');
    expect(r.entries).toHaveLength(1);
    expect(r.unterminated).toBe(true);
  });

  it('treats an empty file or a cut-short header as empty, to be completed', () => {
    expect(parseRegister('').headerRest).toBe(head);
    expect(parseRegister('code,ver').headerRest).toBe(head.slice(8));
    expect(parseRegister('code,version,copy,holder,date,event\r').headerRest).toBe('\n');
    const foreign = parseRegister('name,amount\r\nx,1\r\n');
    expect(foreign.hasHeader).toBe(false);
    expect(foreign.problems[0]!.message).toMatch(/header/);
  });
});

describe('appending', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'fb-reg-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates the file with its header, then only appends', async () => {
    await appendEntries(root, [row('HR-1', 'A/0', 1)]);
    await appendEntries(root, [row('HR-1', 'A/0', 2, '=cmd|calc')]);
    const text = await readFile(registerPath(root), 'utf8');
    expect(text).toBe(`${HEADER_LINE}\r\nHR-1,A/0,1,张三,2026-11-27,issued\r\nHR-1,A/0,2,'=cmd|calc,2026-11-27,issued\r\n`);
    const r = await readRegister(root);
    expect(r.entries.map((e) => e.holder)).toEqual(['张三', '=cmd|calc']);
  });

  it('starts a new line after a cut-short line and never rewrites earlier bytes', async () => {
    await mkdir(path.join(root, 'register'));
    const before = `${HEADER_LINE}\r\nHR-1,A/0,1,张三,2026-11-27,issued\r\nHR-1,A/0,2,李`;
    await writeFile(registerPath(root), before);
    await appendEntries(root, [row('HR-1', 'A/0', 2)]);
    const text = await readFile(registerPath(root), 'utf8');
    expect(text.startsWith(before)).toBe(true);
    const r = parseRegister(text);
    expect(r.entries.map((e) => e.copy)).toEqual([1, 2]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBe(3);
  });

  it('completes a header cut short at creation', async () => {
    await mkdir(path.join(root, 'register'));
    await writeFile(registerPath(root), 'code,vers');
    await appendEntries(root, [row('HR-1', 'A/0', 1)]);
    const r = await readRegister(root);
    expect(r.problems).toEqual([]);
    expect(r.entries).toHaveLength(1);
  });

  it('refuses to append to a file that is not a register', async () => {
    await mkdir(path.join(root, 'register'));
    await writeFile(registerPath(root), 'name,amount\r\n');
    await expect(appendEntries(root, [row('HR-1', 'A/0', 1)])).rejects.toThrow(/header/);
  });
});

describe('lock', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'fb-lock-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('serialises holders in one process', async () => {
    const order: string[] = [];
    const a = await lockRegister(root);
    let found!: () => void;
    const blocked = new Promise<void>((r) => (found = r));
    const waiting = lockRegister(root, { onWait: () => found() }).then((l) => {
      order.push('b');
      return l;
    });
    // b has found the lock taken (and waits) before a lets go.
    await blocked;
    order.push('a-release');
    await a.release();
    const b = await waiting;
    expect(order).toEqual(['a-release', 'b']);
    await b.release();
  });

  it('breaks a stale lock of a dead process, and of an unreadable old file', async () => {
    await mkdir(path.join(root, 'register'));
    await writeFile(path.join(root, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), time: 0, token: 'x' }));
    const l = await lockRegister(root, { timeoutMs: 2000 });
    await l.release();
    await writeFile(path.join(root, LOCK_FILE), '{"pid":');
    const old = new Date(Date.now() - 60_000);
    await utimes(path.join(root, LOCK_FILE), old, old);
    const l2 = await lockRegister(root, { timeoutMs: 2000 });
    await l2.release();
  });

  it('gives up with a clear message when the lock stays taken', async () => {
    const a = await lockRegister(root);
    await expect(lockRegister(root, { timeoutMs: 150 })).rejects.toThrow(/locked by process/);
    await a.release();
  });

  it('uses the documented file names', () => {
    expect(REGISTER_FILE).toBe('register/distribution.csv');
    expect(LOCK_FILE).toBe('register/.lock');
  });
});
