/** Temp handbooks for the dev-server tests, and a full build to compare the dev site with. */
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../../src/build.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURE = path.join(REPO, 'test', 'fixtures', 'site-basic');
export const EXAMPLE = REPO;
export const TODAY = '2026-02-01';

/** Copy a handbook (flowbook.yml, processes/, templates/ when present) into a new temp folder. */
export async function copyHandbook(from: string, prefix = 'fb-dev-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  for (const part of ['flowbook.yml', 'processes', 'templates']) {
    if (from === REPO && part === 'templates') continue; // the repo's templates/ are Flowbook's own
    await cp(path.join(from, part), path.join(dir, part), { recursive: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
  return dir;
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

async function readTree(dir: string, base = '', out = new Map<string, Buffer>()): Promise<Map<string, Buffer>> {
  for (const e of await readdir(path.join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) await readTree(dir, rel, out);
    else out.set(rel, await readFile(path.join(dir, rel)));
  }
  return out;
}

/** What `flowbook build` makes of `root` now (no cache, no threads), as path -> bytes. */
export async function builtSite(root: string, options: { drafts?: boolean; today?: string } = {}): Promise<Map<string, Buffer>> {
  const out = await mkdtemp(path.join(tmpdir(), 'fb-dev-built-'));
  try {
    const r = await build({ root, out: path.join(out, 'site'), today: TODAY, cache: false, threads: 0, ...options });
    if (!r.ok) throw new Error(`build failed: ${r.diagnostics.map((d) => d.message).join('; ')}`);
    const files = await readTree(path.join(out, 'site'));
    files.delete('.flowbook-site');
    return files;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** Differences between two sites: paths missing, extra or with other bytes. */
export function siteDiff(expected: ReadonlyMap<string, Buffer>, actual: ReadonlyMap<string, Buffer>): string[] {
  const out: string[] = [];
  for (const [p, b] of expected) {
    const a = actual.get(p);
    if (!a) out.push(`missing ${p}`);
    else if (!a.equals(b)) out.push(`differs ${p}`);
  }
  for (const p of actual.keys()) if (!expected.has(p)) out.push(`extra ${p}`);
  return out.sort();
}
