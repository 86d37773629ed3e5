/**
 * The distribution register of controlled copies: `<root>/register/distribution.csv`, a plain CSV
 * kept in git (header `code,version,copy,holder,date,event`, event `issued` or `returned`).
 *
 * It is only ever appended to: each entry is one complete line written with a single append
 * (O_APPEND) and fsynced, under an exclusive lock file (`register/.lock`, created with `wx`) so
 * two prints cannot take the same copy number. Reading validates every line: a line that does
 * not parse (for example one cut short by a crash) is reported with its line number and ignored;
 * earlier lines are never rewritten.
 */
import { constants } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { isRealDate } from '../util/dates.js';
import { encodeRecord, parseLine } from './csv.js';
import { FlowbookError, type LockHolder, type RunErrorCode } from '../diagnostics/errors.js';
import { readRegisterText, REGISTER_FILE } from '../source/register.js';
import { words, type Words } from '../diagnostics/words.js';

export const REGISTER_DIR = 'register';
export { REGISTER_FILE };
export const REGISTER_HEADER = ['code', 'version', 'copy', 'holder', 'date', 'event'] as const;
export const HEADER_LINE = REGISTER_HEADER.join(',');

export type RegisterEvent = 'issued' | 'returned';

export interface RegisterEntry {
  readonly code: string;
  readonly version: string;
  readonly copy: number;
  readonly holder: string;
  readonly date: string;
  readonly event: RegisterEvent;
  /** 1-based line in the file. */
  readonly line: number;
}

export interface RegisterProblem {
  readonly line: number;
  /** Why the line was ignored, in English. */
  readonly message: string;
  /** The same in both languages. */
  readonly reason: Words;
}

export interface Register {
  /** Valid entries in file order. */
  readonly entries: readonly RegisterEntry[];
  /** Lines that were ignored, and why. */
  readonly problems: readonly RegisterProblem[];
  /** The file exists and its last byte is not a line end (the next append starts a new line first). */
  readonly unterminated: boolean;
  /** The file exists (possibly empty). */
  readonly exists: boolean;
  /** The file exists and has the header line. */
  readonly hasHeader: boolean;
  /** The file is empty or holds only the start of the header: what the next append must add first. */
  readonly headerRest?: string;
}

export const registerPath = (root: string) => path.join(root, REGISTER_FILE);

/** Why a value cannot be written to the register (line breaks or other control characters; spaces around it), or undefined. */
export function checkValue(value: string): 'control' | 'spaces' | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(value)) return 'control';
  if (value.trim() !== value) return 'spaces';
  return undefined;
}

/** Parse register text. Pure. */
export function parseRegister(text: string): Register {
  const entries: RegisterEntry[] = [];
  const problems: RegisterProblem[] = [];
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const fullHeader = HEADER_LINE + '\r\n';
  // Empty, or a header cut short while the file was being created: no entries, and the next
  // append completes the header (appending only).
  if (fullHeader.startsWith(body) && body !== fullHeader) return { entries, problems, unterminated: false, exists: true, hasHeader: false, headerRest: fullHeader.slice(body.length) };
  const unterminated = !body.endsWith('\n');
  const lines = body.split('\n');
  if (!unterminated) lines.pop(); // the empty string after the last line end
  let hasHeader = false;
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const last = i === lines.length - 1 && unterminated;
    const problem = (reason: Words) => problems.push({ line: n, message: reason.en, reason });
    const bad = (reason: Words) =>
      problem(
        last
          ? words(`${reason.en} (the last line has no line end: probably cut short when a print was interrupted)`, `${reason.zh}（最后一行没有换行符：可能是打印中断时被截断了）`)
          : reason,
      );
    if (n === 1) {
      if (line === HEADER_LINE) hasHeader = true;
      else bad(words(`the first line must be the header "${HEADER_LINE}"`, `第一行必须是表头 "${HEADER_LINE}"`));
      return;
    }
    if (line.trim() === '') {
      if (!last) problem(words('empty line', '空行'));
      return;
    }
    const f = parseLine(line);
    if (!f) return bad(words('broken quoting', '引号不配对'));
    if (f.length !== 6) return bad(words(`expected 6 fields (${HEADER_LINE}), found ${f.length}`, `应有 6 个字段（${HEADER_LINE}），实有 ${f.length} 个`));
    const [code, version, copyText, holder, date, event] = f as [string, string, string, string, string, string];
    if (code === '') return bad(words('empty code', '编码为空'));
    if (!/^[1-9]\d{0,8}$/.test(copyText)) return bad(words(`copy "${copyText}" is not a whole number from 1`, `副本号 "${copyText}" 不是从 1 起的整数`));
    if (holder === '') return bad(words('empty holder', '持有人为空'));
    if (!isRealDate(date)) return bad(words(`date "${date}" is not a real YYYY-MM-DD date`, `日期 "${date}" 不是有效的 YYYY-MM-DD 日期`));
    if (event !== 'issued' && event !== 'returned') return bad(words(`event "${event}" must be "issued" or "returned"`, `事件 "${event}" 必须是 "issued" 或 "returned"`));
    entries.push({ code, version, copy: Number(copyText), holder, date, event, line: n });
  });
  return { entries, problems, unterminated, exists: true, hasHeader };
}

