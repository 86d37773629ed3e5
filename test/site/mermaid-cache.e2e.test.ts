/**
 * The Mermaid renderer's cache in a site build: `--no-cache` neither reads nor writes it, and a
 * build keeps it to the diagrams it drew (an edited process's old picture goes).
 */
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/util/browser.js';
import { buildInto, FIXTURES, removeDir, tempDir } from './helpers.js';

const svgsIn = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.svg')).sort();

describe.skipIf(!findChromium())('Mermaid cache in site builds', () => {
  let dir: string;
  let root: string;
  beforeAll(async () => {
    dir = await tempDir();
    root = path.join(dir, 'hb');
    await cp(path.join(FIXTURES, 'site-basic'), root, { recursive: true });
  });
  afterAll(async () => removeDir(dir));

  it('is left alone with --no-cache, filled by a build, and pruned to what the next build drew', { timeout: 120_000 }, async () => {
    const cache = path.join(root, '.flowbook-cache', 'mermaid');
    const off = await buildInto(root, path.join(dir, 'a'), { renderer: 'mermaid', cache: false });
    expect(off.ok).toBe(true);
    expect(await svgsIn(cache)).toEqual([]);

    const on = await buildInto(root, path.join(dir, 'b'), { renderer: 'mermaid', cache: true });
    const first = await svgsIn(cache);
    expect(first.length).toBe(on.processes);

    const file = path.join(root, 'processes', 'sub', 'b-pay.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Collect attendance', 'Collect attendance records'));
    await buildInto(root, path.join(dir, 'c'), { renderer: 'mermaid', cache: true });
    const second = await svgsIn(cache);
    expect(second.length).toBe(on.processes);
    expect(second.filter((f) => !first.includes(f))).toHaveLength(1); // the edited process, drawn again
  });
});
