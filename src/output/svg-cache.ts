/**
 * The Mermaid renderer's cache of drawn charts on disk: `<handbook>/.flowbook-cache/mermaid/`, one
 * `<key>.svg` per chart (the key is a hash of the chart's source and the Mermaid build: see
 * diagram/mermaid/render.ts). The renderer sees only the `SvgCache` interface.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { SvgCache } from '../diagram/mermaid/render.js';
import { writeFileAtomic } from './atomic-write.js';

const KEY = /^[0-9a-f]{64}$/;

export function diskSvgCache(dir: string): SvgCache {
  return {
    async get(key) {
      try {
        return await readFile(path.join(dir, `${key}.svg`), 'utf8');
      } catch {
        return undefined;
      }
    },
    // Written to a temporary name and renamed: a concurrent or interrupted build never reads half a file.
    set: (key, svg) => writeFileAtomic(path.join(dir, `${key}.svg`), svg),
    // Only the cache's own files go: others' files and a concurrent build's temporary files stay.
    async keepOnly(keys) {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return;
      }
      for (const n of names) if (n.endsWith('.svg') && KEY.test(n.slice(0, -4)) && !keys.has(n.slice(0, -4))) await rm(path.join(dir, n), { force: true }).catch(() => undefined);
    },
  };
}