/** Read and validate `<root>/register/distribution.csv`; an absent file is an empty register. */
export async function readRegister(root: string): Promise<Register> {
  // Through the reader's rules (src/source/register.ts): a linked register is refused, not followed.
  const text = readRegisterText(root);
  if (text === undefined) return { entries: [], problems: [], unterminated: false, exists: false, hasHeader: false, headerRest: HEADER_LINE + '\r\n' };
  return parseRegister(text);
}

const key = (code: string, version: string, copy: number) => `${code}\u0000${version}\u0000${copy}`;

/** Copies of `code` `version` issued and not returned. */
export function copiesOut(register: Pick<Register, 'entries'>, code: string, version: string): number {
  return outstanding(register).filter((e) => e.code === code && e.version === version).length;
}

/** Every issued copy not yet returned (the issue entries), in register order. */
export function outstanding(register: Pick<Register, 'entries'>): RegisterEntry[] {
  const returned = new Set(register.entries.filter((e) => e.event === 'returned').map((e) => key(e.code, e.version, e.copy)));
  const seen = new Set<string>();
  const out: RegisterEntry[] = [];
  for (const e of register.entries) {
    if (e.event !== 'issued') continue;
    const k = key(e.code, e.version, e.copy);
    if (returned.has(k) || seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
  return out;
}

/** The next copy number for a code and version: the highest ever issued + 1 (returned numbers are not reused). */
export function nextCopyNumber(register: Pick<Register, 'entries'>, code: string, version: string): number {
  let max = 0;
  for (const e of register.entries) if (e.code === code && e.version === version && e.copy > max) max = e.copy;
  return max + 1;
}

export function formatEntry(e: Omit<RegisterEntry, 'line'>): string {
  return encodeRecord([e.code, e.version, String(e.copy), e.holder, e.date, e.event]);
}

/**
 * Append entries with one write of complete lines, then fsync. Creates the file with its header.
 * Call only while holding the register lock. A file that ends without a line end (a cut-short
 * line) gets a line end first, so the cut line stays on its own line and is ignored on reading.
 */
export async function appendEntries(root: string, entries: readonly Omit<RegisterEntry, 'line'>[], current?: Register): Promise<void> {
  if (entries.length === 0) return;
  const reg = current ?? (await readRegister(root));
  let text = '';
  if (reg.headerRest !== undefined) text += reg.headerRest;
  else if (!reg.hasHeader) throw new RegisterError('register-no-header', { file: REGISTER_FILE, header: HEADER_LINE });
  else if (reg.unterminated) text += '\r\n';
  for (const e of entries) text += formatEntry(e);
  const file = registerPath(root);
  await mkdir(path.dirname(file), { recursive: true });
  const fh = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o644);
  try {
    await fh.appendFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  if (!reg.exists) await syncDir(path.dirname(file));
}

async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Not every platform can fsync a directory (Windows); the file itself is synced.
  }
}

