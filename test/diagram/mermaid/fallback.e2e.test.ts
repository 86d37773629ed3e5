/**
 * The Mermaid renderer never takes a build down: a chart Mermaid cannot draw (it throws, times
 * out, draws nothing) gets the native chart, and the build names the process and says why in a
 * `mermaid-fallback` warning (an error under --strict, which leaves the previous site as it was).
 * Every hostile fixture builds with --renderer mermaid; one bad chart does not spoil the page that
 * drew it for the next chart; `flowbook dev` and `flowbook diagram` fall back the same way.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/main.js';
import { DevSite } from '../../../src/dev/incremental.js';
import { mermaidDiagramId, renderMermaidSvgs } from '../../../src/diagram/mermaid/render.js';
import { toMermaidSource } from '../../../src/diagram/mermaid/source.js';
import { loadHandbook } from '../../../src/load.js';
import { findChromium } from '../../../src/util/browser.js';
import { makeProcess } from './processes.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const FIXTURES = path.join(REPO, 'test', 'fixtures');
const TODAY = '2026-11-27';
/** Charts Mermaid's swimlane-beta cannot draw whatever the machine's speed (a step whose next points at itself). */
const ALWAYS_FALL_BACK: Readonly<Record<string, readonly string[]>> = {
  hostile: [],
  security: ['SEC-1'],
  'mermaid-hostile': ['MH-SELF', 'MH-SELF-ACTION'],
};

