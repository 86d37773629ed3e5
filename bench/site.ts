/**
 * Site build benchmark: generated handbooks (bench/generate.ts) of 100, 1,000 and 10,000 processes, each built cold
 * (no cache) in a fresh child process, so time and peak RSS are the build's own. Next to each: the
 * floor, the same bodies turned into HTML by the unified pipeline alone (one thread).
 * Run: npx tsx bench/site.ts [sizes...]   (or through `npm run bench`, which calls benchSite()).
 */
import { execFileSync } from 'node:child_process';
import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDir, writeGeneratedHandbook } from './generate.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

async function folderSize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += (await stat(path.join(e.parentPath, e.name))).size;
  }
  return { bytes, files };
}

export interface SiteBenchRow {
  processes: number;
  buildSeconds: number;
  /** CPU time of the whole build process (all threads). */
  cpuSeconds: number;
  threads: number;
  pagesPerSecond: number;
  peakRssMB: number;
  outputMB: number;
  largestPageGzipKB: number;
  unifiedFloorSeconds: number;
  stages: Record<string, number>;
}

/** Run one cold build in a child process; it prints a JSON line with its own figures. */
function childBuild(root: string, out: string): { ms: number; cpuMs: number; threads: number; pages: number; rss: number; stages: Record<string, number>; floorMs: number } {
  const script = path.join(HERE, 'site-child.ts');
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', script, root, out], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

export async function benchSite(sizes: readonly number[] = [100, 1000, 10000]): Promise<SiteBenchRow[]> {
  const rows: SiteBenchRow[] = [];
  // Each build is a first build (no site yet, no cache), as on a clean checkout in CI. The sites
  // are deleted after the last build, not between builds: see writeGeneratedHandbook on what a
  // mass deletion does to the files created just after it on this machine.
  const roots = new Map<number, string>();
  for (const n of sizes) roots.set(n, await writeGeneratedHandbook(benchDir(`site-${n}`), n));
  const outs = sizes.map((n) => path.join(roots.get(n)!, 'site'));
  for (const out of outs) await rm(out, { recursive: true, force: true }); // left by an interrupted run
  const stamp = benchDir('.site-bench-cleaned');
  const since = (Date.now() - ((await stat(stamp).catch(() => undefined))?.mtimeMs ?? 0)) / 1000;
  if (since < RECENT_DELETE_SECONDS)
    console.log(
      `note: the last site bench deleted its sites ${Math.round(since)} s ago; on a disk like this machine's (ext4 without a journal) ` +
        `creating files stays slow for up to ${RECENT_DELETE_SECONDS / 60} minutes after a mass delete, so the write figures below are high.`,
    );
  try {
    for (const n of sizes) rows.push(await benchOne(n, roots.get(n)!));
  } finally {
    for (const out of outs) await rm(out, { recursive: true, force: true });
    await writeFile(stamp, '');
  }
  return rows;
}

/** How long the kernel skips recently freed inodes when it picks one for a new file (ext4 without a journal: 60 s, 360 s while its inode table block is not yet written back). */
const RECENT_DELETE_SECONDS = 360;

async function benchOne(n: number, root: string): Promise<SiteBenchRow> {
  const out = path.join(root, 'site');
  // The handbook's files in the system's file cache, as just after a checkout or an edit: this
  // machine reclaims idle file pages within minutes (DAMON), and reading 10,000 files back from
  // its disk took 5 s more, which measured the disk, not Flowbook. "Cold" means no Flowbook cache.
  for (const e of await readdir(root, { recursive: true, withFileTypes: true })) if (e.isFile()) await readFile(path.join(e.parentPath, e.name));
  const r = childBuild(root, out);
  const size = await folderSize(out);
  let largest = 0;
  const pdir = path.join(out, 'p');
  for (const f of (await readdir(pdir)).filter((x) => x.endsWith('.html'))) {
    const b = await readFile(path.join(pdir, f));
    largest = Math.max(largest, gzipSync(b).length);
  }
  const row: SiteBenchRow = {
    processes: n,
    buildSeconds: r.ms / 1000,
    cpuSeconds: Math.round(r.cpuMs) / 1000,
    threads: r.threads,
    pagesPerSecond: Math.round(r.pages / (r.ms / 1000)),
    peakRssMB: Math.round(r.rss / 1048576),
    outputMB: Math.round((size.bytes / 1048576) * 10) / 10,
    largestPageGzipKB: Math.round(largest / 102.4) / 10,
    unifiedFloorSeconds: r.floorMs / 1000,
    stages: r.stages,
  };
  const st = Object.entries(r.stages)
    .map(([k, v]) => `${k} ${Math.round(v)}`)
    .join(', ');
  console.log(
    `site ${String(n).padStart(6)} processes: ${row.buildSeconds.toFixed(2)} s cold (CPU ${row.cpuSeconds.toFixed(2)} s, ${row.threads} threads), ${row.pagesPerSecond} pages/s, peak RSS ${row.peakRssMB} MB, ` +
      `output ${row.outputMB} MB (${size.files} files), largest process page ${row.largestPageGzipKB} kB gzipped; ` +
      `floor (unified alone, 1 thread) ${row.unifiedFloorSeconds.toFixed(2)} s; stages ms (summed over threads): ${st}; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
  );
  return row;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  await benchSite(sizes.length ? sizes : undefined);
}
