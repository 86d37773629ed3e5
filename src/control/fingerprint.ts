/**
 * The fingerprint of a document's controlled content: what an approval is bound to.
 *
 * The normal form (version 1), specified in docs/document-control.md and kept in step with it:
 *   1. the file as UTF-8, without a byte-order mark, line endings turned into LF;
 *   2. the frontmatter as Flowbook reads it (every scalar is text, except true/false and empty
 *      values), without the top-level keys `signoff` and `revisions`, and without any mapping
 *      entry whose value is empty (`note:` is the same as no note);
 *   3. that data as JSON with no spaces and mapping keys sorted by UTF-16 code units (RFC 8785
 *      for data without numbers, which this never has);
 *   4. the body: the text after the closing `---`, without leading blank lines and without
 *      trailing white space;
 *   5. SHA-256 of `flowbook-content-v1\n` + the JSON + `\n` + the body, as 64 lowercase hex digits.
 *
 * So re-indenting the YAML, reordering keys, switching between `{ a: b }` and block style or
 * between quoted and plain text, CRLF line endings and trailing blank lines change nothing; any
 * change to a field's value or to the body does. Pure.
 */
import { createHash } from 'node:crypto';
import type { Signoff } from '../model/types.js';

export const NORMAL_FORM = 'flowbook-content-v1';

/** Frontmatter keys outside the fingerprint: the approval itself and the record of changes. */
export const UNFINGERPRINTED_KEYS: readonly string[] = ['signoff', 'revisions'];

/** 64 hex digits (read in any case, written in lower case). */
export const SHA256_PATTERN = /^[0-9a-fA-F]{64}$/;

/** The text the fingerprint is the SHA-256 of (exposed for the docs and the tests). */
export function normalForm(data: Readonly<Record<string, unknown>>, body: string): string {
  const content: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!UNFINGERPRINTED_KEYS.includes(k)) content[k] = v;
  return `${NORMAL_FORM}\n${canonicalJson(content)}\n${normalBody(body)}`;
}

/** SHA-256 of the document's normal form, 64 lowercase hex digits. */
export function contentFingerprint(data: Readonly<Record<string, unknown>>, body: string): string {
  return createHash('sha256').update(normalForm(data, body), 'utf8').digest('hex');
}

/** The body without leading blank lines and trailing white space; line endings already LF. */
export function normalBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').replace(/^(?:[ \t]*\n)+/, '').replace(/\s+$/, '');
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** JSON with sorted keys, no spaces; empty mapping values left out. */
export function canonicalJson(v: unknown): string {
  const out: string[] = [];
  write(v, out);
  return out.join('');
}

// One pass appending to one array: this runs for every document of every check.
function write(v: unknown, out: string[]): void {
  if (v === null || v === undefined) out.push('null');
  else if (typeof v === 'string' || typeof v === 'boolean') out.push(JSON.stringify(v));
  // The reader never yields numbers or dates; written as text should a caller pass one.
  else if (typeof v === 'number' || typeof v === 'bigint' || v instanceof Date) out.push(JSON.stringify(String(v instanceof Date ? v.toISOString() : v)));
  else if (Array.isArray(v)) {
    out.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(',');
      write(v[i], out);
    }
    out.push(']');
  } else {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort(byCodeUnits);
    out.push('{');
    let first = true;
    for (const k of keys) {
      const x = o[k];
      if (x === null || x === undefined) continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(k), ':');
      write(x, out);
    }
    out.push('}');
  }
}

/** Whether a document's approved content is the content it has now. */
export type ApprovalState =
  /** `signoff.approved.sha256` is the fingerprint of the content as it is. */
  | 'verified'
  /** The content changed after its approval was recorded. */
  | 'changed'
  /** No fingerprint recorded with the approval (signed by hand, or not approved). */
  | 'unrecorded';

export function approvalState(p: { readonly signoff?: Signoff; readonly contentSha256?: string }): ApprovalState {
  const recorded = p.signoff?.approved?.sha256;
  if (recorded === undefined || p.contentSha256 === undefined) return 'unrecorded';
  return recorded === p.contentSha256 ? 'verified' : 'changed';
}

/** `3f2a9c…e81b`: a fingerprint shortened for pages and messages. */
export const shortFingerprint = (sha: string) => `${sha.slice(0, 8)}…${sha.slice(-4)}`;
