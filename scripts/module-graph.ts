/**
 * Which folder of src/ imports which: `npx tsx scripts/module-graph.ts [git-ref]` prints one line
 * per folder with the folders it imports (relative imports only), for the working tree or for a
 * commit. Used to check the layering (docs/architecture.md) and to compare before and after.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const ref = process.argv[2];
const files: Array<[string, string]> = ref
  ? execFileSync('git', ['ls-tree', '-r', '--name-only', ref, 'src'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => f.endsWith('.ts'))
      .map((f) => [f, execFileSync('git', ['show', `${ref}:${f}`], { encoding: 'utf8', maxBuffer: 1 << 26 })])
  : (readdirSync('src', { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => [`src/${f}`, readFileSync(`src/${f}`, 'utf8')]);

const folder = (f: string) => {
  const parts = f.split('/');
  return parts.length > 2 ? parts[1]! : '(top)';
};
const edges = new Map<string, Set<string>>();
for (const [file, text] of files) {
  const from = folder(file);
  if (!edges.has(from)) edges.set(from, new Set());
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2]!;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    if (!target.startsWith('src/')) continue;
    const to = folder(target);
    if (to !== from) edges.get(from)!.add(to);
  }
}
for (const [from, to] of [...edges].sort(([a], [b]) => (a < b ? -1 : 1))) console.log(`${from.padEnd(12)} -> ${[...to].sort().join(', ') || '(nothing)'}`);
