/**
 * The input edge for documents and flowbook.yml: find and read a handbook's files by the rules of
 * ./files.ts (no symbolic links followed, `_`/`.` names skipped in processes/, size limit). The
 * whole handbook at once (`readHandbookSources`: check, build, print) or one path at a time
 * (`readDocumentSource`, `readSettingsSource`: dev, after a change); both give the same files and
 * the same diagnostics.
 */
import path from 'node:path';
import { diagnostic, type Diagnostic, cmp } from '../diagnostics/diagnostic.js';
import { MAX_DOCUMENT_BYTES } from '../limits.js';
import { absolute, ignoredName, listFolder, lookUp, readHandbookFile, readRegularFile, type ReadResult } from './files.js';

export interface SourceFile {
  /** Relative to the handbook root, `/` separators. */
  readonly file: string;
  readonly text: string;
  /** The bytes the text was decoded from, when read as bytes (not enumerable: see `documentSource`). */
  readonly bytes?: Uint8Array;
}

/**
 * A document read as bytes, its text decoded (UTF-8) when first asked for: a rebuild that finds a
 * document's check in the cache never asks, and decoding megabytes of Chinese text is slow in V8
 * (build-cache.ts hashes the bytes). The text is an enumerable getter, so copies (spread, worker
 * messages) hold it; the bytes are not enumerable, so they are not copied.
 */
export function documentSource(file: string, bytes: Buffer): SourceFile {
  let text: string | undefined;
  const src = { file };
  Object.defineProperty(src, 'text', { enumerable: true, get: () => (text ??= bytes.toString('utf8')) });
  Object.defineProperty(src, 'bytes', { enumerable: false, value: bytes });
  return src as SourceFile;
}

export interface HandbookSources {
  readonly root: string;
  readonly settingsText?: string;
  readonly documents: readonly SourceFile[];
  /** What reading found: links not followed, files and folders that could not be read. */
  readonly diagnostics: readonly Diagnostic[];
}

export const PROCESSES_DIR = 'processes';
/** The handbook's settings file (read by config/settings.ts). */
export const SETTINGS_FILE = 'flowbook.yml';

/** Whether a handbook-relative path is one a document could be at (`processes/**\/*.md`, no `_`/`.` names). */
export function isDocumentPath(rel: string): boolean {
  const parts = rel.split('/');
  return parts[0] === PROCESSES_DIR && parts.length > 1 && rel.endsWith('.md') && !parts.slice(1).some(ignoredName);
}

/** List `processes/**\/*.md` (not `_`/`.` names, no symlinks), sorted by path. */
// Synchronous on purpose: for a thousand small files it is several times faster than the promise API
// (no thread-pool round trips), and reading is a short, bounded stage at the start of a build.
export async function listDocuments(root: string): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  return listDocumentsSync(path.resolve(root));
}

function listDocumentsSync(root: string): { files: string[]; diagnostics: Diagnostic[] } {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  function walk(rel: string): void {
    const listing = listFolder(absolute(root, rel));
    if (listing.kind === 'absent' && rel === PROCESSES_DIR) return;
    if (listing.kind !== 'listed') {
      const reason = listing.kind === 'error' ? listing.reason : 'the folder is gone';
      diagnostics.push(diagnostic('read-failed', { file: rel }, { what: 'folder', reason }));
      return;
    }
    for (const e of listing.entries) {
      if (ignoredName(e.name)) continue;
      const child = `${rel}/${e.name}`;
      if (e.isSymbolicLink()) {
        if (e.name.endsWith('.md') || !e.name.includes('.')) diagnostics.push(diagnostic('symlink-ignored', { file: child }, { link: 'entry' }));
        continue;
      }
      if (e.isDirectory()) walk(child);
      else if (e.isFile() && e.name.endsWith('.md')) files.push(child);
    }
  }
  // The processes folder itself may not be a link either.
  const top = lookUp(root, PROCESSES_DIR);
  if (top.kind === 'link') diagnostics.push(diagnostic('symlink-ignored', { file: PROCESSES_DIR }, { link: 'processes-folder' }));
  else walk(PROCESSES_DIR);
  files.sort(cmp);
  return { files, diagnostics };
}

/** One document path read: its text, the diagnostic that kept it from being read, or nothing there. */
export type DocumentRead = { readonly kind: 'document'; readonly source: SourceFile } | { readonly kind: 'problem'; readonly diagnostic: Diagnostic } | { readonly kind: 'none' };

function documentRead(file: string, r: ReadResult<string> | ReadResult<string | Buffer>): DocumentRead {
  switch (r.kind) {
    case 'read':
      return { kind: 'document', source: typeof r.content === 'string' ? { file, text: r.content } : documentSource(file, r.content) };
    case 'too-large':
      return { kind: 'problem', diagnostic: diagnostic('too-large', { file }, { limit: 'bytes', bytes: r.size }) };
    case 'link':
      // A link on the way (the processes folder, a sub-folder) is reported where the listing reports it.
      return r.at === file ? { kind: 'problem', diagnostic: diagnostic('symlink-ignored', { file }, { link: 'entry' }) } : { kind: 'none' };
    case 'error':
      return { kind: 'problem', diagnostic: diagnostic('read-failed', { file }, { what: 'file', reason: r.reason }) };
    default:
      return { kind: 'none' };
  }
}

/**
 * Read one document path on its own (dev, after a change): what `readHandbookSources` would have
 * read there. A path that is not a document path, or is inside a linked folder, reads as `none`.
 */
export function readDocumentSource(root: string, file: string): DocumentRead {
  if (!isDocumentPath(file)) return { kind: 'none' };
  return documentRead(file, readHandbookFile(path.resolve(root), file, 'utf8', MAX_DOCUMENT_BYTES));
}

/** flowbook.yml's text (undefined: none, so the defaults), and why it was not read if it was not. */
export function readSettingsSource(root: string): { readonly text?: string; readonly diagnostics: readonly Diagnostic[] } {
  const r = readHandbookFile(path.resolve(root), SETTINGS_FILE, 'utf8');
  const file = SETTINGS_FILE;
  if (r.kind === 'read') return { text: r.content, diagnostics: [] };
  if (r.kind === 'link') return { diagnostics: [diagnostic('symlink-ignored', { file }, { link: 'settings' })] };
  if (r.kind === 'error') return { diagnostics: [diagnostic('read-failed', { file }, { what: 'file', reason: r.reason })] };
  return { diagnostics: [] };
}

export async function readHandbookSources(root: string): Promise<HandbookSources> {
  const abs = path.resolve(root);
  const { files, diagnostics } = listDocumentsSync(abs);
  const documents: SourceFile[] = [];
  for (const file of files) {
    const r = documentRead(file, readListed(abs, file));
    if (r.kind === 'document') documents.push(r.source);
    else if (r.kind === 'problem') diagnostics.push(r.diagnostic);
  }
  const settings = readSettingsSource(abs);
  diagnostics.push(...settings.diagnostics);
  return { root: abs, ...(settings.text !== undefined && { settingsText: settings.text }), documents, diagnostics };
}

/** Read a listed document: its folders were listed without links a moment ago, so only the file itself is looked at again. */
function readListed(root: string, file: string): ReadResult<string | Buffer> {
  const full = absolute(root, file);
  const found = lookUp(path.dirname(full), path.basename(full));
  if (found.kind === 'link') return { kind: 'link', at: file };
  return found.kind === 'file' ? readRegularFile(full, found.size, 'bytes', MAX_DOCUMENT_BYTES) : found;
}
