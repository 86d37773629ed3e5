/**
 * Lists the long functions in src/: every function, method, arrow function or function
 * expression whose body spans more than a number of lines (default 100), longest first, with its
 * file, line and a name (the declared name, or the variable, property or call it is given to).
 * A nested function counts in its parent's lines too, as a reader sees it.
 *
 *   npx tsx scripts/long-functions.ts          # over 100 lines
 *   npx tsx scripts/long-functions.ts 60 src/site
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface LongFunction {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly lines: number;
}

/** Every .ts file under `dir` (or `dir` itself when it is a file), sorted. */
function sourceFiles(dir: string): string[] {
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The name a reader would look for: the function's own, or what it is assigned or passed to. */
function nameOf(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText(source);
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression;
    return `(callback of ${ts.isPropertyAccessExpression(callee) ? `.${callee.name.text}` : callee.getText(source).slice(0, 40)})`;
  }
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  return '(anonymous)';
}

/** Functions in one file's text whose body is longer than `min` lines. */
export function longFunctions(file: string, text: string, min: number): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const fn = node as ts.FunctionLikeDeclaration;
      const first = source.getLineAndCharacterOfPosition(fn.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(fn.getEnd()).line;
      const lines = last - first + 1;
      if (lines > min) found.push({ file, line: first + 1, name: nameOf(fn, source), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function main(argv: readonly string[]): void {
  const min = argv[0] !== undefined ? Number(argv[0]) : 100;
  const roots = argv.length > 1 ? argv.slice(1) : ['src'];
  const all = roots.flatMap((root) => sourceFiles(root).flatMap((f) => longFunctions(path.relative(process.cwd(), f), readFileSync(f, 'utf8'), min)));
  all.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.line - b.line);
  for (const f of all) console.log(`${String(f.lines).padStart(4)}  ${f.file}:${f.line}  ${f.name}`);
  console.log(`${all.length} function${all.length === 1 ? '' : 's'} over ${min} lines`);
}

main(process.argv.slice(2));
