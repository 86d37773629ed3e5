/**
 * The Markdown cache: body hash -> sanitised HTML, in `<handbook>/.flowbook-cache/markdown/`.
 * One JSON file, read at the start of a build and rewritten (atomically) when it changed; it keeps
 * only the bodies of the last build. A missing or damaged cache is simply rebuilt.
 */
import { writeFileAtomic } from './atomic-write.js';
import { cacheBytes, readCacheText } from './cache-text.js';
import path from 'node:path';

const FILE = 'bodies-v1.json';

export async function readMarkdownCache(dir: string): Promise<Map<string, string>> {
  try {
    const data = JSON.parse(readCacheText(path.join(dir, FILE))) as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return new Map();
    return new Map(Object.entries(data as Record<string, unknown>).filter((e): e is [string, string] => /^[0-9a-f]{32}$/.test(e[0]) && typeof e[1] === 'string'));
  } catch {
    return new Map();
  }
}

export async function writeMarkdownCache(dir: string, entries: ReadonlyMap<string, string>): Promise<void> {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : 1));
  await writeFileAtomic(path.join(dir, FILE), cacheBytes(JSON.stringify(Object.fromEntries(sorted))));
}
