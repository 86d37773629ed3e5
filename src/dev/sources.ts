/**
 * The dev server's copy of the handbook's sources: it reads through src/source/ (the reader `check`,
 * `build` and `print` use, path by path after a change) and checks through src/load.ts, keeping
 * each document's own check while its text is unchanged (only a changed file is parsed again).
 * The diagnostics are `checkAcross`'s, so they are the check's.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { checkAcross, checkSourceDocument, type DocumentCheck, type HandbookCheck } from '../load.js';
import type { DocumentInput } from '../model/input.js';
import { isDocumentPath, listDocuments, readDocumentSource, readSettingsSource, type SourceFile } from '../source/read-handbook.js';

export { isDocumentPath };

/** One document's own parse + check, kept while its text is unchanged. */
export interface CheckedDocument {
  readonly file: string;
  readonly text: string;
  /** Changes whenever the text does: part of every cache key that depends on the document. */
  readonly serial: number;
  readonly doc?: DocumentInput;
  readonly diagnostics: readonly Diagnostic[];
}

export type CheckOutcome = HandbookCheck;

export class HandbookSources {
  /** file -> checked document, or the diagnostic that kept it from being read. */
  private readonly files = new Map<string, CheckedDocument | Diagnostic>();
  private listing: Diagnostic[] = [];
  private settings: ReturnType<typeof readSettingsSource> = { diagnostics: [] };
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
    const r = readDocumentSource(this.root, file);
    if (r.kind === 'none') return this.files.delete(file);
    if (r.kind === 'problem') return this.setProblem(file, r.diagnostic);
    const before = this.files.get(file);
    const { text } = r.source;
    if (before && 'text' in before && before.text === text) return false;
    const { doc, diagnostics } = checkSourceDocument(r.source);
    this.files.set(file, { file, text, serial: ++this.serial, ...(doc && { doc }), diagnostics });
    return true;
  }

  private setProblem(file: string, d: Diagnostic): boolean {
    const before = this.files.get(file);
    this.files.set(file, d);
    return !(before && !('text' in before) && before.message === d.message);
  }

  /** Read flowbook.yml again; true when its text (or why it is not read) changed. */
  readSettings(): boolean {
    const next = readSettingsSource(this.root);
    const changed = next.text !== this.settings.text || JSON.stringify(next.diagnostics) !== JSON.stringify(this.settings.diagnostics);
    this.settings = next;
    return changed;
  }

  /** The checked document of a file (undefined when it could not be read). */
  get(file: string): CheckedDocument | undefined {
    const e = this.files.get(file);
    return e && 'text' in e ? e : undefined;
  }

  /** The check's diagnostics for these files (strict off), from the same function the check uses. */
  check(today: string): CheckOutcome {
    const documents: SourceFile[] = [];
    const checks: DocumentCheck[] = [];
    const diagnostics: Diagnostic[] = [...this.listing];
    for (const f of [...this.files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const e = this.files.get(f)!;
      if (!('text' in e)) {
        diagnostics.push(e);
        continue;
      }
      documents.push({ file: e.file, text: e.text });
      checks.push({ ...(e.doc && { doc: e.doc }), diagnostics: e.diagnostics });
    }
    diagnostics.push(...this.settings.diagnostics);
    const sources = { root: this.root, ...(this.settings.text !== undefined && { settingsText: this.settings.text }), documents, diagnostics };
    return checkAcross(sources, checks, { today });
  }
}
