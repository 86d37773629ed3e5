/**
 * The rules for every file Flowbook reads from a handbook, in one place:
 *  - a symbolic link is never followed, neither as the file itself nor as a folder on the way to
 *    it (the handbook root itself, which the user names, may be anywhere);
 *  - only regular files are read, and only folders are listed;
 *  - in processes/, names that start with `_` or `.` are skipped (drafts, editor files).
 * Documents, flowbook.yml, template overrides, custom.css and the register all go through here,
 * so `check`, `build`, `dev` and `print` see the same files.
 */
import { lstatSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';

/** A name skipped in processes/ (drafts and editor files). */
export const ignoredName = (name: string): boolean => name.startsWith('_') || name.startsWith('.');

/** What is at a handbook-relative path, found without following any symbolic link. */
export type Found =
  | { readonly kind: 'file'; readonly size: number }
  | { readonly kind: 'folder' }
  | { readonly kind: 'absent' }
  /** `at`: the handbook-relative path of the link met on the way (the path itself or a folder). */
  | { readonly kind: 'link'; readonly at: string }
  | { readonly kind: 'other' }
  | { readonly kind: 'error'; readonly reason: string; readonly code?: string };

/** Handbook-relative path (`/` separators) to an absolute one. */
export const absolute = (root: string, rel: string): string => path.join(root, ...rel.split('/'));

/** What `rel` (with `/`) is inside `root`: each folder on the way and the path itself are checked with lstat. */
export function lookUp(root: string, rel: string): Found {
  const parts = rel.split('/').filter((p) => p !== '' && p !== '.');
  let at = root;
  for (let i = 0; i < parts.length; i++) {
    at = path.join(at, parts[i]!);
    let st;
    try {
      st = lstatSync(at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
      return { kind: 'error', reason: (e as Error).message, ...(code && { code }) };
    }
    if (st.isSymbolicLink()) return { kind: 'link', at: parts.slice(0, i + 1).join('/') };
    const last = i === parts.length - 1;
    if (last) return st.isFile() ? { kind: 'file', size: st.size } : st.isDirectory() ? { kind: 'folder' } : { kind: 'other' };
    if (!st.isDirectory()) return { kind: 'absent' };
  }
  return { kind: 'folder' };
}

/** The result of reading one handbook file by the rules above. */
export type ReadResult<T> =
  | { readonly kind: 'read'; readonly content: T; readonly size: number }
  | Exclude<Found, { kind: 'file' }>
  | { readonly kind: 'too-large'; readonly size: number };

/**
 * Read a regular file at `rel` (never through a symbolic link). `maxBytes`: larger files are not
 * read (`too-large`). A read failure is `error` with the system's reason.
 */
export function readHandbookFile(root: string, rel: string, encoding: 'utf8', maxBytes?: number): ReadResult<string>;
export function readHandbookFile(root: string, rel: string, encoding: 'bytes', maxBytes?: number): ReadResult<Buffer>;
export function readHandbookFile(root: string, rel: string, encoding: 'utf8' | 'bytes', maxBytes?: number): ReadResult<string | Buffer> {
  const found = lookUp(root, rel);
  if (found.kind !== 'file') return found;
  return readRegularFile(absolute(root, rel), found.size, encoding, maxBytes);
}

/** Read a file already known to be a regular file reached without links (a listing's entry). */
export function readRegularFile(abs: string, size: number, encoding: 'utf8' | 'bytes', maxBytes?: number): ReadResult<string | Buffer> {
  if (maxBytes !== undefined && size > maxBytes) return { kind: 'too-large', size };
  try {
    const content = encoding === 'utf8' ? readFileSync(abs, 'utf8') : readFileSync(abs);
    return { kind: 'read', content, size };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'error', reason: (e as Error).message, ...(code && { code }) };
  }
}

/** A folder's entries sorted by name, or why it could not be listed (`absent`: no such folder). */
export type Listing =
  | { readonly kind: 'listed'; readonly entries: readonly Dirent[] }
  | { readonly kind: 'absent' }
  | { readonly kind: 'error'; readonly reason: string; readonly code?: string };

/** List the folder at `abs` (the caller has checked the way to it). */
export function listFolder(abs: string): Listing {
  try {
    const entries = readdirSync(abs, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { kind: 'listed', entries };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'error', reason: (e as Error).message, ...(code && { code }) };
  }
}
