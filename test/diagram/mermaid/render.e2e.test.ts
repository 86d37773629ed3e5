/**
 * The Mermaid renderer in Chromium: every example diagram drawn once and cached, well-formed and
 * accessible SVG, lanes, steps and arrows as the source declares, hostile and random text drawn as
 * text, a time limit per diagram, the browser closed on every path. Without a browser: render.test.ts.
 */
import { diskSvgCache } from '../../../src/output/svg-cache.js';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderDiagrams, toStandaloneSvg } from '../../../src/diagram/index.js';
import { mermaidDiagramId, renderMermaidSvgs, type MermaidRenderStats } from '../../../src/diagram/mermaid/render.js';
import { shownText, toMermaidSource } from '../../../src/diagram/mermaid/source.js';
import { loadHandbook } from '../../../src/load.js';
import type { Process } from '../../../src/model/types.js';
import { findChromium } from '../../../src/util/browser.js';
import fc from 'fast-check';
import { HOSTILE_TEXTS, processWithText, randomText } from './processes.js';
import { parseSvgXml, readDrawnDiagram } from './svg.js';

// Record every browser the renderer launches, to check it is closed on every path.
const launched = vi.hoisted(() => [] as Browser[]);
vi.mock('../../../src/util/browser.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/util/browser.js')>();
  return {
    ...actual,
    launchChromium: async (executable: string) => {
      const browser = await actual.launchChromium(executable);
      launched.push(browser);
      return browser;
    },
  };
});

const REPO = new URL('../../../', import.meta.url).pathname;
/** Drawing takes a browser round trip per diagram: a fifth of the parser property test's runs. */
const DRAW_RUNS = Math.max(10, Math.round(Number(process.env.FLOWBOOK_FUZZ_RUNS ?? 100) / 5));
const href = (_from: Process, code: string) => `${code}.html`;
let cacheRoot: string;

beforeAll(async () => {
  cacheRoot = await mkdtemp(path.join(tmpdir(), 'flowbook-mermaid-'));
});
afterAll(async () => {
  await rm(cacheRoot, { recursive: true, force: true });
});

async function exampleProcesses(): Promise<readonly Process[]> {
  const result = await loadHandbook(REPO, { today: '2026-11-27' });
  if (!result.handbook) throw new Error('example handbook has errors; see flowbook check');
  return result.handbook.processes;
}

