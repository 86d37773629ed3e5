/**
 * build, dev, review, mermaid, diagram and check speak the handbook's language: their usage errors,
 * failures and result lines (review's text report too) in Chinese under FLOWBOOK_LANG=zh or in a
 * handbook whose flowbook.yml says zh-CN, in English under FLOWBOOK_LANG=en. In-process.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doc } from '../helpers/handbook.js';
import { runInProcess } from '../helpers/run-cli.js';

/** A controlled Chinese document, with a review date when given. */
const processDoc = (o: { code: string; name: string; status?: string; review?: string }) => doc({ ...o, name: JSON.stringify(o.name), ...(o.review && { extra: `review: ${o.review}\n` }) });

const TODAY = '2026-11-27';


const DOCS = [
  { code: 'HR-A', name: '招聘流程', review: '2026-10-01' },
  { code: 'HR-B', name: '请假流程', review: '2026-12-10', status: 'uncontrolled' },
  { code: 'HR-C', name: '今天评审', review: TODAY },
  { code: 'HR-D', name: '一年后', review: '2027-12-01' },
];

let dir: string;
/** zh: flowbook.yml says zh-CN; bad: the same with a duplicate code. */
const hb = { zh: '', bad: '' };
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fb-words-bdr-'));
  const make = async (name: keyof typeof hb, docs: { code: string; name: string; status?: string; review?: string }[]) => {
    const root = path.join(dir, name);
    await mkdir(path.join(root, 'processes'), { recursive: true });
    await writeFile(path.join(root, 'flowbook.yml'), 'language: zh-CN\n');
    for (const [i, d] of docs.entries()) await writeFile(path.join(root, 'processes', `${d.code}-${i}.md`), processDoc(d));
    hb[name] = root;
  };
  await make('zh', DOCS);
  await make('bad', [DOCS[0]!, DOCS[0]!]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (lang: 'zh' | 'en' | undefined, ...args: string[]) => runInProcess(args, { NO_COLOR: '1', FLOWBOOK_LANG: lang });
const USAGE_ZH = '运行 "flowbook --help" 查看用法。\n';
const USAGE_EN = 'Run "flowbook --help" for usage.\n';

describe('flowbook review', () => {
  it('the text report in Chinese (flowbook.yml says zh-CN), an aligned table with the site’s words', async () => {
    for (const lang of [undefined, 'zh'] as const) {
      const r = await cli(lang, 'review', hb.zh, '--today', TODAY);
      expect(r.code, r.err).toBe(0);
      const lines = r.out.split('\n');
      expect(lines[0]).toMatch(/^编码\s+流程名称\s+受控状态\s+执行核心部门\s+控制部门\s+下次评审\s+到期情况$/);
      expect(lines[1]).toMatch(/^HR-A\s+招聘流程\s+受控\s+人力资源部\s+人力资源总监\s+2026-10-01\s+已逾期 57 天$/);
      expect(lines[2]).toMatch(/^HR-C\s+今天评审\s+受控\s+.*\s+2026-11-27\s+今天到期$/);
      expect(lines[3]).toMatch(/^HR-B\s+请假流程\s+非受控\s+.*\s+2026-12-10\s+13 天后到期$/);
      expect(lines.slice(4)).toEqual(['', '截至 2026-12-27 有 3 个流程到期评审（今天为 2026-11-27，查看范围 30d），其中 1 个已逾期。', '']);
    }
  });

  it('the same report in English under FLOWBOOK_LANG=en', async () => {
    const r = await cli('en', 'review', hb.zh, '--today', TODAY);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^CODE\s+NAME\s+STATUS\s+OWNER\s+CONTROL\s+REVIEW\s+DUE$/);
    expect(lines[1]).toMatch(/^HR-A\s+招聘流程\s+controlled\s+.*57 days overdue$/);
    expect(lines[2]).toMatch(/due today$/);
    expect(lines[3]).toMatch(/^HR-B\s+请假流程\s+uncontrolled\s+.*in 13 days$/);
    expect(lines.slice(4)).toEqual(['', '3 processes are due for review by 2026-12-27 (today 2026-11-27, within 30d); 1 overdue.', '']);
  });

  it('nothing due, in both languages; JSON and CSV stay as they are', async () => {
    expect((await cli(undefined, 'review', hb.zh, '--today', '2020-01-01', '--within', '0')).out).toBe('截至 2020-01-01 没有到期评审的流程（今天为 2020-01-01，查看范围 0d）。\n');
    expect((await cli('en', 'review', hb.zh, '--today', '2020-01-01', '--within', '0')).out).toBe('No processes are due for review by 2020-01-01 (today 2020-01-01, within 0d).\n');
    const json = JSON.parse((await cli('zh', 'review', hb.zh, '--today', TODAY, '--format', 'json')).out);
    expect(Object.keys(json)).toEqual(['formatVersion', 'today', 'within', 'until', 'count', 'overdue', 'processes']);
    expect(json.processes[0]).toMatchObject({ code: 'HR-A', status: 'controlled', daysLeft: -57, overdue: true });
    expect((await cli('zh', 'review', hb.zh, '--today', '2020-01-01', '--within', '0', '--format', 'csv')).out).toBe('code,name,status,owner,control,review,daysLeft,overdue,file\r\n');
  });

  it('a bad --within, in both languages', async () => {
    const bad = await cli(undefined, 'review', hb.zh, '--within', '30x');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(`flowbook: --within "30x" 不是有效的时间范围；请写天数、周数或月数，例如 30d、8w、3m（只写数字如 30 表示天数）。\n${USAGE_ZH}`);
    const long = await cli('zh', 'review', hb.zh, '--within', '999999d');
    expect(long.err).toBe(`flowbook: --within "999999d" 太长；最长只能是 100 年。\n${USAGE_ZH}`);
    expect((await cli('en', 'review', hb.zh, '--within', '30x')).err).toBe(
      `flowbook: --within "30x" is not a window; write a number of days, weeks or months, e.g. 30d, 8w, 3m (or 30 for days).\n${USAGE_EN}`,
    );
    expect((await cli('en', 'review', hb.zh, '--within', '999999d')).err).toBe(`flowbook: --within "999999d" is too long; the longest window is 100 years.\n${USAGE_EN}`);
  });

  it('a handbook with errors: the errors, then what to do, in its language', async () => {
    const zh = await cli(undefined, 'review', hb.bad, '--today', TODAY);
    expect(zh.code).toBe(1);
    expect(zh.out).toBe('');
    expect(zh.err).toContain('duplicate-code');
    expect(zh.err.endsWith('flowbook review 要求手册没有错误：请先修正这些错误（可运行 "flowbook check" 查看），再重新运行。\n')).toBe(true);
    const en = await cli('en', 'review', hb.bad, '--today', TODAY);
    expect(en.err.endsWith('flowbook review needs a handbook without errors: fix them (see "flowbook check"), then run it again.\n')).toBe(true);
  });
});

