/**
 * The one place that writes the site. Everything goes into `<out>.tmp-<pid>` first; only when all
 * files are written is the old site moved aside, the new one renamed into place and the old one
 * deleted. A failure at any point leaves the previous site as it was (the caller aborts).
 */
import { copyFileSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile } from './types.js';
import { SITE_MARKER, SITE_MARKER_TEXT } from './guard.js';

/** Reject paths that could leave the output folder or that no disk can hold. */
export function checkOutputPath(p: string): void {
  if (p === '' || p.startsWith('/') || p.includes('\\') || p.includes('\0') || p.split('/').some((s) => s === '' || s === '.' || s === '..'))
    throw new Error(`refusing to write unsafe output path ${JSON.stringify(p)}`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Remove `<out>.tmp-<pid>` / `<out>.old-<pid>` folders left by builds that died. */
export async function removeStale(out: string): Promise<void> {
  const dir = path.dirname(out);
  const base = path.basename(out);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = /^(.*)\.(tmp|old)-(\d+)$/.exec(n);
    if (m && m[1] === base && Number(m[3]) !== process.pid && !alive(Number(m[3]))) await rm(path.join(dir, n), { recursive: true, force: true });
  }
}

export interface WriteResult {
  readonly files: number;
  readonly bytes: number;
}

/**
 * A site being written: files go into `<out>.tmp-<pid>` as they are made (so a large site need not
 * be held in memory), and `commit` swaps the folder in. `abort` removes the temporary folder.
 */
export class SiteWriter {
  private readonly seen = new Set<string>();
  private readonly dirs = new Set<string>();
  private bytes = 0;
  private count = 0;
  private closed = false;

  private constructor(
    private readonly target: string,
    private readonly tmp: string,
  ) {}

  static async open(out: string): Promise<SiteWriter> {
    const target = path.resolve(out);
    const tmp = `${target}.tmp-${process.pid}`;
    await removeStale(target);
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    return new SiteWriter(target, tmp);
  }

  /** Write files (paths checked, unique ignoring case). */
  async write(files: readonly OutputFile[]): Promise<void> {
    this.writeSync(files);
  }

  /**
   * `write`, at once. Synchronous on purpose: pages come from a thread that is busy making the
   * next one, and an asynchronous write (open, write, close: three trips through the event loop)
   * only moves on when that thread yields. At 1,000 processes the async writes stretched the
   * build by ~2 s, and pages waiting to be written outlived the young generation (old garbage).
   */
  writeSync(files: readonly OutputFile[]): void {
    this.claim(files.map((f) => f.path));
    for (const f of files) {
      this.bytes += typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.byteLength;
      writeFileSync(path.join(this.tmp, f.path), f.content);
    }
    this.count += files.length;
  }

  /**
   * Carry files over unchanged from the site being replaced (an incremental build): each is
   * linked into the new site (copied where links are not possible), so the old site stays whole
   * until `commit`. `sizes` are the files' sizes, for the byte count.
   */
  keepSync(from: string, files: ReadonlyMap<string, number>): void {
    this.claim([...files.keys()]);
    for (const [p, size] of files) {
      const src = path.join(from, p);
      const dst = path.join(this.tmp, p);
      try {
        linkSync(src, dst);
      } catch {
        copyFileSync(src, dst);
      }
      this.bytes += size;
    }
    this.count += files.size;
  }

  /** Check new paths (safe, unique ignoring case) and make their folders. */
  private claim(paths: readonly string[]): void {
    if (this.closed) throw new Error('the site writer is closed');
    for (const p of paths) {
      checkOutputPath(p);
      const key = p.toLowerCase();
      if (this.seen.has(key)) throw new Error(`two output files at ${p} (paths must differ in more than letter case)`);
      this.seen.add(key);
    }
    for (const d of [...new Set(paths.map((p) => path.posix.dirname(p)).filter((d) => d !== '.' && !this.dirs.has(d)))].sort()) {
      mkdirSync(path.join(this.tmp, d), { recursive: true });
      this.dirs.add(d);
    }
  }

  /** Add the marker and swap the new site in: old aside, new in, old deleted (restored if the new cannot go in). */
  async commit(): Promise<WriteResult> {
    await writeFile(path.join(this.tmp, SITE_MARKER), SITE_MARKER_TEXT);
    this.closed = true;
    const old = `${this.target}.old-${process.pid}`;
    let moved = false;
    try {
      await rename(this.target, old);
      moved = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        await this.abort();
        throw e;
      }
    }
    try {
      await rename(this.tmp, this.target);
    } catch (e) {
      if (moved) await rename(old, this.target).catch(() => undefined);
      await this.abort();
      throw e;
    }
    if (moved) await rm(old, { recursive: true, force: true });
    return { files: this.count + 1, bytes: this.bytes };
  }

  async abort(): Promise<void> {
    this.closed = true;
    await rm(this.tmp, { recursive: true, force: true });
  }
}
