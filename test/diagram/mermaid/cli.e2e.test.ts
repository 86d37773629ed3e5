/** `flowbook mermaid` and `flowbook diagram`, run in-process through the real command wiring. */
import './dom.js';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/main.js';
import { toMermaidSource } from '../../../src/diagram/mermaid/source.js';
import { loadHandbook } from '../../../src/load.js';
import { findChromium, NO_BROWSER_HELP } from '../../../src/util/browser.js';
import { doc } from '../../helpers/handbook.js';
import { parseDiagram } from './dom.js';
import { parseSvgXml } from './svg.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const TODAY = ['--today', '2026-11-27'];

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

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'flowbook-mermaid-cli-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('flowbook mermaid', () => {
  it('prints the source of a process named by its code, linking sibling process pages', async () => {
    const handbook = (await loadHandbook(REPO, { today: '2026-11-27' })).handbook!;
    const process = handbook.processes.find((p) => p.linksTo.length > 0) ?? handbook.processes[0]!;
    const result = await flowbook('mermaid', process.code, REPO, ...TODAY);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(toMermaidSource(process, { href: (c) => `${c}.html`, language: handbook.settings.language }));
    expect((await parseDiagram(result.stdout)).type).toBe('swimlane');
  });

  it('accepts the path of the document, from the working folder or from the handbook root', async () => {
    const handbook = (await loadHandbook(REPO, { today: '2026-11-27' })).handbook!;
    const process = handbook.processes[0]!;
    const byCode = await flowbook('mermaid', process.code, REPO, ...TODAY);
    expect((await flowbook('mermaid', path.join(REPO, process.file), REPO, ...TODAY)).stdout).toBe(byCode.stdout);
    expect((await flowbook('mermaid', process.file, REPO, ...TODAY)).stdout).toBe(byCode.stdout);
  });

  it('suggests the closest code for an unknown one, without a stack trace', async () => {
    const handbook = (await loadHandbook(REPO, { today: '2026-11-27' })).handbook!;
    const code = handbook.processes[0]!.code;
    const result = await flowbook('mermaid', code.slice(0, -1), REPO, ...TODAY);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`no process has the code "${code.slice(0, -1)}"`);
    expect(result.stderr).toContain('Did you mean');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('flowbook diagram', () => {
  it('writes a standalone SVG file with the native renderer: XML declaration, namespace, a size, no links', async () => {
    const handbook = (await loadHandbook(REPO, { today: '2026-11-27' })).handbook!;
    const process = handbook.processes.find((p) => p.linksTo.length > 0) ?? handbook.processes[0]!;
    const file = path.join(scratch, 'native.svg');
    const result = await flowbook('diagram', process.code, REPO, '--renderer', 'native', '-o', file, ...TODAY);
    expect(result.code).toBe(0);
    const svg = await readFile(file, 'utf8');
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    const root = parseSvgXml(svg).documentElement;
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(Number(root.getAttribute('width'))).toBeGreaterThan(0);
    expect(root.querySelectorAll('a')).toHaveLength(0);
  });

  it('rejects an unknown renderer as a usage error', async () => {
    const result = await flowbook('diagram', 'X', REPO, '--renderer', 'visio');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--renderer must be one of native, mermaid, not "visio"');
  });

  it('says to install a browser or use the native renderer when flowbook.yml names a missing browser', async () => {
    const root = path.join(scratch, 'no-browser');
    await mkdir(path.join(root, 'processes'), { recursive: true });
    await writeFile(path.join(root, 'flowbook.yml'), 'title: T\nbrowser: /nonexistent/chrome\n');
    await writeFile(path.join(root, 'processes', 'leave.md'), doc({ code: 'HR-AT-003' }));
    const result = await flowbook('diagram', 'HR-AT-003', root, '--renderer', 'mermaid', ...TODAY);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(NO_BROWSER_HELP);
    expect(result.stderr).toContain('or use --renderer native');
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it.skipIf(!findChromium())('writes a standalone SVG file with the Mermaid renderer, caching it under the handbook', async () => {
    // A handbook of its own, so the cache it writes is fresh and thrown away afterwards.
    const root = path.join(scratch, 'with-browser');
    await mkdir(path.join(root, 'processes'), { recursive: true });
    await writeFile(path.join(root, 'processes', 'leave.md'), doc({ code: 'HR-AT-003', name: '请假流程' }));
    const file = path.join(scratch, 'mermaid.svg');
    const result = await flowbook('diagram', 'HR-AT-003', root, '--renderer', 'mermaid', '-o', file, ...TODAY);
    expect(result.code).toBe(0);
    const svg = await readFile(file, 'utf8');
    const svgRoot = parseSvgXml(svg).documentElement;
    expect(svgRoot.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(svgRoot.getAttribute('role')).toBe('img');
    expect(svgRoot.getAttribute('width')).toMatch(/^[0-9]+$/);
    expect(svgRoot.querySelector('title')?.textContent).toBe('请假流程');
    expect(await readdir(path.join(root, '.flowbook-cache', 'mermaid'))).toHaveLength(1);
  }, 120_000);
});
