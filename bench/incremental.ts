/**
 * Incremental builds: `flowbook build` run as a user runs it (a fresh `node bin/flowbook.js build`,
 * start-up included) on a copy of a generated handbook, with the cache (.flowbook-cache/):
 *   - cold: no cache, no site (the first build, or CI without a restored cache);
 *   - warm: nothing changed since the last build;
 *   - one edit: one document's step text changed;
 *   - one rename: one process's name changed (the pages that list or link it change too);
 *   - --no-cache: a cold build for comparison, with a site in place;
 *   - one edit in git: the same handbook in a repository of its own with three commits (the
 *     second and third each give 30% of the documents a new version), so the history pages and
 *     "what's new" are made from a real history too.
 * Each warm and edit figure is the median of 5 runs. The site after the edits is compared with a
 * build without the cache (it must be byte-identical).
 * Run: npx tsx bench/incremental.ts [sizes...]   (or `npm run bench -- incremental`).
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDir, writeGeneratedHandbook } from './generate.js';

const BIN = fileURLToPath(new URL('../bin/flowbook.js', import.meta.url));
const TODAY = '2026-01-15';

function buildOnce(root: string, args: string[] = []): number {
  const t = performance.now();
  execFileSync(process.execPath, [BIN, 'build', root, '--today', TODAY, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function firstDocument(root: string): Promise<string> {
  const files = (await readdir(path.join(root, 'processes'), { recursive: true })).filter((f) => f.endsWith('.md')).sort();
  return path.join(root, 'processes', files[0]!);
}

async function sameTree(a: string, b: string): Promise<boolean> {
  const list = async (d: string) => (await readdir(d, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(d, path.join(e.parentPath, e.name))).sort();
  const [la, lb] = await Promise.all([list(a), list(b)]);
  if (la.join('\n') !== lb.join('\n')) return false;
  for (const f of la) if (!(await readFile(path.join(a, f))).equals(await readFile(path.join(b, f)))) return false;
  return true;
}

export interface IncrementalRow {
  processes: number;
  coldSeconds: number;
  warmSeconds: number;
  oneEditSeconds: number;
  oneRenameSeconds: number;
  noCacheSeconds: number;
  identical: boolean;
  gitOneEditSeconds: number;
}

const gitIn = (cwd: string, args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });

/** One step edited (median of 5) in a copy of the handbook committed three times in a repository of its own. */
async function oneEditInGit(source: string): Promise<number> {
  const root = await mkdtemp(path.join(tmpdir(), 'fb-bench-git-'));
  try {
    await cp(path.join(source, 'processes'), path.join(root, 'processes'), { recursive: true });
    await cp(path.join(source, 'flowbook.yml'), path.join(root, 'flowbook.yml'));
    gitIn(root, ['init', '-q', '-b', 'main']);
    gitIn(root, ['add', '-A']);
    gitIn(root, ['commit', '-q', '-m', 'first']);
    const files = (await readdir(path.join(root, 'processes'), { recursive: true })).filter((f) => f.endsWith('.md')).sort();
    for (const [k, part] of [files.filter((_, i) => i % 10 < 3), files.filter((_, i) => i % 10 >= 3 && i % 10 < 6)].entries()) {
      for (const f of part) {
        const file = path.join(root, 'processes', f);
        // A new version (its letter) with a changed step, as a revision is committed.
        const text = (await readFile(file, 'utf8')).replace(/(\n\s*text: )/, `$1第${k + 2}版 `).replace(/^version: [A-Z]/m, `version: ${'BC'[k]}`);
        await writeFile(file, text);
      }
      gitIn(root, ['commit', '-q', '-am', `version ${k + 2}`]);
    }
    buildOnce(root);
    execFileSync('sync');
    const doc = await firstDocument(root);
    const original = await readFile(doc, 'utf8');
    const edits: number[] = [];
    for (let i = 0; i < 5; i++) {
      await writeFile(doc, original.replace(/(\n\s*text: )/, `$1改${i} `));
      edits.push(buildOnce(root));
    }
    return median(edits);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export async function benchIncremental(sizes: readonly number[] = [100, 1000]): Promise<IncrementalRow[]> {
  const rows: IncrementalRow[] = [];
  for (const n of sizes) {
    const source = await writeGeneratedHandbook(benchDir(`site-${n}`), n);
    const root = benchDir(`incremental-${n}`);
    await rm(root, { recursive: true, force: true });
    await cp(path.join(source, 'processes'), path.join(root, 'processes'), { recursive: true });
    await cp(path.join(source, 'flowbook.yml'), path.join(root, 'flowbook.yml'));
    try {
      const cold = buildOnce(root);
      // The cold build leaves ~50 MB (1,000 processes) being written to disk; the later builds are
      // measured once that is done, as when a user edits a document after the first build.
      execFileSync('sync');
      const warm = median([0, 1, 2, 3, 4].map(() => buildOnce(root)));
      const doc = await firstDocument(root);
      const original = await readFile(doc, 'utf8');
      const edits: number[] = [];
      const renames: number[] = [];
      // The edits first, then the renames: an edit made right after a rename would also undo the
      // rename (and remake every page that lists the process).
      for (let i = 0; i < 5; i++) {
        await writeFile(doc, original.replace(/(\n\s*text: )/, `$1改${i} `));
        edits.push(buildOnce(root));
      }
      for (let i = 0; i < 5; i++) {
        await writeFile(doc, original.replace(/^name: (.*)$/m, `name: $1 ${i}`));
        renames.push(buildOnce(root));
      }
      const cachedSite = path.join(root, 'site');
      const noCache = buildOnce(root, ['--no-cache', '--out', path.join(root, 'site-cold')]);
      const identical = await sameTree(cachedSite, path.join(root, 'site-cold'));
      const gitEdit = await oneEditInGit(source);
      const row = { processes: n, coldSeconds: cold / 1000, warmSeconds: warm / 1000, oneEditSeconds: median(edits) / 1000, oneRenameSeconds: median(renames) / 1000, noCacheSeconds: noCache / 1000, identical, gitOneEditSeconds: gitEdit / 1000 };
      console.log(
        `incremental ${String(n).padStart(5)} processes: cold ${row.coldSeconds.toFixed(2)} s, nothing changed ${row.warmSeconds.toFixed(2)} s, one step edited ${row.oneEditSeconds.toFixed(2)} s, ` +
          `one name changed ${row.oneRenameSeconds.toFixed(2)} s, --no-cache ${row.noCacheSeconds.toFixed(2)} s; same bytes as --no-cache: ${identical ? 'yes' : 'NO'}; ` +
          `one step edited in a git repository of 3 commits ${row.gitOneEditSeconds.toFixed(2)} s; ` +
          `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores (times include Node's start-up)`,
      );
      rows.push(row);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  await benchIncremental(sizes.length ? sizes : undefined);
}
