/**
 * `flowbook approve`: a sign-off recorded together with the fingerprint of the content signed.
 *
 * The record lives in the document's own frontmatter, next to the names and dates it binds
 * (`signoff.approved: { by, date, sha256 }`): the document stays one self-contained file that
 * `check`, `build` and `dev` read on its own, its history in git shows who approved what with the
 * content, and the line can still be written by hand. See docs/document-control.md.
 *
 * `approveText` is the pure core (text in, text out, refused with a reason); `approve` adds the
 * reading and the writing.
 */
import { writeFileAtomic } from '../output/atomic-write.js';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { parseProcessDocument, normaliseText } from '../parse/document.js';
import { checkDocument } from '../validate/document.js';
import { readHandbookSources, type SourceFile } from '../source/read-handbook.js';
import { absolute } from '../source/files.js';
import { FlowbookError, type ApproveProblem } from '../diagnostics/errors.js';
import { canonicalJson, contentFingerprint } from './fingerprint.js';
import { setSignoffEntry, yamlScalar, type SignoffRole } from './yaml-edit.js';
import { closest } from '../util/suggest.js';
import { words, type Words } from '../diagnostics/words.js';
import type { DocumentInput } from '../model/input.js';
import type { Language } from '../model/types.js';
import { parseSettings } from '../config/settings.js';
import { chooseLanguage, documentTexts, measureText } from '../config/language.js';

export const SIGNOFF_ROLES: readonly SignoffRole[] = ['prepared', 'reviewed', 'approved'];

/** Diagnostics a document may have while it is being approved: they are what approval settles. */
const SETTLED_BY_APPROVAL = new Set(['changed-after-approval', 'incomplete-signoff']);

export interface ApproveRequest {
  readonly code: string;
  readonly by: string;
  readonly as: SignoffRole;
  /** YYYY-MM-DD. */
  readonly date: string;
}

export interface Approval {
  readonly code: string;
  readonly file: string;
  readonly role: SignoffRole;
  readonly by: string;
  readonly date: string;
  readonly version?: string;
  readonly sha256: string;
  /** 1-based line of the sign-off entry in the written file. */
  readonly line: number;
  /** The fingerprint recorded before, when there was one. */
  readonly previous?: string;
  /** Things the approver should know (e.g. the content changed after it was reviewed), in both languages. */
  readonly notes: readonly Words[];
  /** The new file text, exactly as written. */
  readonly text: string;
}

/** A refusal, with its words in the run-time error catalogue. */
export class ApproveRefused extends FlowbookError<'approve-refused'> {
  constructor(readonly problem: ApproveProblem) {
    super('approve-refused', problem);
  }
}

/** The note that the content changed after `by` prepared or reviewed it on `date`, in both languages. */
export function changedAfterNote(role: 'prepared' | 'reviewed', by: string, date: string): Words {
  return words(`the content changed after ${by} ${role} it on ${date}`, `${by} 于 ${date} ${role === 'prepared' ? '编制' : '审核'}之后，内容又有修改`);
}

