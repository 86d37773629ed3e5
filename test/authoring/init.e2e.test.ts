/** `flowbook init` run as a user would: the files, check --strict on the result, never overwriting. */
import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, readdir, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { flowbook, REPO } from '../helpers/cli.js';
import { parseSettings } from '../../src/config/settings.js';

const TODAY = '2026-11-27';
const tmp = (p: string) => mkdtemp(path.join(tmpdir(), `fb-init-${p}-`));

async function tree(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await tree(dir, r)));
    else out.push(r);
  }
  return out.sort();
}

const FILES = ['.flowbook/process.schema.json', '.gitignore', '.vscode/settings.json', 'README.md', 'flowbook.yml', 'processes/HR-EX-001.md', 'processes/HR-EX-002.md'];

describe('flowbook init', () => {
  for (const language of ['zh-CN', 'en'] as const) {
    it(`creates a handbook that passes check --strict (${language})`, async () => {
      const root = path.join(await tmp(language), 'new', 'handbook');
      const r = flowbook(['init', root, '--language', language, '--today', TODAY]);
      expect(r.code, r.all).toBe(0);
      expect(await tree(root)).toEqual(FILES);
      for (const f of FILES) expect(r.stdout).toContain(f);
      for (const next of ['flowbook check', 'flowbook build', 'flowbook dev']) expect(r.stdout).toContain(next);

      const strict = flowbook(['check', root, '--strict', '--today', TODAY]);
      expect(strict.code, strict.all).toBe(0);
      expect(strict.stdout).toContain('2 documents checked: no problems.');
      // Review dates are comfortably ahead: still clean almost a year later.
      expect(flowbook(['check', root, '--strict', '--today', '2027-11-26']).code).toBe(0);

      const settings = parseSettings(await readFile(path.join(root, 'flowbook.yml'), 'utf8'));
      expect(settings.diagnostics).toEqual([]);
      expect(settings.settings.language).toBe(language);
      const example = await readFile(path.join(root, 'processes/HR-EX-001.md'), 'utf8');
      expect(example).toContain('type: decision');
      expect(example).toContain('type: process');
      expect(example).toContain('ref: HR-EX-002');
      expect(example).toContain(language === 'en' ? '## Notes' : '## 相关说明');
      expect(/[\u4e00-\u9fff]/.test(example)).toBe(language === 'zh-CN');

      expect(await readFile(path.join(root, '.flowbook/process.schema.json'), 'utf8')).toBe(await readFile(path.join(REPO, 'schema/process.schema.json'), 'utf8'));
      expect(JSON.parse(await readFile(path.join(root, '.vscode/settings.json'), 'utf8'))).toEqual({ 'yaml.schemas': { './.flowbook/process.schema.json': 'processes/**/*.md' } });
      const ignore = (await readFile(path.join(root, '.gitignore'), 'utf8')).split('\n');
      expect(ignore).toContain('site/');
      expect(ignore).toContain('.flowbook-cache/');
    });
  }

  it('defaults to zh-CN, the current folder and the clock, and takes --title and --organisation', async () => {
    const root = await tmp('default');
    const r = flowbook(['init', '--title', '人力资源: 流程 #1', '--organisation', '[测试] 公司'], { cwd: root });
    expect(r.code, r.all).toBe(0);
    const s = parseSettings(await readFile(path.join(root, 'flowbook.yml'), 'utf8')).settings;
    expect(s).toMatchObject({ language: 'zh-CN', title: '人力资源: 流程 #1', organisation: '[测试] 公司' });
    expect(flowbook(['check', '--strict'], { cwd: root }).code).toBe(0);
  });

  it('refuses to overwrite: lists the conflicts, writes nothing, exits 1', async () => {
    const root = await tmp('conflict');
    await mkdir(path.join(root, 'processes'));
    await writeFile(path.join(root, 'README.md'), 'mine\n');
    await writeFile(path.join(root, '.gitignore'), 'node_modules/\n');
    const r = flowbook(['init', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('README.md');
    expect(r.stderr).toContain('.gitignore');
    expect(r.stderr).not.toContain('flowbook.yml');
    expect(r.stderr).toContain('nothing was written');
    expect(await tree(root)).toEqual(['.gitignore', 'README.md']);
    expect(await readFile(path.join(root, 'README.md'), 'utf8')).toBe('mine\n');
    expect(r.all).not.toMatch(/\n\s+at /);
  });

  it('a second init in the same folder changes nothing', async () => {
    const root = await tmp('twice');
    expect(flowbook(['init', root, '--today', TODAY]).code).toBe(0);
    const before = await readFile(path.join(root, 'flowbook.yml'), 'utf8');
    const r = flowbook(['init', root, '--language', 'en']);
    expect(r.code).toBe(1);
    for (const f of FILES) expect(r.stderr).toContain(f);
    expect(await readFile(path.join(root, 'flowbook.yml'), 'utf8')).toBe(before);
  });

  it('a file where a folder must go is a conflict', async () => {
    const root = await tmp('folder');
    await writeFile(path.join(root, '.vscode'), '');
    const r = flowbook(['init', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('.vscode/settings.json');
    expect((await stat(path.join(root, '.vscode'))).isFile()).toBe(true);
    expect(await tree(root)).toEqual(['.vscode']);
  });

  it('bad usage exits 2', async () => {
    const root = await tmp('usage');
    for (const args of [['--language', 'fr'], ['--language', 'zh'], ['--today', '2025-02-30'], ['--title', ' ']]) {
      const r = flowbook(['init', root, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.all).not.toMatch(/\n\s+at /);
    }
    expect(await tree(root)).toEqual([]);
  });
});
