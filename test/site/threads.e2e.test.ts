/**
 * Worker threads change nothing in the output: a generated handbook built with and without them.
 * The search index, whose terms are made per process next to each page (on either thread), is
 * the one the search module makes from the whole handbook at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeGeneratedHandbook } from '../../bench/generate.js';
import { buildInto, listFiles, removeDir, tempDir } from './helpers.js';
import { loadHandbook } from '../../src/load.js';
import { buildSearchIndex } from '../../src/search/index.js';
import { markdownToHtml } from '../../src/view/markdown.js';
import { htmlToText } from '../../src/site/text.js';
import { processPath } from '../../src/view/paths.js';
import { buildSiteModel } from '../../src/site/index.js';
import { compileTemplates, readTemplateSources } from '../../src/site/templates.js';
import { renderProcessPages } from '../../src/site/process-pool.js';
import type { OutputFile } from '../../src/output/types.js';

let dir: string;
let root: string;

describe('threaded build', () => {
  beforeAll(async () => {
    dir = await tempDir();
    root = await writeGeneratedHandbook(path.join(dir, 'hb'), 200);
  });
  afterAll(() => removeDir(dir));

  it('gives byte-identical output with one worker, and uses it', async () => {
    const one = await buildInto(root, path.join(dir, 'one'), { threads: 0 });
    const two = await buildInto(root, path.join(dir, 'two'), { threads: 1 });
    expect(one.ok && two.ok).toBe(true);
    expect(two.stages.find((s) => s.name === 'pages')?.threads).toBe(2);
    const files = await listFiles(path.join(dir, 'one'));
    expect(await listFiles(path.join(dir, 'two'))).toEqual(files);
    expect(files.filter((f) => f.startsWith('p/') && f.endsWith('.html')).length).toBe(200);
    for (const f of files) expect((await readFile(path.join(dir, 'two', f))).equals(await readFile(path.join(dir, 'one', f))), f).toBe(true);

    const { handbook } = await loadHandbook(root, { today: '2026-02-01' });
    const published = handbook!.processes.filter((p) => p.status !== 'draft');
    const whole = buildSearchIndex(published, { pageHref: processPath, language: 'zh-CN', bodyText: (p) => htmlToText(markdownToHtml(p.body, 'zh-CN')) });
    expect(whole.length).toBeGreaterThan(3);
    for (const f of whole) expect(await readFile(path.join(dir, 'two', f.path), 'utf8'), f.path).toBe(f.content);
    expect(files.filter((f) => f.startsWith('search/')).sort()).toEqual(whole.map((f) => f.path).sort());
  });

  it('stops and throws when the files cannot be taken, from this thread or from a worker', async () => {
    const { handbook } = await loadHandbook(root, { today: '2026-02-01' });
    const site = buildSiteModel(handbook!, { today: '2026-02-01' });
    const templateSources = await readTemplateSources();
    const input = { site, templateSources, templates: compileTemplates(templateSources), assets: { customCss: false, searchCss: true, searchJs: true }, cachedBodies: new Map(), threads: 1 };
    for (const failAt of [1, 150]) {
      let taken = 0;
      const onFiles = (files: OutputFile[]) => {
        taken += files.filter((f) => f.path.endsWith('.html')).length;
        if (taken >= failAt) throw new Error(`disk full after ${failAt}`);
      };
      await expect(renderProcessPages(input, undefined, onFiles)).rejects.toThrow(`disk full after ${failAt}`);
    }
    // Without a failure every page is handed over exactly once.
    const seen: string[] = [];
    const r = await renderProcessPages(input, undefined, (files) => seen.push(...files.map((f) => f.path)));
    expect(r.files).toEqual([]);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((f) => f.endsWith('.html')).length).toBe(200);
  });
});
