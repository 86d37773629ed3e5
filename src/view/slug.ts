/**
 * Safe, deterministic file names for role and department pages, for any Unicode name.
 *
 * Rule: NFC-normalise, keep letters, marks and digits, turn every other run into "-", trim "-",
 * cut to 48 characters. The slug gets "-" + a 6-hex-digit hash of the name when that changed
 * anything, when the result is empty or a reserved device name (CON, NUL, ...), or when two names
 * would share a slug ignoring case (case-insensitive disks). Never empty, never "." or "..".
 */
import { createHash } from 'node:crypto';

const MAX = 48;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

export function shortHash(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 6);
}

function clean(name: string): string {
  return [...name.normalize('NFC').replace(/[^\p{L}\p{M}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '')].slice(0, MAX).join('').replace(/-+$/, '');
}

/** The plain slug of one name, without collision handling. */
export function baseSlug(name: string): string {
  const c = clean(name);
  if (c === '' || RESERVED.test(c) || c !== name) return c === '' ? `x-${shortHash(name)}` : `${c}-${shortHash(name)}`;
  return c;
}

/** Slugs for a set of names: unique ignoring case, stable for a given set. */
export function slugMap(names: Iterable<string>): Map<string, string> {
  const unique = [...new Set(names)].sort();
  const base = new Map(unique.map((n) => [n, baseSlug(n)]));
  const byKey = new Map<string, string[]>();
  for (const [n, s] of base) {
    const k = s.toLowerCase();
    (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(n);
  }
  const out = new Map<string, string>();
  for (const [n, s] of base) {
    const clash = byKey.get(s.toLowerCase())!.length > 1;
    out.set(n, clash && !s.endsWith(`-${shortHash(n)}`) ? `${s}-${shortHash(n)}` : s);
  }
  // A hashed slug can still meet another name's plain slug (e.g. the name "a-1b2c3d"): add the hash once more.
  const seen = new Map<string, string>();
  for (const n of unique) {
    let s = out.get(n)!;
    while (seen.has(s.toLowerCase())) s = `${s}-${shortHash(s + n)}`;
    seen.set(s.toLowerCase(), n);
    out.set(n, s);
  }
  return out;
}
