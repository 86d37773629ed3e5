/**
 * The one place that writes the site. Everything goes into `<out>.tmp-<pid>` first; only when all
 * files are written does the site change, in one of two ways:
 *   - swapped (a first or a large build): the old site is moved aside, the new one renamed into
 *     place and the old one deleted;
 *   - patched in place (a rebuild that keeps most files, see `SiteWriter.open`): a journal
 *     `<out>.patch-<pid>` lists the files to move in and to remove, then each new file is renamed
 *     over the old one and the files the new site no longer has are removed. A rebuild after one
 *     edit then touches a few hundred files, not every file of the site twice (at 1,000 processes
 *     ~3,000 links and ~3,000 deletions).
 * A failure before that point leaves the previous site as it was (the caller aborts). A build
 * killed while it changes the site is finished by the next one (`recoverInterruptedWrites`).
 */
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
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

/** What a patch changes: files moved in from the temporary folder, files removed. Paths relative, with `/`. */
interface PatchJournal {
  readonly write: readonly string[];
  readonly remove: readonly string[];
}

/**
 * Finish or undo what builds that died left next to `out`, then remove their folders:
 *   - a patch whose journal was written is finished (its files are all in its temporary folder);
 *   - a swap killed between its two renames, with no site left in place, is finished when the new
 *     site was complete (it has its marker) and undone otherwise;
 *   - every other `<out>.tmp-<pid>` / `.old-<pid>` / `.patch-<pid>` of a dead build is removed.
 */
export async function recoverInterruptedWrites(out: string): Promise<void> {
  const dir = path.dirname(out);
  const base = path.basename(out);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const dead = new Map<number, Set<string>>();
  for (const n of names) {
    const m = /^(.*)\.(tmp|old|patch|patchw)-(\d+)$/.exec(n);
    if (!m || m[1] !== base) continue;
    const pid = Number(m[3]);
    if (pid === process.pid || alive(pid)) continue;
    if (!dead.has(pid)) dead.set(pid, new Set());
    dead.get(pid)!.add(m[2]!);
  }
  for (const [pid, kinds] of dead) {
    const tmp = `${out}.tmp-${pid}`;
    const old = `${out}.old-${pid}`;
    if (kinds.has('patch')) {
      const journal = readJournal(`${out}.patch-${pid}`);
      if (journal) applyPatch(journal, tmp, out);
    } else if (kinds.has('old') && !existsSync(out)) {
      if (kinds.has('tmp') && existsSync(path.join(tmp, SITE_MARKER))) await rename(tmp, out);
      else await rename(old, out);
    }
    for (const k of ['tmp', 'old', 'patchw', 'patch']) await rm(`${out}.${k}-${pid}`, { recursive: true, force: true });
  }
}

function readJournal(file: string): PatchJournal | undefined {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as PatchJournal;
    if (!Array.isArray(j.write) || !Array.isArray(j.remove)) return undefined;
    const paths = [...j.write, ...j.remove];
    for (const p of paths) checkOutputPath(p);
    return j;
  } catch {
    return undefined;
  }
}

/**
 * Move the journal's new files over the site's and remove its old ones, then the folders left
 * empty. Each step may already have been done (a patch finished after its build died): a file
 * no longer in `tmp` was moved, a removed file is gone.
 */
function applyPatch(journal: PatchJournal, tmp: string, out: string): void {
  const made = new Set<string>();
  for (const p of journal.write) {
    const from = path.join(tmp, p);
    if (!existsSync(from)) continue;
    const d = path.posix.dirname(p);
    if (d !== '.' && !made.has(d)) {
      mkdirSync(path.join(out, d), { recursive: true });
      made.add(d);
    }
    renameSync(from, path.join(out, p)); // replaces the old file at once
  }
  const emptied = new Set<string>();
  for (const p of journal.remove) {
    rmSync(path.join(out, p), { force: true });
    for (let d = path.posix.dirname(p); d !== '.'; d = path.posix.dirname(d)) emptied.add(d);
  }
  // Deepest first; a folder that still holds files stays.
  for (const d of [...emptied].sort((a, b) => b.split('/').length - a.split('/').length || (a < b ? -1 : 1))) {
    try {
      rmdirSync(path.join(out, d));
    } catch {
      // not empty
    }
  }
}

/**
 * The files of a site that may be patched in place: a real folder (not a link) with Flowbook's
 * marker, holding only plain files and folders (a link inside could send a moved file elsewhere).
 * Undefined when it may not.
 */
function patchableFiles(out: string): Set<string> | undefined {
  try {
    if (!lstatSync(out).isDirectory() || !existsSync(path.join(out, SITE_MARKER))) return undefined;
    const files = new Set<string>();
    for (const e of readdirSync(out, { recursive: true, withFileTypes: true })) {
      if (e.isDirectory()) continue;
      if (!e.isFile()) return undefined;
      const rel = path.relative(out, path.join(e.parentPath, e.name)).split(path.sep).join('/');
      if (rel !== SITE_MARKER) files.add(rel);
    }
    return files;
  } catch {
    return undefined;
  }
}

