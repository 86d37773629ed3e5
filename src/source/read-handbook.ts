/**
 * The input edge: find and read a handbook's files. The only module that reads the handbook.
 * Symbolic links are never followed, so a document cannot pull in files from outside the handbook.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic, cmp } from '../diagnostics/diagnostic.js';
import { SETTINGS_FILE } from '../config/settings.js';
import { MAX_DOCUMENT_BYTES } from '../limits.js';

export interface SourceFile {
  /** Relative to the handbook root, `/` separators. */
  readonly file: string;
  readonly text: string;
}

export interface HandbookSources {
  readonly root: string;
  readonly settingsText?: string;
  readonly documents: readonly SourceFile[];
  readonly diagnostics: readonly Diagnostic[];
}

export const PROCESSES_DIR = 'processes';

const ignored = (name: string) => name.startsWith('_') || name.startsWith('.');

/** List `processes/**\/*.md` (not `_`/`.` names, no symlinks), sorted by path. */
// Synchronous on purpose: for a thousand small files it is several times faster than the promise API
// (no thread-pool round trips), and reading is a short, bounded stage at the start of a build.
export async function listDocuments(root: string): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  function walk(rel: string): void {
    let entries;
    try {
      entries = readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch (e) {
      if (rel === PROCESSES_DIR && (e as NodeJS.ErrnoException).code === 'ENOENT') return;
      diagnostics.push(diagnostic('read-failed', { file: rel }, { what: 'folder', reason: (e as Error).message }));
      return;
    }
    entries.sort((a, b) => cmp(a.name, b.name));
    for (const e of entries) {
      if (ignored(e.name)) continue;
      const child = `${rel}/${e.name}`;
      if (e.isSymbolicLink()) {
        if (e.name.endsWith('.md') || !e.name.includes('.'))
          diagnostics.push(diagnostic('symlink-ignored', { file: child }, { link: 'entry' }));
        continue;
      }
      if (e.isDirectory()) walk(child);
      else if (e.isFile() && e.name.endsWith('.md')) files.push(child);
    }
  }
  // The processes folder itself may not be a link either.
  let top;
  try {
    top = lstatSync(path.join(root, PROCESSES_DIR));
  } catch {
    top = undefined;
  }
  if (top?.isSymbolicLink())
    diagnostics.push(diagnostic('symlink-ignored', { file: PROCESSES_DIR }, { link: 'processes-folder' }));
  else walk(PROCESSES_DIR);
  files.sort(cmp);
  return { files, diagnostics };
}

export async function readHandbookSources(root: string): Promise<HandbookSources> {
  const abs = path.resolve(root);
  const { files, diagnostics } = await listDocuments(abs);
  const documents: SourceFile[] = [];
  for (const file of files) {
    try {
      const size = lstatSync(path.join(abs, file)).size;
      if (size > MAX_DOCUMENT_BYTES) {
        diagnostics.push(diagnostic('too-large', { file }, { limit: 'bytes', bytes: size }));
        continue;
      }
      documents.push({ file, text: readFileSync(path.join(abs, file), 'utf8') });
    } catch (e) {
      diagnostics.push(diagnostic('read-failed', { file }, { what: 'file', reason: (e as Error).message }));
    }
  }
  let settingsText: string | undefined;
  try {
    if (lstatSync(path.join(abs, SETTINGS_FILE)).isFile()) settingsText = readFileSync(path.join(abs, SETTINGS_FILE), 'utf8');
  } catch {
    settingsText = undefined;
  }
  return { root: abs, settingsText, documents, diagnostics };
}