describe('flowbook mermaid and diagram', () => {
  it('an unknown code, with a suggestion', async () => {
    const zh = await cli(undefined, 'mermaid', 'HR-AA', hb.zh, '--today', TODAY);
    expect(zh.code).toBe(1);
    expect(zh.err).toBe('flowbook: 没有编码为 "HR-AA" 的流程，也没有这个文件。是不是要找 "HR-A"？运行 "flowbook check" 可列出全部文件，也可以直接给出文件路径。\n');
    const en = await cli('en', 'diagram', 'HR-AA', hb.zh, '--today', TODAY);
    expect(en.err).toBe('flowbook: no process has the code "HR-AA", and no such document exists. Did you mean "HR-A"? Run "flowbook check" to list the documents, or give the path of one.\n');
  });

  it('a file that is not a process document', async () => {
    const file = path.join(hb.zh, 'flowbook.yml');
    const zh = await cli('zh', 'diagram', file, hb.zh, '--today', TODAY);
    expect(zh.code).toBe(1);
    expect(zh.err).toBe(`flowbook: "${file}" 不是 ${hb.zh} 处手册的流程文件（流程文件都在其 processes/ 文件夹中）。\n`);
    const en = await cli('en', 'mermaid', file, hb.zh, '--today', TODAY);
    expect(en.err).toBe(`flowbook: "${file}" is not a process document of the handbook at ${hb.zh} (documents live in its processes/ folder).\n`);
  });

  it('a handbook with errors', async () => {
    const zh = await cli(undefined, 'mermaid', 'HR-A', hb.bad, '--today', TODAY);
    expect(zh.code).toBe(1);
    expect(zh.err.endsWith('flowbook mermaid 要求手册没有错误：请先修正这些错误（可运行 "flowbook check" 查看），再重新运行。\n')).toBe(true);
    const en = await cli('en', 'diagram', 'HR-A', hb.bad, '--today', TODAY);
    expect(en.err.endsWith('flowbook diagram needs a handbook without errors: fix them (see "flowbook check"), then run it again.\n')).toBe(true);
  });

  it('diagram: a bad --renderer, an output folder that does not exist, the file written', async () => {
    expect((await cli(undefined, 'diagram', 'HR-A', hb.zh, '--renderer', 'dot')).err).toBe(`flowbook: --renderer 只能是 native、mermaid 之一，不能是 "dot"。\n${USAGE_ZH}`);
    expect((await cli('en', 'diagram', 'HR-A', hb.zh, '--renderer', 'dot')).err).toBe(`flowbook: --renderer must be one of native, mermaid, not "dot".\n${USAGE_EN}`);
    const nowhere = path.join(dir, 'no-such-folder', 'a.svg');
    const missing = await cli(undefined, 'diagram', 'HR-A', hb.zh, '--today', TODAY, '-o', nowhere);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`flowbook: 无法写入 ${nowhere}：所在文件夹不存在。\n`);
    expect((await cli('en', 'diagram', 'HR-A', hb.zh, '--today', TODAY, '-o', nowhere)).err).toBe(`flowbook: cannot write ${nowhere}: its folder does not exist\n`);
    const svg = path.join(dir, 'a.svg');
    const zh = await cli(undefined, 'diagram', 'HR-A', hb.zh, '--today', TODAY, '-o', svg);
    expect(zh.code, zh.err).toBe(0);
    expect(zh.err).toBe(`已写入 ${svg}\n`);
    expect(await readFile(svg, 'utf8')).toContain('<svg');
    expect((await cli('en', 'diagram', 'HR-A', hb.zh, '--today', TODAY, '-o', svg)).err).toBe(`wrote ${svg}\n`);
  });
});