export interface WriteResult {
  readonly files: number;
  readonly bytes: number;
}

export interface OpenOptions {
  /**
   * Patch the site in place when it can be (see `patchableFiles`), instead of swapping in a new
   * folder: for a rebuild that keeps most files. Kept files are then left where they are.
   */
  readonly inPlace?: boolean;
}

/**
 * A site being written: files go into `<out>.tmp-<pid>` as they are made (so a large site need not
 * be held in memory), and `commit` swaps the folder in or patches the site. `abort` removes the
 * temporary folder.
 */
export class SiteWriter {
  private readonly seen = new Set<string>();
  private readonly dirs = new Set<string>();
  /** Files made (in the temporary folder). */
  private readonly made: string[] = [];
  private bytes = 0;
  private count = 0;
  private closed = false;
  /** A patch has begun: from then on its journal and files are the next build's to finish. */
  private patching = false;

  private constructor(
    private readonly target: string,
    private readonly tmp: string,
    /** The site's files, when it is patched in place. */
    private readonly present: ReadonlySet<string> | undefined,
  ) {}

  static async open(out: string, options: OpenOptions = {}): Promise<SiteWriter> {
    const target = path.resolve(out);
    const tmp = `${target}.tmp-${process.pid}`;
    await recoverInterruptedWrites(target);
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    return new SiteWriter(target, tmp, options.inPlace ? patchableFiles(target) : undefined);
  }

  /** Whether `commit` patches the site in place (else it swaps in a new folder). */
  get inPlace(): boolean {
    return this.present !== undefined;
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
      this.made.push(f.path);
    }
    this.count += files.length;
  }

  /**
   * Carry files over unchanged from the site being replaced (an incremental build): patched in
   * place, they stay where they are; swapped, each is linked into the new site (copied where links
   * are not possible), so the old site stays whole until `commit`. `sizes` are the files' sizes,
   * for the byte count.
   */
  keepSync(from: string, files: ReadonlyMap<string, number>): void {
    this.claim([...files.keys()], this.present !== undefined);
    for (const [p, size] of files) {
      if (!this.present) {
        const src = path.join(from, p);
        const dst = path.join(this.tmp, p);
        try {
          linkSync(src, dst);
        } catch {
          copyFileSync(src, dst);
        }
        this.made.push(p);
      }
      this.bytes += size;
    }
    this.count += files.size;
  }

  /** Check new paths (safe, unique ignoring case) and make their folders (in the temporary folder, unless `inSite`). */
  private claim(paths: readonly string[], inSite = false): void {
    if (this.closed) throw new Error('the site writer is closed');
    for (const p of paths) {
      checkOutputPath(p);
      const key = p.toLowerCase();
      if (this.seen.has(key)) throw new Error(`two output files at ${p} (paths must differ in more than letter case)`);
      this.seen.add(key);
    }
    if (inSite) return;
    for (const d of [...new Set(paths.map((p) => path.posix.dirname(p)).filter((d) => d !== '.' && !this.dirs.has(d)))].sort()) {
      mkdirSync(path.join(this.tmp, d), { recursive: true });
      this.dirs.add(d);
    }
  }

  /** Put the new site in place: patched, or swapped (see the module's comment). */
  async commit(): Promise<WriteResult> {
    this.closed = true;
    if (this.present) this.patch(this.present);
    else await this.swap();
    return { files: this.count + 1, bytes: this.bytes };
  }

  /** Journal first, so that a build killed half way is finished by the next one. */
  private patch(present: ReadonlySet<string>): void {
    const journal: PatchJournal = { write: [...this.made].sort(), remove: [...present].filter((p) => !this.seen.has(p.toLowerCase())).sort() };
    const file = `${this.target}.patch-${process.pid}`;
    writeFileSync(`${this.target}.patchw-${process.pid}`, JSON.stringify(journal));
    renameSync(`${this.target}.patchw-${process.pid}`, file);
    this.patching = true;
    applyPatch(journal, this.tmp, this.target);
    rmSync(file, { force: true });
    rmSync(this.tmp, { recursive: true, force: true });
  }

  /** Add the marker and swap the new site in: old aside, new in, old deleted (restored if the new cannot go in). */
  private async swap(): Promise<void> {
    await writeFile(path.join(this.tmp, SITE_MARKER), SITE_MARKER_TEXT);
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
  }

  async abort(): Promise<void> {
    this.closed = true;
    if (this.patching) return;
    await rm(this.tmp, { recursive: true, force: true });
  }
}