async function flowbook(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await run(['node', 'flowbook', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The process charts of a page: `mermaid` (Mermaid's `<svg id="fbm-...">`) or `native` (`class="fb-swimlane"`). */
function chartsOf(html: string, code: string): Array<'mermaid' | 'native'> {
  const charts: Array<'mermaid' | 'native'> = [];
  for (const [tag] of html.matchAll(/<svg\b[^>]*>/g)) {
    if (tag.includes(`id="${mermaidDiagramId(code)}"`)) charts.push('mermaid');
    else if (/\sclass="fb-swimlane"/.test(tag)) charts.push('native');
  }
  return charts;
}

/** Codes named by the `mermaid-fallback` lines of a build's messages, with their severity. */
function fallbacksIn(stderr: string): Map<string, string> {
  const named = new Map<string, string>();
  for (const m of stderr.matchAll(/ (warning|error) (?:\S+: )?Mermaid could not draw the chart of (\S+) \(.*\[mermaid-fallback\]$/gm)) named.set(m[2]!, m[1]!);
  return named;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'flowbook-fallback-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe.skipIf(!findChromium())('Mermaid renderer falls back to the native chart', () => {
  it.each(Object.keys(ALWAYS_FALL_BACK))(
    'builds test/fixtures/%s with --renderer mermaid: a chart on every page, every fallback named',
    async (fixture) => {
      const out = path.join(scratch, `site-${fixture}`);
      const root = path.join(FIXTURES, fixture);
      const r = await flowbook('build', root, '--renderer', 'mermaid', '--drafts', '--no-cache', '--out', out, '--today', TODAY);
      expect(r.stderr).not.toContain('internal error');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Built \d+ process/);

      const handbook = (await loadHandbook(root, { today: TODAY })).handbook!;
      const named = fallbacksIn(r.stderr);
      const native: string[] = [];
      for (const p of handbook.processes) {
        const charts = chartsOf(await readFile(path.join(out, 'p', `${p.code}.html`), 'utf8'), p.code);
        expect(charts, p.code).toHaveLength(1);
        if (charts[0] === 'native') native.push(p.code);
        // The Mermaid source stays downloadable either way.
        expect((await readFile(path.join(out, 'p', `${p.code}.mmd`), 'utf8')).startsWith('swimlane-beta'), p.code).toBe(true);
      }
      // Exactly the processes drawn natively are named, as warnings; the known ones among them.
      expect([...named.keys()].sort()).toEqual(native.sort());
      expect([...named.values()].every((s) => s === 'warning')).toBe(true);
      for (const code of ALWAYS_FALL_BACK[fixture]!) expect(native).toContain(code);
      if (named.size > 0) expect(r.stderr).toMatch(/0 errors, [1-9]\d* warnings?\./);
      console.log(`${fixture}: native fallback for ${native.length ? native.join(', ') : 'none'}`);
    },
    900_000,
  );

  it('says why: the self-pointing step, with where it is and what to do', async () => {
    const out = path.join(scratch, 'site-self');
    const root = await handbookWith(['self-decision.md']);
    const r = await flowbook('build', root, '--renderer', 'mermaid', '--out', out, '--today', TODAY);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'processes/self-decision.md warning steps[1].next: Mermaid could not draw the chart of MH-SELF (Mermaid failed: TypeError: ',
    );
    expect(r.stderr).toContain("as step 2's does; point it at an earlier step, or build with --renderer native.");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 300_000);

  it('fails under --strict, leaving the previous site as it was', async () => {
    const root = await handbookWith(['self-decision.md', 'emoji-rtl.md']);
    const out = path.join(scratch, 'site-strict');
    const first = await flowbook('build', root, '--renderer', 'mermaid', '--out', out, '--today', TODAY);
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshot(out);

    const strict = await flowbook('build', root, '--renderer', 'mermaid', '--strict', '--out', out, '--today', '2026-11-28');
    expect(strict.code).toBe(1);
    expect(fallbacksIn(strict.stderr)).toEqual(new Map([['MH-SELF', 'error']]));
    expect(strict.stderr).toContain('1 error, 0 warnings.');
    expect(strict.stderr).toContain('Nothing was built; the previous site was left as it was.');
    expect(await snapshot(out)).toEqual(before);
  }, 300_000);

  it('draws the good charts on either side of a bad one in the same page, as a fresh page would', async () => {
    // Longest source first: drawn in the order big, bad, small, all in one page (concurrency 1).
    const chain = (code: string, n: number) =>
      makeProcess({ code, roles: ['A', 'B'], steps: Array.from({ length: n }, (_, i) => ({ role: i % 2 ? 'B' : 'A', text: `step ${i + 1}` })) });
    const big = chain('GOOD-BIG', 8);
    const small = chain('GOOD-SMALL', 2);
    const bad = makeProcess({
      code: 'BAD',
      roles: ['A', 'B'],
      steps: [
        { role: 'A', text: 'one' },
        { role: 'B', text: 'again?', type: 'decision', next: [['yes', 2], ['no', 3]] },
        { role: 'A', text: 'three' },
      ],
    });
    const jobs = [big, bad, small].map((p) => ({ code: p.code, source: toMermaidSource(p, { href: () => undefined }) }));
    expect(jobs.map((j) => j.source.length)).toEqual([...jobs.map((j) => j.source.length)].sort((a, b) => b - a));

    const together = await renderMermaidSvgs(jobs, { concurrency: 1 });
    expect([...together.svgs.keys()]).toEqual(['GOOD-BIG', 'GOOD-SMALL']);
    expect(together.failures).toEqual([{ code: 'BAD', kind: 'error', reason: expect.stringMatching(/^Mermaid failed: TypeError: /) }]);
    expect(together.stats).toEqual({ renders: 2, cacheHits: 0 });
    for (const [code, svg] of together.svgs) expect(svg).toContain(`id="${mermaidDiagramId(code)}"`);

    // Each good chart byte for byte as drawn alone, in a page that never saw the bad one.
    const alone = await renderMermaidSvgs([jobs[0]!, jobs[2]!], { concurrency: 2 });
    expect(alone.failures).toEqual([]);
    expect(together.svgs).toEqual(alone.svgs);
  }, 300_000);

  it('flowbook dev serves the native chart and reports the warning', async () => {
    const root = await handbookWith(['self-decision.md', 'emoji-rtl.md'], 'renderer: mermaid\n');
    const site = new DevSite({ root, today: TODAY });
    const r = await site.rebuild('all');
    expect(r.ok).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === 'mermaid-fallback').map((d) => [d.file, d.severity])).toEqual([['processes/self-decision.md', 'warning']]);
    expect(chartsOf(site.files.get('p/MH-SELF.html')!.toString(), 'MH-SELF')).toEqual(['native']);
    expect(chartsOf(site.files.get('p/MH-EMOJI_RTL.1.html')!.toString(), 'MH-EMOJI_RTL.1')).toEqual(['mermaid']);
  }, 300_000);

  it('flowbook diagram --renderer mermaid writes the native chart, with the warning', async () => {
    const root = await handbookWith(['self-decision.md']);
    const r = await flowbook('diagram', 'MH-SELF', root, '--renderer', 'mermaid', '--today', TODAY);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<\?xml[^>]*\?>\n<svg [^>]*class="fb-swimlane"/);
    expect(fallbacksIn(r.stderr)).toEqual(new Map([['MH-SELF', 'warning']]));
  }, 300_000);
});

/** A new handbook in the scratch folder with these documents of test/fixtures/mermaid-hostile. */
async function handbookWith(files: readonly string[], settings = ''): Promise<string> {
  const root = await mkdtemp(path.join(scratch, 'handbook-'));
  await writeFile(path.join(root, 'flowbook.yml'), `title: Fallback\nlanguage: en\n${settings}`);
  for (const f of files) await cp(path.join(FIXTURES, 'mermaid-hostile', 'processes', f), path.join(root, 'processes', f), { recursive: true });
  return root;
}

/** Every file of a folder (path -> text). */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) files.set(path.relative(dir, path.join(e.parentPath, e.name)), await readFile(path.join(e.parentPath, e.name), 'utf8'));
  }
  return files;
}