describe('flowbook build', () => {
  it('a bad --renderer', async () => {
    expect((await cli(undefined, 'build', hb.zh, '--renderer', 'dot')).err).toBe(`flowbook: --renderer 只能是 native 或 mermaid，不能是 "dot"。\n${USAGE_ZH}`);
    expect((await cli('en', 'build', hb.zh, '--renderer', 'dot')).err).toBe(`flowbook: --renderer must be native or mermaid, not "dot".\n${USAGE_EN}`);
  });

  it('a refused output folder: nothing written', async () => {
    const zh = await cli(undefined, 'build', hb.zh, '--out', hb.zh, '--today', TODAY);
    expect(zh.code).toBe(2);
    expect(zh.err).toBe(`flowbook: 输出文件夹 "${hb.zh}" 就是手册本身；在此生成会将其删除。请另选 --out，例如 --out site。未写入任何内容。\n`);
    const en = await cli('en', 'build', hb.zh, '--out', hb.zh, '--today', TODAY);
    expect(en.code).toBe(2);
    expect(en.err).toBe(`flowbook: the output folder "${hb.zh}" is the handbook itself; building there would delete it. Choose another --out, e.g. --out site. Nothing was written.\n`);
  });

  it('a broken template: the previous site is kept', async () => {
    const root = path.join(dir, 'template');
    await mkdir(path.join(root, 'templates'), { recursive: true });
    await mkdir(path.join(root, 'processes'));
    await writeFile(path.join(root, 'flowbook.yml'), 'language: zh-CN\n');
    await writeFile(path.join(root, 'processes', 'a.md'), processDoc(DOCS[0]!));
    await writeFile(path.join(root, 'templates/home.hbs'), '{{#each}}');
    const zh = await cli(undefined, 'build', root, '--today', TODAY, '--no-cache');
    expect(zh.code).toBe(1);
    expect(zh.err).toMatch(new RegExp(`^flowbook: 模板 ${escape(path.join(root, 'templates/home.hbs'))}.*：.+\\n原有网站保持不变。\\n$`, 's'));
    const en = await cli('en', 'build', root, '--today', TODAY, '--no-cache');
    expect(en.err).toMatch(/\nThe previous site was left as it was\.\n$/);
    expect(existsSync(path.join(root, 'site'))).toBe(false);
  });

  it('a handbook with errors: the catalogue line, in its language', async () => {
    const r = await cli(undefined, 'build', hb.bad, '--today', TODAY, '--no-cache');
    expect(r.code).toBe(1);
    expect(r.err.endsWith('未生成任何内容；原有网站保持不变。\n')).toBe(true);
  });
});

