/** Shared by the interchange tests: handbooks from folders, bpmnlint, and a check of an imported document. */
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkSources } from '../../src/load.js';
import type { Handbook, Process } from '../../src/model/types.js';
import { REPO } from '../helpers/cli.js';
import { TODAY } from '../helpers/handbook.js';

const require = createRequire(import.meta.url);

/** A handbook folder's documents, as `check` reads them. */
export function folderDocuments(root: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(root, dir)).sort()) {
      const rel = `${dir}/${name}`;
      if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
      else if (name.endsWith('.md') && !name.startsWith('_') && !name.startsWith('.')) out.push({ file: rel, text: readFileSync(path.join(root, rel), 'utf8') });
    }
  };
  walk('processes');
  return out;
}

export function loadFolder(rel: string): Handbook {
  const root = path.join(REPO, rel);
  const r = checkSources({ root, settingsText: readFileSync(path.join(root, 'flowbook.yml'), 'utf8'), documents: folderDocuments(root), diagnostics: [] }, { today: TODAY });
  if (!r.handbook) throw new Error(`${rel} does not check: ${JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error').slice(0, 2))}`);
  return r.handbook;
}

/** The handbooks every export must handle: the example and the hostile fixtures (120 steps, 25 lanes, injections, odd Unicode). */
export const HANDBOOKS = ['.', 'test/fixtures/hostile', 'test/fixtures/mermaid-hostile', 'test/fixtures/security'];

/** `documents` with one file replaced (or added), checked; the process with `code`, or the errors. */
export function checkWith(documents: readonly { file: string; text: string }[], file: string, text: string, code: string): Process {
  const docs = [...documents.filter((d) => d.file !== file), { file, text }].sort((a, b) => (a.file < b.file ? -1 : 1));
  const r = checkSources({ root: '/virtual', settingsText: undefined, documents: docs, diagnostics: [] }, { today: TODAY });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.handbook) throw new Error(`imported document does not check: ${JSON.stringify(errors.slice(0, 3))}\n${text}`);
  return r.handbook.byCode.get(code)!;
}

/** bpmnlint's recommended rules over a parsed BPMN file: rule -> number of reports. */
export async function lintBpmn(root: unknown): Promise<Record<string, number>> {
  const { Linter } = require('bpmnlint') as { Linter: new (o: unknown) => { lint(root: unknown): Promise<Record<string, unknown[]>> } };
  const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new () => unknown;
  // A linter per file: some rules keep state between the files one linter sees.
  const reports = await new Linter({ config: { extends: 'bpmnlint:recommended' }, resolver: new NodeResolver() }).lint(root);
  return Object.fromEntries(Object.entries(reports).map(([rule, r]) => [rule, r.length]));
}

/** The documents of the processes `p` links to, and theirs: all an imported `p` needs to check. */
export function linkedDocuments(handbook: Handbook, documents: readonly { file: string; text: string }[], p: Process): { file: string; text: string }[] {
  const needed = new Set<string>();
  const visit = (code: string) => {
    if (needed.has(code)) return;
    needed.add(code);
    handbook.byCode.get(code)?.linksTo.forEach(visit);
  };
  p.linksTo.forEach(visit);
  const files = new Set([...needed].map((c) => handbook.byCode.get(c)?.file));
  return documents.filter((d) => files.has(d.file));
}
