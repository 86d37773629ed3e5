/**
 * Start-up stays fast (`flowbook --version` and `--help` load no command's code): the command-line
 * modules import only light modules at the top; everything a command needs is imported inside its
 * action. A static import of a heavy module (load, build, site, print, diagrams) fails here with its
 * file and line. The timing itself is measured by `npm run bench -- startup`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = path.resolve('src/cli');

/** What any command-line module may import at start-up. */
const LIGHT = [
  /^commander$/,
  /^node:/,
  /^\.\.?\/(errors|options|terminal|messages|language|words)\.js$/,
  /^\.\/(commands\/)?[\w-]+\.js$/, // command modules, themselves held to this list
  /^\.\.\/\.\.\/model\/types\.js$/,
  /^\.\.\/\.\.\/init\/yaml\.js$/,
  /^\.\.\/\.\.\/util\/suggest\.js$/,
  /^\.\.\/(\.\.\/)?diagnostics\/(errors|messages)\.js$/,
  /^\.\.\/(\.\.\/)?util\/dates\.js$/,
  /^\.\.\/(\.\.\/)?view\/paper\/paper-size\.js$/,
];

function staticImports(file: string): Array<{ line: number; from: string }> {
  const found: Array<{ line: number; from: string }> = [];
  const text = readFileSync(file, 'utf8');
  // `import x from '...'` and `import { a, b } from '...'` over several lines; not `import type`.
  const re = /^import\s+(?!type\s)[^;]*?from\s+'([^']+)'|^import\s+'([^']+)'/gms;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const clause = m[0];
    if (/^import\s*\{[^}]*\}\s*from/s.test(clause) && [...clause.matchAll(/[{,]\s*(type\s+)?\w+/g)].every((x) => x[1])) continue; // only types
    found.push({ line: text.slice(0, m.index).split('\n').length, from: m[1] ?? m[2]! });
  }
  return found;
}

const files = [
  ...readdirSync(CLI).filter((f) => f.endsWith('.ts')).map((f) => path.join(CLI, f)),
  ...readdirSync(path.join(CLI, 'commands')).filter((f) => f.endsWith('.ts')).map((f) => path.join(CLI, 'commands', f)),
];

describe('command-line start-up', () => {
  it('finds the command modules', () => {
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['main.ts', 'check.ts', 'build.ts', 'print.ts', 'dev.ts']));
  });

  it.each(files.map((f) => [path.relative(process.cwd(), f), f]))('%s imports only light modules at the top', (_name, file) => {
    const heavy = staticImports(file)
      .filter((i) => !LIGHT.some((re) => re.test(i.from)))
      .map((i) => `${path.relative(process.cwd(), file)}:${i.line} imports ${i.from} at start-up; import it inside the command's action`);
    expect(heavy).toEqual([]);
  });

  it('the check itself catches a heavy import', () => {
    const re = LIGHT.some((r) => r.test('../../load.js'));
    expect(re).toBe(false);
  });
});