describe('flowbook dev', () => {
  it('a bad --port', async () => {
    expect((await cli(undefined, 'dev', hb.zh, '--port', 'abc')).err).toBe(`flowbook: --port 必须是 0 到 65535 之间的数字，不能是 "abc"。\n${USAGE_ZH}`);
    expect((await cli('en', 'dev', hb.zh, '--port', '70000')).err).toBe(`flowbook: --port must be a number from 0 to 65535, not "70000".\n${USAGE_EN}`);
  });

  it('a handbook folder that does not exist', async () => {
    const nowhere = path.join(dir, 'nowhere');
    const zh = await cli('zh', 'dev', nowhere);
    expect(zh.code).toBe(1);
    expect(zh.err).toBe(`flowbook: 手册文件夹 ${nowhere} 不存在。\n`);
    expect((await cli('en', 'dev', nowhere)).err).toBe(`flowbook: the handbook folder ${nowhere} does not exist.\n`);
  });

  it('an address of another computer: the warning, then the failure', async () => {
    // 203.0.113.1 (TEST-NET-3) is on no computer: listening fails after the first build.
    const zh = await cli(undefined, 'dev', hb.zh, '--host', '203.0.113.1', '--port', '0', '--today', TODAY);
    expect(zh.code).toBe(1);
    expect(zh.err).toContain('警告：正在 203.0.113.1 上监听，网络上凡是能访问这台计算机的人都能阅读手册。使用默认地址（127.0.0.1）可只允许本机访问。\n');
    expect(zh.err.endsWith('flowbook: 无法在 203.0.113.1 上监听：这台计算机没有这个地址。\n')).toBe(true);
    const en = await cli('en', 'dev', hb.zh, '--host', '203.0.113.1', '--port', '0', '--today', TODAY);
    expect(en.err).toContain(
      'warning: listening on 203.0.113.1: anyone who can reach this computer on the network can read the handbook. Use the default (127.0.0.1) to keep it to this computer.\n',
    );
    expect(en.err.endsWith('flowbook: cannot listen on 203.0.113.1: no such address on this computer.\n')).toBe(true);
  });
});

describe('flowbook check', () => {
  it('its text in the handbook’s language', async () => {
    const zh = await cli(undefined, 'check', hb.bad, '--today', TODAY);
    expect(zh.code).toBe(1);
    expect(zh.err).toContain('duplicate-code');
    expect(zh.err).toMatch(/[\u4e00-\u9fff]/);
    expect((await cli(undefined, 'check', hb.zh, '--format', 'yaml')).err).toBe(`flowbook: --format 只能是 text、json 之一，不能是 "yaml"。\n${USAGE_ZH}`);
  });
});
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