/** The register cannot be written: no header, or another print holds the lock. */
export class RegisterError<C extends RunErrorCode = RunErrorCode> extends FlowbookError<C> {}

/* ------------------------------------------------------------------ lock */

export const LOCK_FILE = 'register/.lock';
/** A lock older than this is stale even when its process cannot be checked (another machine). */
export const STALE_LOCK_MS = 10 * 60_000;

export interface LockOptions {
  /** Give up after this long (default 5 minutes: another print may be making PDFs). */
  readonly timeoutMs?: number;
  /** Called once when the lock is busy, with what is known about the holder. */
  /** Called once when the lock is held by another print (its process and host, when known). */
  readonly onWait?: (holder: LockHolder | undefined) => void;
}

interface LockInfo {
  pid: number;
  host: string;
  time: number;
  token: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(file: string): Promise<{ info?: LockInfo; mtime: number } | undefined> {
  try {
    const [text, st] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    let info: LockInfo | undefined;
    try {
      info = JSON.parse(text) as LockInfo;
    } catch {
      info = undefined;
    }
    return { info, mtime: st.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function isStale(lock: { info?: LockInfo; mtime: number }, now: number): boolean {
  if (lock.info && lock.info.host === hostname() && typeof lock.info.pid === 'number') return !alive(lock.info.pid);
  // Unreadable (cut short while being written) or another machine's: go by age. A lock file
  // that is unreadable and only a moment old may still be being written.
  return now - lock.mtime > (lock.info ? STALE_LOCK_MS : 5_000);
}

/**
 * Remove a stale lock. Breaking is itself serialised by `.lock.break` (created with wx), and the
 * lock is re-read inside it, so two processes that both saw the same stale lock cannot remove a
 * fresh lock the other has just taken.
 */
async function breakStale(file: string, seen: { info?: LockInfo; mtime: number }): Promise<void> {
  const breaker = file + '.break';
  let fh;
  try {
    fh = await open(breaker, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const b = await stat(breaker).catch(() => undefined);
    if (b && Date.now() - b.mtimeMs > 30_000) await unlink(breaker).catch(() => undefined); // a breaker that died
    return;
  }
  try {
    const now = await readLock(file);
    if (now && now.mtime === seen.mtime && now.info?.token === seen.info?.token) {
      const aside = `${file}.stale-${process.pid}-${Date.now()}`;
      await rename(file, aside);
      await unlink(aside).catch(() => undefined);
    }
  } finally {
    await fh.close();
    await unlink(breaker).catch(() => undefined);
  }
}

export interface RegisterLock {
  release(): Promise<void>;
}

/** Take the register's exclusive lock, waiting while another print holds it. */
export async function lockRegister(root: string, options: LockOptions = {}): Promise<RegisterLock> {
  const file = path.join(root, LOCK_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  const token = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const info: LockInfo = { pid: process.pid, host: hostname(), time: Date.now(), token };
  const deadline = Date.now() + (options.timeoutMs ?? 5 * 60_000);
  let told = false;
  let delay = 10;
  for (;;) {
    try {
      const fh = await open(file, 'wx');
      try {
        await fh.writeFile(JSON.stringify(info));
        await fh.sync();
      } finally {
        await fh.close();
      }
      return {
        async release() {
          const now = await readLock(file);
          if (now?.info?.token === token) await unlink(file).catch(() => undefined);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const held = await readLock(file);
    if (held && isStale(held, Date.now())) {
      await breakStale(file, held);
      continue;
    }
    if (Date.now() > deadline) {
      throw new RegisterError('register-locked', { holder: held?.info, lockFile: path.join(root, LOCK_FILE) });
    }
    if (!told && options.onWait) {
      told = true;
      options.onWait(held?.info);
    }
    await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
    delay = Math.min(delay * 2, 200);
  }
}
