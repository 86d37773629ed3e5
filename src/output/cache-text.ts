/**
 * How the cache's text files are stored: UTF-16 (little-endian, with a byte-order mark), not UTF-8.
 * The caches are mostly Chinese text, and turning megabytes of UTF-8 into a JavaScript string is
 * slow in V8 (~70 ms for the 3.9 MB document cache of a 1,000-process handbook), while UTF-16 is
 * copied as it is (~2 ms); the files are larger (by about a half) but only Flowbook reads them.
 * A UTF-8 file (an older cache) is still read.
 */
import { readFileSync } from 'node:fs';

const BOM = '\uFEFF';

/**
 * The text of a cache file (throws as readFileSync does, and for a UTF-16 file of an odd number
 * of bytes: an append cut short, after which the rest would be read a byte out of step).
 */
export function readCacheText(file: string): string {
  const b = readFileSync(file);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
    if (b.length % 2 !== 0) throw new Error(`${file}: cut short`);
    return b.toString('utf16le', 2);
  }
  return b.toString('utf8');
}

/** The bytes a cache file is written with. */
export const cacheBytes = (text: string): Buffer => Buffer.from(BOM + text, 'utf16le');

/** The bytes appended to a cache file (`cacheBytes` without the mark). */
export const cacheAppendBytes = (text: string): Buffer => Buffer.from(text, 'utf16le');
