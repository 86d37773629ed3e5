/**
 * What `flowbook build` tells: processes built and drafts left out, the language when flowbook.yml
 * does not set it (and how to set it), each stage's time with --timings; in the handbook's
 * language, or FLOWBOOK_LANG's. In-process (the command's run function), no child process.
 */
import { runInProcess } from '../helpers/run-cli.js';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtLine, timingsTable } from '../../src/cli/commands/build.js';
import { languageNote, say } from '../../src/diagnostics/messages.js';

const cli = (env: Record<string, string>, ...args: string[]) => runInProcess(args, env);

const english = (code: string, status = 'controlled') => `---
name: Parcel return ${code}
code: ${code}
status: ${status}
owner: Customer Service
control: Service Manager
roles: [Customer, Agent]
steps:
  - role: Customer
    text: Send the parcel back with the return form
  - role: Agent
    text: Check the parcel and refund the customer
signoff:
  prepared: { by: Ann Lee, date: 2024-05-20 }
  reviewed: { by: Bo Chan, date: 2024-05-25 }
  approved: { by: Cy Diaz, date: 2024-05-28 }
---
Returns are accepted within thirty days of delivery when the goods are unused and complete.
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fb-build-output-'));
  await mkdir(path.join(dir, 'processes'));
  await writeFile(path.join(dir, 'processes', 'a.md'), english('CS-001'));
  await writeFile(path.join(dir, 'processes', 'b.md'), english('CS-002'));
  await writeFile(path.join(dir, 'processes', 'c.md'), english('CS-003', 'draft'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('flowbook build output', () => {
  it('an English handbook without flowbook.yml is built in English, and build says so and how to choose', async () => {
    const r = await cli({ NO_COLOR: '1' }, 'build', dir, '--today', '2026-12-06', '--no-cache', '--timings');
    expect(r.code).toBe(0);
    expect(r.err).toContain('note: the interface language is en (English), chosen from the documents (0% Han characters) because flowbook.yml does not set it; to choose, write language: en (or language: zh-CN) in flowbook.yml.');
    expect(r.out).toMatch(/^Built 2 processes \(1 draft left out: --drafts to include\), \d+ pages in \d+\.\d\d s -> /);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(path.join(dir, 'site', 'index.html'), 'utf8')).toMatch(/<html lang="en"/);
    // --timings: every stage that ran, in order, then the total.
    const table = r.out.slice(r.out.indexOf('Stages:'));
    const stages = [...table.matchAll(/^ {2}(\w+) +([\d.]+) ms/gm)].map((m) => m[1]);
    expect(stages).toEqual(['load', 'diagrams', 'markdown', 'pages', 'search', 'write', 'total']);
  });

  it('FLOWBOOK_LANG=zh: the same in Chinese', async () => {
    const r = await cli({ NO_COLOR: '1', FLOWBOOK_LANG: 'zh' }, 'build', dir, '--today', '2026-12-06', '--no-cache', '--drafts');
    expect(r.code).toBe(0);
    expect(r.err).toContain('注意：界面语言为 en（英文），因 flowbook.yml 未设置，按文档文字选定');
    expect(r.out).toMatch(/^已生成 3 个流程，\d+ 个页面，用时 \d+\.\d\d 秒 -> /);
    expect(r.out).not.toContain('各阶段用时');
  });

  it('no note when flowbook.yml sets the language', async () => {
    await writeFile(path.join(dir, 'flowbook.yml'), 'language: en\n');
    try {
      const r = await cli({ NO_COLOR: '1' }, 'build', dir, '--today', '2026-12-06', '--no-cache');
      expect(r.err).not.toContain('interface language');
    } finally {
      await rm(path.join(dir, 'flowbook.yml'));
    }
  });
});

describe('flowbook new in a handbook without language', () => {
  it("writes the template in the documents' language", async () => {
    const r = await cli({ NO_COLOR: '1' }, 'new', 'CS-009', '--name', 'Refund', '--root', dir, '--today', '2026-12-06');
    expect(r.code).toBe(0);
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(path.join(dir, 'processes', 'CS-009.md'), 'utf8');
    await rm(path.join(dir, 'processes', 'CS-009.md'));
    expect(text).toContain('roles: [Applicant, Line manager, HR department]');
    expect(text).not.toMatch(/\p{Script=Han}/u);
  });
});

describe('the words', () => {
  it('says how many pages the cache kept, in both languages', () => {
    expect(say('en', 'pagesReused', { reused: 30, pages: 31 })).toBe('30 of 31 pages had not changed since the last build and were kept (.flowbook-cache/; --no-cache builds every page)');
    expect(say('zh', 'pagesReused', { reused: 30, pages: 31 })).toBe('31 个页面中有 30 个自上次生成以来未变，已沿用（.flowbook-cache/；加 --no-cache 全部重新生成）');
  });

  it('builtLine: singular, plural, drafts, both languages', () => {
    const base = { pages: 31, ms: 1234 };
    expect(builtLine({ ...base, processes: 25, draftsLeftOut: 1 }, 'en', 'site/')).toBe('Built 25 processes (1 draft left out: --drafts to include), 31 pages in 1.23 s -> site/');
    expect(builtLine({ ...base, processes: 1, draftsLeftOut: 2 }, 'en', 'site/')).toBe('Built 1 process (2 drafts left out: --drafts to include), 31 pages in 1.23 s -> site/');
    expect(builtLine({ ...base, processes: 25, draftsLeftOut: 0 }, 'en', 'site/')).toBe('Built 25 processes, 31 pages in 1.23 s -> site/');
    expect(builtLine({ ...base, processes: 25, draftsLeftOut: 1 }, 'zh', 'site/')).toBe('已生成 25 个流程（未包含 1 个草稿：加 --drafts 可包含），31 个页面，用时 1.23 秒 -> site/');
  });

  it('timingsTable: aligned, threads named where a stage was shared', () => {
    const t = timingsTable({ ms: 900, stages: [{ name: 'load', ms: 120.4 }, { name: 'pages', ms: 612, threads: 2 }, { name: 'write', ms: 3.25 }] }, 'en');
    expect(t).toBe('Stages:\n  load     120 ms\n  pages    612 ms (summed over 2 threads)\n  write    3.3 ms\n  total    900 ms\n');
  });

  it('languageNote: only when flowbook.yml does not set the language', () => {
    expect(languageNote({ language: { language: 'zh-CN', from: 'settings', hanShare: 1 } }, 'en')).toBeUndefined();
    expect(languageNote({ language: { language: 'zh-CN', from: 'default' } }, 'en')).toMatch(/the default: flowbook.yml does not set it/);
    expect(languageNote({ language: { language: 'zh-CN', from: 'documents', hanShare: 0.97 } }, 'zh')).toContain('汉字占 97%');
  });
});