describe.skipIf(!findChromium())('Mermaid renderer in Chromium', () => {
  let processes: readonly Process[];
  let svgs: Map<string, string>;
  const stats: MermaidRenderStats = { renders: 0, cacheHits: 0 };
  const cacheDir = () => path.join(cacheRoot, 'example');
  const progress: [number, number][] = [];

  beforeAll(async () => {
    processes = await exampleProcesses();
    svgs = await renderDiagrams(processes, {
      renderer: 'mermaid',
      href,
      cache: diskSvgCache(cacheDir()),
      concurrency: 2,
      stats,
      onProgress: (done, total) => progress.push([done, total]),
    });
  }, 300_000);

  it('draws every process once, reporting progress, and closes the browser', () => {
    expect(stats).toEqual({ renders: processes.length, cacheHits: 0 });
    expect([...svgs.keys()]).toEqual(processes.map((p) => p.code));
    expect(progress.at(-1)).toEqual([processes.length, processes.length]);
    expect(launched.length).toBeGreaterThan(0);
    expect(launched.every((b) => !b.isConnected())).toBe(true);
  });

  it('writes well-formed XML: an image named by its title and description, every id prefixed and unique', () => {
    for (const process of processes) {
      const svg = svgs.get(process.code)!;
      const id = mermaidDiagramId(process.code);
      const document = parseSvgXml(svg);
      parseSvgXml(toStandaloneSvg(svg));
      const root = document.documentElement;
      expect(root.getAttribute('role')).toBe('img');
      const title = document.getElementById(root.getAttribute('aria-labelledby')!);
      const desc = document.getElementById(root.getAttribute('aria-describedby')!);
      expect(title?.tagName).toBe('title');
      expect(title?.textContent).toBe(process.name);
      expect(desc?.tagName).toBe('desc');
      expect(desc?.textContent).toContain(process.code);
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.getAttribute('id')!);
      expect(new Set(ids).size).toBe(ids.length);
      for (const other of ids) expect(other === id || /^[-_]/.test(other.replace(id, '')) || other.endsWith(`-${id}`), other).toBe(true);
      for (const link of document.querySelectorAll('a')) {
        const target = link.getAttribute('href') ?? link.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
        expect(target).toMatch(/^[A-Za-z0-9-]+\.html$/);
      }
    }
  });

  it('draws the lanes, steps, arrows and branch labels of each process', () => {
    for (const process of processes) {
      const drawn = readDrawnDiagram(svgs.get(process.code)!, mermaidDiagramId(process.code));
      expect(drawn.lanes).toEqual(process.roles.map((role, i) => ({ id: `lane${i + 1}`, title: role })));
      expect(Object.fromEntries(drawn.nodes)).toEqual(Object.fromEntries(process.steps.map((s) => [s.key, s.text])));
      const edge = (e: { from: string; to: string; label?: string }) => `${e.from}->${e.to}:${e.label ?? ''}`;
      expect(drawn.edges.map(edge).sort()).toEqual(process.steps.flatMap((s) => s.next.map(edge)).sort());
    }
  });

  it('draws lanes in the declared role order, left to right', () => {
    for (const process of processes) {
      const document = parseSvgXml(svgs.get(process.code)!);
      const xs = process.roles.map((_, i) => {
        const title = document.getElementById(`${mermaidDiagramId(process.code)}-lane${i + 1}`)?.querySelector('rect.swimlane-title');
        return Number(title?.getAttribute('x'));
      });
      expect(xs.every((x, i) => i === 0 || x > xs[i - 1]!), `${process.code}: ${xs.join(', ')}`).toBe(true);
    }
  });

  it('never draws an unchanged diagram twice, and draws only what changed', async () => {
    const again: MermaidRenderStats = { renders: 0, cacheHits: 0 };
    const second = await renderDiagrams(processes, { renderer: 'mermaid', href, cache: diskSvgCache(cacheDir()), stats: again });
    expect(again).toEqual({ renders: 0, cacheHits: processes.length });
    expect(second).toEqual(svgs);

    const changed = processes.map((p, i) => (i === 0 ? { ...p, name: `${p.name} (changed)` } : p));
    const third: MermaidRenderStats = { renders: 0, cacheHits: 0 };
    await renderDiagrams(changed, { renderer: 'mermaid', href, cache: diskSvgCache(cacheDir()), stats: third });
    expect(third).toEqual({ renders: 1, cacheHits: processes.length - 1 });
    expect((await readdir(cacheDir())).filter((f) => f.endsWith('.svg'))).toHaveLength(processes.length + 1);
  }, 120_000);

  /** Every text slot of `processWithText(text)` drawn as written, as text, with nothing active in it. */
  function expectDrawnAsWritten(text: string, process: Process, svg: string): void {
    const diagram = readDrawnDiagram(svg, mermaidDiagramId(process.code));
    // textContent has no line breaks: <br> elements carry them.
    const shown = (t: string) => shownText(t, 'label').replace(/\n/g, '');
    const what = JSON.stringify(text);
    expect(diagram.lanes.map((l) => l.title), what).toEqual(process.roles.map(shown));
    for (const step of process.steps) expect(diagram.nodes.get(step.key), what).toBe(shown(step.text));
    expect(diagram.edges.map((e) => e.label).filter(Boolean).sort(), what).toEqual(
      process.steps.flatMap((s) => s.next.flatMap((e) => (e.label === undefined ? [] : [shown(e.label)]))).sort(),
    );
    expect(diagram.document.querySelector('title')?.textContent, what).toBe(shownText(text, 'line'));
    const elements = [...diagram.document.querySelectorAll('*')];
    expect(elements.filter((e) => ['script', 'img', 'iframe', 'b', 'i', 'em', 'strong', 'del', 'code'].includes(e.localName)), what).toEqual([]);
    for (const e of elements) for (const a of e.attributes) expect(a.name, what).not.toMatch(/^on/i);
    expect(diagram.document.querySelectorAll('a'), what).toHaveLength(1); // the one process step's page
    const breaks = (t: string) => t.match(/\r\n|\r|\n/g)?.length ?? 0;
    const labels = [...process.roles, ...process.steps.map((s) => s.text), ...process.steps.flatMap((s) => s.next.map((e) => e.label ?? ''))];
    expect(diagram.document.querySelectorAll('br'), what).toHaveLength(labels.reduce((n, t) => n + breaks(t), 0));
  }

  it('draws hostile text as written, as text: no markup, scripts or links of its own', async () => {
    const hostile = HOSTILE_TEXTS.map((text, i) => processWithText(text, `X-${i}`));
    const drawn = await renderDiagrams(hostile, { renderer: 'mermaid', href });
    HOSTILE_TEXTS.forEach((text, i) => expectDrawnAsWritten(text, hostile[i]!, drawn.get(hostile[i]!.code)!));
  }, 300_000);

  it('draws random text as written (fast-check sample)', async () => {
    const texts = fc.sample(randomText, DRAW_RUNS);
    const random = texts.map((text, i) => processWithText(text, `R-${i}`));
    const drawn = await renderDiagrams(random, { renderer: 'mermaid', href });
    texts.forEach((text, i) => expectDrawnAsWritten(text, random[i]!, drawn.get(random[i]!.code)!));
  }, 600_000);

  it('gives up on a diagram that takes too long, naming the process, and closes the browser', async () => {
    const process = processWithText('slow', 'SLOW-1');
    const before = launched.length;
    const result = await renderMermaidSvgs([{ code: process.code, source: toMermaidSource(process, { href: () => undefined }) }], { timeoutMs: 1 });
    // Not an error any more: the caller draws it natively (fallback.e2e.test.ts).
    expect(result.svgs.size).toBe(0);
    expect(result.failures).toEqual([{ code: 'SLOW-1', kind: 'timeout', reason: 'Mermaid did not finish drawing it within 1 ms' }]);
    expect(launched.length).toBe(before + 1);
    expect(launched.at(-1)!.isConnected()).toBe(false);
  });
});
