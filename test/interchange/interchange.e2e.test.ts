/**
 * End to end: `flowbook export` and `flowbook import` as a user runs them, and the BPMN files drawn
 * by bpmn-js (its distributed viewer bundle, loaded from node_modules) in Chromium with no error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { flowbook, REPO } from '../helpers/cli.js';
import { CHROMIUM, launch, removeDir, tempDir, TODAY } from '../helpers/browser.js';

let tmp: string;
let root: string;

function handbook(from: string, name: string): string {
  const dir = path.join(tmp, name);
  cpSync(path.join(REPO, from, 'processes'), path.join(dir, 'processes'), { recursive: true });
  cpSync(path.join(REPO, from, 'flowbook.yml'), path.join(dir, 'flowbook.yml'));
  return dir;
}

beforeAll(() => {
  tmp = tempDir('fb-interchange-');
  root = handbook('.', 'example');
});
afterAll(() => removeDir(tmp));

describe('flowbook export / import', () => {
  it('exports every process as BPMN, draw.io and one workbook', () => {
    for (const format of ['bpmn', 'drawio', 'xlsx']) {
      const r = flowbook(['export', '--all', '--format', format, '--root', root, '--today', TODAY]);
      expect(r.code, r.all).toBe(0);
    }
    const files = readdirSync(path.join(root, 'export'));
    expect(files.filter((f) => f.endsWith('.bpmn')).length).toBe(26);
    expect(files.filter((f) => f.endsWith('.drawio')).length).toBe(26);
    expect(files).toContain('流程步骤表.xlsx');
  });

  it('refuses bad usage with exit 2 and a message', () => {
    expect(flowbook(['export', '--format', 'bpmn', '--root', root]).code).toBe(2);
    expect(flowbook(['export', '--all', '--format', 'pdf', '--root', root]).stderr).toMatch(/--format must be one of bpmn, drawio, xlsx/);
    const r = flowbook(['import', path.join(root, 'export/HR-AT-003.bpmn'), '--root', root, '--code', 'bad code!']);
    expect(r.code).toBe(2);
  });

  it('imports a step table and a BPMN file into documents that pass check; never overwrites without --force', () => {
    const csv = path.join(tmp, '加班.csv');
    writeFileSync(csv, '\uFEFF序号,行为实施环节,管理行为,下一步,类型,说明\r\n1,员工,填写加班申请,,,\r\n2,部门负责人,审批,同意→3; 不同意→1,判断,"=1+1"\r\n3,人力资源部,考勤记录,,,\r\n');
    let r = flowbook(['import', csv, '--code', 'HR-AT-099', '--root', root, '--today', TODAY]);
    expect(r.code, r.all).toBe(0);
    const doc = readFileSync(path.join(root, 'processes/HR-AT-099.md'), 'utf8');
    expect(doc).toContain('name: 加班');
    expect(doc).toContain('note: "=1+1"');
    r = flowbook(['import', csv, '--code', 'HR-AT-099', '--root', root, '--today', TODAY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/processes\/HR-AT-099.md already exists\. Use --force/);
    expect(flowbook(['import', csv, '--code', 'HR-AT-099', '--root', root, '--force', '--today', TODAY]).code).toBe(0);

    r = flowbook(['import', path.join(root, 'export/HR-AT-003.bpmn'), '--code', 'HR-AT-098', '--out', path.join(root, 'processes/imported/at-098.md'), '--root', root, '--today', TODAY]);
    expect(r.code, r.all).toBe(0);
    expect(flowbook(['check', root, '--today', TODAY]).code).toBe(0);
  });

  it('never writes outside processes/ nor through a symbolic link; errors name sheet, row and column', () => {
    const csv = path.join(tmp, 'bad.csv');
    writeFileSync(csv, '序号,行为实施环节,管理行为,下一步\n1,员工,a,7\n');
    let r = flowbook(['import', csv, '--code', 'HR-X-1', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.csv, sheet "bad", row 2, column D (下一步): "7" leads to step "7", which is not in the table');
    writeFileSync(csv, '序号,行为实施环节,管理行为\n1,员工,a\n');
    r = flowbook(['import', csv, '--code', 'HR-X-1', '--root', root, '--out', path.join(tmp, 'outside.md')]);
    expect(r.code).toBe(2);
    expect(existsSync(path.join(tmp, 'outside.md'))).toBe(false);
    r = flowbook(['import', csv, '--code', 'HR-X-1', '--root', root, '--out', path.join(root, 'processes/../../escape.md')]);
    expect(r.code).toBe(2);
    mkdirSync(path.join(tmp, 'elsewhere'));
    symlinkSync(path.join(tmp, 'elsewhere'), path.join(root, 'processes/linked'));
    r = flowbook(['import', csv, '--code', 'HR-X-1', '--root', root, '--out', path.join(root, 'processes/linked/x.md')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/symbolic link/);
    expect(readdirSync(path.join(tmp, 'elsewhere'))).toEqual([]);
  });

  it('exports the hostile handbooks (120 steps, 25 lanes, injections) to every format', () => {
    for (const from of ['test/fixtures/mermaid-hostile', 'test/fixtures/hostile', 'test/fixtures/security']) {
      const dir = handbook(from, path.basename(from));
      for (const format of ['bpmn', 'drawio', 'xlsx']) {
        const r = flowbook(['export', '--all', '--format', format, '--root', dir, '--today', TODAY]);
        expect(r.code, `${from} ${format}: ${r.all}`).toBe(0);
      }
    }
  });
});

describe.skipIf(!CHROMIUM)('bpmn-js draws the exported BPMN', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
    // The BPMN files of the example and hostile handbooks (written by the tests above when they ran).
    for (const [from, name] of [['.', 'example'], ['test/fixtures/mermaid-hostile', 'mermaid-hostile'], ['test/fixtures/hostile', 'hostile'], ['test/fixtures/security', 'security']] as const) {
      const dir = existsSync(path.join(tmp, name)) ? path.join(tmp, name) : handbook(from, name);
      if (!existsSync(path.join(dir, 'export'))) expect(flowbook(['export', '--all', '--format', 'bpmn', '--root', dir, '--today', TODAY]).code).toBe(0);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders every file with no warning or error, with a shape per element', async () => {
    const dist = path.join(REPO, 'node_modules/bpmn-js/dist');
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    await page.setContent(
      `<!doctype html><meta charset="utf-8"><style>${readFileSync(path.join(dist, 'assets/diagram-js.css'), 'utf8')}${readFileSync(path.join(dist, 'assets/bpmn-js.css'), 'utf8')}` +
        'html,body,#c{margin:0;width:100%;height:100%}</style><div id="c"></div>',
    );
    await page.addScriptTag({ path: path.join(dist, 'bpmn-viewer.production.min.js') });
    const dirs = [path.join(root, 'export'), ...['mermaid-hostile', 'hostile', 'security'].map((n) => path.join(tmp, n, 'export'))];
    let drawn = 0;
    for (const dir of dirs)
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.bpmn')).sort()) {
        const xml = readFileSync(path.join(dir, f), 'utf8');
        const r = await page.evaluate(async (text) => {
          const w = window as unknown as { BpmnJS: new (o: unknown) => { importXML(x: string): Promise<{ warnings: { message: string }[] }>; get(n: string): any; destroy(): void } };
          document.querySelector('#c')!.innerHTML = '';
          const viewer = new w.BpmnJS({ container: '#c' });
          const result = await viewer.importXML(text);
          viewer.get('canvas').zoom('fit-viewport');
          const shapes = viewer.get('elementRegistry').filter((e: { type: string; waypoints?: unknown }) => !e.waypoints && e.type !== 'label' && e.type !== 'bpmn:Collaboration').length;
          (window as unknown as { viewer: unknown }).viewer = viewer;
          return { warnings: result.warnings.map((x) => x.message), shapes };
        }, xml);
        expect(r.warnings, f).toEqual([]);
        const expected = [...xml.matchAll(/<bpmndi:BPMNShape /g)].length;
        expect(r.shapes, f).toBe(expected);
        if (['HR-PM-001.bpmn', 'MH-STEPS-120.bpmn', 'MH-LANES-25.bpmn', 'X-1.bpmn'].includes(f)) await page.screenshot({ path: path.join('/tmp', `flowbook-bpmn-${f.replace('.bpmn', '')}.png`) });
        drawn++;
      }
    expect(drawn).toBeGreaterThanOrEqual(26 + 8);
    expect(problems).toEqual([]);
    // The security fixture's texts try to run script (window.__pwned); bpmn-js must show them as text.
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => document.querySelectorAll('#c script, #c img, #c iframe, #c x-pwn').length)).toBe(0);
    await page.close();
  }, 180_000);
});
