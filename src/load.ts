/**
 * Reading and checking a handbook: sources -> parsed documents -> diagnostics -> model.
 * `checkSources` is pure; `loadHandbook` adds the file reading.
 */
import { compareDiagnostics, promote, type Diagnostic, diagnostic } from './diagnostics/diagnostic.js';
import { parseSettings, SETTINGS_FILE } from './config/settings.js';
import { chooseLanguage, clearlyOtherLanguage, documentTexts, measureText, type LanguageChoice } from './config/language.js';
import { parseProcessDocument } from './parse/document.js';
import { checkDocument } from './validate/document.js';
import { checkHandbook } from './validate/handbook.js';
import { buildHandbook } from './model/build.js';
import type { DocumentInput } from './model/input.js';
import type { Handbook, Settings } from './model/types.js';
import { readHandbookSources, PROCESSES_DIR, type HandbookSources, type SourceFile } from './source/read-handbook.js';

export interface CheckOptions {
  /** YYYY-MM-DD, for review-date warnings. */
  readonly today: string;
  /** Warnings count as errors. */
  readonly strict?: boolean;
}

export interface CheckResult {
  /** The model, when there are no errors (after `strict`). */
  readonly handbook?: Handbook;
  /** Sorted by file, line, column. */
  readonly diagnostics: readonly Diagnostic[];
  readonly documentCount: number;
  /** The handbook's language and how it was decided (flowbook.yml, or read from the documents). */
  readonly language: LanguageChoice;
}

/** One document read and checked on its own. */
export interface DocumentCheck {
  /** The decoded document, unless it could not be decoded at all. */
  readonly doc?: DocumentInput;
  readonly diagnostics: readonly Diagnostic[];
}

/** Parse and check one document by itself (pure; any thread: see load-threads.ts). */
export function checkSourceDocument(src: SourceFile): DocumentCheck {
  return checkDocument(parseProcessDocument(src.file, src.text));
}

export function checkSources(sources: HandbookSources, options: CheckOptions): CheckResult {
  return finishCheck(sources, sources.documents.map(checkSourceDocument), options);
}

/** The check of a handbook without its model: what `finishCheck` and dev's cached check share. */
export interface HandbookCheck {
  /** Sorted by file, line, column; promoted under `strict`. */
  readonly diagnostics: readonly Diagnostic[];
  readonly ok: boolean;
  readonly settings: Settings;
  readonly language: LanguageChoice;
  /** Usable documents in path order (what `buildHandbook` takes). */
  readonly docs: readonly DocumentInput[];
  readonly documentCount: number;
}

/**
 * Everything after every document's own check (`checks[i]` is `sources.documents[i]`'s): what
 * reading found, settings, the rules across documents, the diagnostics in order. The one place
 * that decides a handbook's diagnostics: check, build, print and dev all come through here.
 */
export function checkAcross(sources: HandbookSources, checks: readonly DocumentCheck[], options: CheckOptions): HandbookCheck {
  const all: Diagnostic[] = [...sources.diagnostics];
  const settingsRead = parseSettings(sources.settingsText, SETTINGS_FILE);
  all.push(...settingsRead.diagnostics);

  const docs: DocumentInput[] = [];
  const clean = new Set<DocumentInput>();
  for (const { doc, diagnostics } of checks) {
    all.push(...diagnostics);
    if (doc) {
      docs.push(doc);
      if (!diagnostics.some((d) => d.severity === 'error')) clean.add(doc);
    }
  }
  all.push(...checkHandbook(docs, clean, options.today));

  // The language: flowbook.yml's, else the one the documents are written in (then the settings'
  // defaults, such as the title, follow it). A set language the documents clearly do not share is
  // a warning.
  const measured = measureText(docs.flatMap(documentTexts));
  const language = chooseLanguage(settingsRead.languageSet ? settingsRead.settings.language : undefined, measured);
  let settings = settingsRead.settings;
  if (!settingsRead.languageSet && language.language !== settings.language) settings = parseSettings(sources.settingsText, SETTINGS_FILE, language.language).settings;
  const other = settingsRead.languageSet ? clearlyOtherLanguage(settings.language, measured) : undefined;
  if (other !== undefined) {
    const lines = (sources.settingsText ?? '').split(/\r?\n/);
    const line = lines.findIndex((l) => /^language\s*:/.test(l));
    all.push(
      diagnostic('language-mismatch', { file: SETTINGS_FILE, ...(line >= 0 && { line: line + 1, column: lines[line]!.indexOf(':') + 2 }), field: 'language' }, {
        set: settings.language,
        documents: other,
        percent: Math.round((measured.share ?? 0) * 100),
      }),
    );
  }
  // A link not followed is not a document: a handbook of links only has no processes.
  if (sources.documents.length === 0 && !all.some((d) => d.file.startsWith(PROCESSES_DIR) && d.code !== 'symlink-ignored'))
    all.push(diagnostic('no-processes', { file: `${PROCESSES_DIR}/` }, { folder: PROCESSES_DIR }));

  const diagnostics = promote(all, options.strict ?? false).sort(compareDiagnostics);
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return { diagnostics, ok, settings, language, docs, documentCount: sources.documents.length };
}

/** `checkAcross`, then the model when nothing failed. */
export function finishCheck(sources: HandbookSources, checks: readonly DocumentCheck[], options: CheckOptions): CheckResult {
  const c = checkAcross(sources, checks, options);
  return {
    ...(c.ok ? { handbook: buildHandbook(sources.root, c.settings, c.docs) } : {}),
    diagnostics: c.diagnostics,
    documentCount: c.documentCount,
    language: c.language,
  };
}

export async function loadHandbook(root: string, options: CheckOptions): Promise<CheckResult> {
  return checkSources(await readHandbookSources(root), options);
}
