/**
 * The one place that writes the site. Everything goes into `<out>.tmp-<pid>` first; only when all
 * files are written is the old site moved aside, the new one renamed into place and the old one
 * deleted. A failure at any point leaves the previous site as it was.
 */
import { mkdir, rename, rm, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile } from './types.js';
import { SITE_MARKER, SITE_MARKER_TEXT } from './guard.js';

const PARALLEL = 32;

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
async function removeStale(out: string): Promise<void> {
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

export async function writeSite(out: string, files: readonly OutputFile[]): Promise<WriteResult> {
  const target = path.resolve(out);
  const tmp = `${target}.tmp-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  const seen = new Set<string>();
  for (const f of files) {
    checkOutputPath(f.path);
    if (seen.has(f.path.toLowerCase())) throw new Error(`two output files at ${f.path} (paths must differ in more than letter case)`);
    seen.add(f.path.toLowerCase());
  }
  await removeStale(target);
  await rm(tmp, { recursive: true, force: true });
  let bytes = 0;
  try {
    await mkdir(tmp, { recursive: true });
    const dirs = [...new Set(files.map((f) => path.posix.dirname(f.path)).filter((d) => d !== '.'))].sort();
    for (const d of dirs) await mkdir(path.join(tmp, d), { recursive: true });
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const f = files[next++]!;
        bytes += typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.byteLength;
        await writeFile(path.join(tmp, f.path), f.content);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, files.length) }, worker));
    await writeFile(path.join(tmp, SITE_MARKER), SITE_MARKER_TEXT);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  // Swap: old aside, new in, old deleted. Restore the old one if the new cannot go in.
  let moved = false;
  try {
    await rename(target, old);
    moved = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(tmp, { recursive: true, force: true });
      throw e;
    }
  }
  try {
    await rename(tmp, target);
  } catch (e) {
    if (moved) await rename(old, target).catch(() => undefined);
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  if (moved) await rm(old, { recursive: true, force: true });
  return { files: files.length + 1, bytes };
}