/** Record the sign-off in `source` (one document's file). Pure: returns the new text or throws ApproveRefused. */
export function approveText(source: SourceFile, req: ApproveRequest): Approval {
  const parsed = parseProcessDocument(source.file, source.text);
  const checked = checkDocument(parsed);
  const doc = checked.doc;
  if (!parsed.data || !doc) {
    throw new ApproveRefused({ problem: 'errors', code: req.code, file: source.file, errors: checked.diagnostics.filter((d) => d.severity === 'error').map(line) });
  }
  const errors = checked.diagnostics.filter((d) => d.severity === 'error' && !SETTLED_BY_APPROVAL.has(d.code));
  if (errors.length > 0) throw new ApproveRefused({ problem: 'errors', code: doc.code, file: source.file, errors: errors.slice(0, 10).map(line) });

  const sha256 = contentFingerprint(parsed.data, parsed.body);
  const before = doc.signoff?.[req.as];
  const notes: Words[] = [];
  if (req.as === 'approved') {
    const prev = doc.signoff?.approved;
    // Changed content needs a new version with its revision entry before it is approved again.
    if (prev?.sha256 !== undefined && prev.sha256 !== sha256) {
      const reason = doc.version === undefined ? 'no-version' : prev.version === doc.version ? 'same-version' : !hasRevisionFor(doc) ? 'no-entry' : undefined;
      if (reason) throw new ApproveRefused({ problem: 'no-revision', reason, code: doc.code, file: source.file, ...(doc.version !== undefined && { version: doc.version }), by: prev.by, date: prev.date });
    }
    const reviewed = doc.signoff?.reviewed;
    if (reviewed?.sha256 !== undefined && reviewed.sha256 !== sha256) notes.push(changedAfterNote('reviewed', reviewed.by, reviewed.date));
    const prepared = doc.signoff?.prepared;
    if (prepared?.sha256 !== undefined && prepared.sha256 !== sha256 && reviewed?.sha256 === undefined) notes.push(changedAfterNote('prepared', prepared.by, prepared.date));
  }

  // Edit the frontmatter text in place; the rest of the file is kept byte for byte.
  const raw = source.text;
  const bom = raw.charCodeAt(0) === 0xfeff;
  const crlf = raw.includes('\r\n');
  const text = normaliseText(raw);
  const lines = text.split('\n');
  const close = lines.findIndex((l, i) => i > 0 && /^---[ \t]*$/.test(l));
  const frontmatter = lines.slice(1, close).join('\n');
  const fields: Array<readonly [string, string]> = [['by', req.by], ['date', req.date]];
  if (doc.version !== undefined) fields.push(['version', doc.version]);
  fields.push(['sha256', sha256]);
  const handWritten = `signoff:\n  ${req.as}: { ${fields.map(([k, v]) => `${k}: ${yamlScalar(v)}`).join(', ')} }`;
  let edited: string;
  try {
    edited = setSignoffEntry(frontmatter, req.as, fields);
  } catch {
    throw new ApproveRefused({ problem: 'edit', code: doc.code, file: source.file, lines: handWritten });
  }
  const out = [lines[0]!, edited, ...lines.slice(close)].join('\n');

  // Read the result back: the same content, the same body, only this sign-off entry new.
  const again = parseProcessDocument(source.file, out);
  const oldEntry = isObj(parsed.data.signoff) && isObj(parsed.data.signoff[req.as]) ? parsed.data.signoff[req.as] : {};
  const { version: _oldVersion, ...kept } = oldEntry as Record<string, unknown>;
  const expected = { ...parsed.data, signoff: { ...(isObj(parsed.data.signoff) ? parsed.data.signoff : {}), [req.as]: { ...kept, ...Object.fromEntries(fields) } } };
  if (!again.data || again.body !== parsed.body || canonicalJson(again.data) !== canonicalJson(expected) || contentFingerprint(again.data, again.body) !== sha256) {
    throw new ApproveRefused({ problem: 'edit', code: doc.code, file: source.file, lines: handWritten });
  }
  const written = (bom ? '\ufeff' : '') + (crlf ? out.replace(/\n/g, '\r\n') : out);
  return {
    code: doc.code,
    file: source.file,
    role: req.as,
    by: req.by,
    date: req.date,
    ...(doc.version !== undefined && { version: doc.version }),
    sha256,
    line: again.locate(['signoff', req.as]).line,
    ...(before?.sha256 !== undefined && { previous: before.sha256 }),
    notes,
    text: written,
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const line = (d: { file: string; line?: number; message: string }) => `${d.file}${d.line !== undefined ? `:${d.line}` : ''}: ${d.message}`;

/** The document's revision history has an entry for its version. */
function hasRevisionFor(doc: DocumentInput): boolean {
  return doc.version !== undefined && doc.revisions.some((r) => r.version === doc.version);
}

/**
 * Find the document with `code` in the handbook at `root`, record the sign-off, write the file.
 * `language`: the handbook's, from the same reading (flowbook.yml's, else its documents').
 */
export async function approve(root: string, req: ApproveRequest): Promise<Approval & { readonly language: Language }> {
  const sources = await readHandbookSources(root);
  const codes = new Map<string, SourceFile>();
  const docs: DocumentInput[] = [];
  for (const src of sources.documents) {
    const doc = checkDocument(parseProcessDocument(src.file, src.text)).doc;
    if (doc) docs.push(doc);
    const c = doc?.code;
    if (c !== undefined && !codes.has(c)) codes.set(c, src);
  }
  const source = codes.get(req.code);
  if (!source) {
    const near = closestCode(req.code, [...codes.keys()]);
    throw new ApproveRefused({ problem: 'unknown-code', code: req.code, ...(near !== undefined && { near }) });
  }
  const result = approveText(source, req);
  await writeInPlace(absolute(sources.root, source.file), source.file, result.text);
  const settings = parseSettings(sources.settingsText);
  return { ...result, language: chooseLanguage(settings.languageSet ? settings.settings.language : undefined, measureText(docs.flatMap(documentTexts))).language };
}

function closestCode(code: string, codes: readonly string[]): string | undefined {
  return codes.find((c) => c.toLowerCase() === code.toLowerCase()) ?? closest(code, codes);
}

/** Replace a regular file whole (a temporary file beside it, then a rename), keeping its mode. */
async function writeInPlace(abs: string, file: string, text: string): Promise<void> {
  try {
    const st = await lstat(abs);
    if (!st.isFile()) throw new Error('not a regular file');
    await writeFileAtomic(abs, text, { mode: st.mode & 0o7777 });
  } catch (e) {
    throw new ApproveRefused({ problem: 'write', file, reason: (e as Error).message });
  }
}
