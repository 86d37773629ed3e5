/**
 * The dev server's view of the handbook's files: document texts, flowbook.yml, and per-document
 * parse + check results cached by content (only a changed file is parsed again). Reads files the
 * way src/source/read-handbook.ts does (no symlinks, `_`/`.` names skipped, size limit), and
 * checks them the way src/load.ts's `checkSources` does, so the diagnostics are the same.
 */
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compareDiagnostics, diagnostic, promote, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseSettings, SETTINGS_FILE } from '../config/settings.js';
import { parseProcessDocument } from '../parse/document.js';
import { checkDocument } from '../validate/document.js';
import { checkHandbook } from '../validate/handbook.js';
import type { DocumentInput } from '../model/input.js';
import type { Settings } from '../model/types.js';
import { listDocuments, PROCESSES_DIR } from '../source/read-handbook.js';
import { MAX_DOCUMENT_BYTES } from '../limits.js';

/** One document's own parse + check, kept while its text is unchanged. */
export interface CheckedDocument {
  readonly file: string;
  readonly text: string;
  /** Changes whenever the text does: part of every cache key that depends on the document. */
  readonly serial: number;
  readonly doc?: DocumentInput;
  readonly diagnostics: readonly Diagnostic[];
  readonly clean: boolean;
}

/** Whether a handbook-relative path is a process document the build would read. */
export function isDocumentPath(rel: string): boolean {
  const parts = rel.split('/');
  return parts[0] === PROCESSES_DIR && parts.length > 1 && rel.endsWith('.md') && !parts.slice(1).some((p) => p.startsWith('_') || p.startsWith('.'));
}

export interface CheckOutcome {
  readonly diagnostics: readonly Diagnostic[];
  readonly ok: boolean;
  readonly settings: Settings;
  /** Usable documents in path order (what `buildHandbook` takes). */
  readonly docs: readonly DocumentInput[];
  readonly documentCount: number;
}

export class HandbookSources {
  /** file -> checked document, or the diagnostic that kept it from being read. */
  private readonly files = new Map<string, CheckedDocument | Diagnostic>();
  private listing: Diagnostic[] = [];
  private settingsText: string | undefined;
  private serial = 0;

  constructor(readonly root: string) {}

  /** Read everything again (start, folder events); unchanged texts keep their cached check. */
  async rescan(): Promise<Set<string>> {
    const changed = new Set<string>();
    const { files, diagnostics } = await listDocuments(this.root);
    this.listing = diagnostics;
    const present = new Set(files);
    for (const f of [...this.files.keys()]) if (!present.has(f)) this.files.delete(f), changed.add(f);
    for (const f of files) if (this.readDocument(f)) changed.add(f);
    this.readSettings();
    return changed;
  }

  /** Read one document path again (added, changed or gone). True when anything changed. */
  readDocument(file: string): boolean {
    const before = this.files.get(file);
    const abs = path.join(this.root, file);
    let st;
    try {
      st = lstatSync(abs);
    } catch {
      return this.files.delete(file);
    }
    if (st.isSymbolicLink()) {
      return this.setDiag(file, diagnostic('symlink-ignored', { file }, { link: 'entry' }));
    }
    if (!st.isFile()) return this.files.delete(file);
    if (st.size > MAX_DOCUMENT_BYTES)
      return this.setDiag(file, diagnostic('too-large', { file }, { limit: 'bytes', bytes: st.size }));
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return this.files.delete(file);
      return this.setDiag(file, diagnostic('read-failed', { file }, { what: 'file', reason: (e as Error).message }));
    }
    if (before && 'text' in before && before.text === text) return false;
    const { doc, diagnostics } = checkDocument(parseProcessDocument(file, text));
    this.files.set(file, {
      file,
      text,
      serial: ++this.serial,
      ...(doc && { doc }),
      diagnostics,
      clean: !diagnostics.some((d) => d.severity === 'error'),
    });
    return true;
  }

  private setDiag(file: string, d: Diagnostic): boolean {
    const before = this.files.get(file);
    this.files.set(file, d);
    return !(before && !('text' in before) && before.message === d.message);
  }

  /** Read flowbook.yml again; true when its text changed. */
  readSettings(): boolean {
    let text: string | undefined;
    try {
      const abs = path.join(this.root, SETTINGS_FILE);
      text = lstatSync(abs).isFile() ? readFileSync(abs, 'utf8') : undefined;
    } catch {
      text = undefined;
    }
    const changed = text !== this.settingsText;
    this.settingsText = text;
    return changed;
  }

  /** The checked document of a file (undefined when it could not be read). */
  get(file: string): CheckedDocument | undefined {
    const e = this.files.get(file);
    return e && 'text' in e ? e : undefined;
  }

  /** The same diagnostics `checkSources` gives for these files (strict off). */
  check(today: string): CheckOutcome {
    const all: Diagnostic[] = [...this.listing];
    const { settings, diagnostics: settingsDs } = parseSettings(this.settingsText, SETTINGS_FILE);
    const docs: DocumentInput[] = [];
    const clean = new Set<DocumentInput>();
    const names = [...this.files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let documentCount = 0;
    for (const f of names) {
      const e = this.files.get(f)!;
      if (!('text' in e)) {
        all.push(e);
        continue;
      }
      documentCount++;
      all.push(...e.diagnostics);
      if (e.doc) {
        docs.push(e.doc);
        if (e.clean) clean.add(e.doc);
      }
    }
    all.push(...settingsDs);
    all.push(...checkHandbook(docs, clean, today));
    if (documentCount === 0 && !all.some((d) => d.file.startsWith(PROCESSES_DIR)))
      all.push(diagnostic('no-processes', { file: `${PROCESSES_DIR}/` }, { folder: PROCESSES_DIR }));
    const diagnostics = promote(all, false).sort(compareDiagnostics);
    return { diagnostics, ok: !diagnostics.some((d) => d.severity === 'error'), settings, docs, documentCount };
  }
}
