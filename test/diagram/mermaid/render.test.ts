/**
 * The Mermaid renderer without a browser: the message that says how to get one, and the cache that
 * makes one unnecessary (and its pruning). Drawing in Chromium: render.e2e.test.ts.
 */
import { diskSvgCache } from '../../../src/output/svg-cache.js';
import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowbookError } from '../../../src/diagnostics/errors.js';
import { renderDiagrams } from '../../../src/diagram/index.js';
import { cacheKey, type MermaidRenderStats } from '../../../src/diagram/mermaid/render.js';
import { toMermaidSource } from '../../../src/diagram/mermaid/source.js';
import type { Process } from '../../../src/model/types.js';
import { NO_BROWSER_HELP } from '../../../src/util/browser.js';
import { makeProcess } from './processes.js';

const href = (_from: Process, code: string) => `${code}.html`;
let cacheRoot: string;

beforeAll(async () => {
  cacheRoot = await mkdtemp(path.join(tmpdir(), 'flowbook-mermaid-'));
});
afterAll(async () => {
  await rm(cacheRoot, { recursive: true, force: true });
});

describe('Mermaid renderer without a browser', () => {
  const process = makeProcess({ roles: ['A'], steps: [{ role: 'A', text: 'one' }] });

  it('says how to get one, or to use the native renderer', async () => {
    const error = await renderDiagrams([process], { renderer: 'mermaid', href, browser: '/nonexistent/chrome' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowbookError);
    expect((error as FlowbookError).code).toBe('mermaid-no-browser');
    expect((error as Error).message).toContain(NO_BROWSER_HELP);
    expect((error as Error).message).toContain('or use --renderer native');
  });

  it('needs none when every diagram is in the cache', async () => {
    const cacheDir = path.join(cacheRoot, 'prefilled');
    const source = toMermaidSource(process, { href: (c) => href(process, c) });
    await mkdir(cacheDir, { recursive: true });
    await writeFile(path.join(cacheDir, `${cacheKey({ code: process.code, source })}.svg`), '<svg id="cached"/>');
    const stats: MermaidRenderStats = { renders: 0, cacheHits: 0 };
    const svgs = await renderDiagrams([process], { renderer: 'mermaid', href, browser: '/nonexistent/chrome', cache: diskSvgCache(cacheDir), stats });
    expect(svgs.get(process.code)).toBe('<svg id="cached"/>');
    expect(stats).toEqual({ renders: 0, cacheHits: 1 });
  });

  it('prunes, when asked (a whole-site build), the cached diagrams this run did not use', async () => {
    const cacheDir = path.join(cacheRoot, 'prune');
    const key = cacheKey({ code: process.code, source: toMermaidSource(process, { href: (c) => href(process, c) }) });
    const stale = 'a'.repeat(64);
    await mkdir(cacheDir, { recursive: true });
    const files: Array<[string, string]> = [[`${key}.svg`, '<svg id="used"/>'], [`${stale}.svg`, '<svg id="stale"/>'], [`${stale}.svg.123-abcd.tmp`, 'being written'], ['notes.txt', 'not ours']];
    for (const [name, text] of files) await writeFile(path.join(cacheDir, name), text);
    await renderDiagrams([process], { renderer: 'mermaid', href, browser: '/nonexistent/chrome', cache: diskSvgCache(cacheDir) });
    expect((await readdir(cacheDir)).sort()).toEqual([`${key}.svg`, `${stale}.svg`, `${stale}.svg.123-abcd.tmp`, 'notes.txt'].sort());
    await renderDiagrams([process], { renderer: 'mermaid', href, browser: '/nonexistent/chrome', cache: diskSvgCache(cacheDir), pruneCache: true });
    expect((await readdir(cacheDir)).sort()).toEqual([`${key}.svg`, `${stale}.svg.123-abcd.tmp`, 'notes.txt'].sort());
  });
});
