/**
 * The command line's own words (usage errors, failures, result lines) follow the handbook's
 * language: FLOWBOOK_LANG, else flowbook.yml's `language`, else the language the documents are
 * written in, else English. In-process (the command's run function), no child process.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commanderErrorWords } from '../../src/cli/commander-words.js';
import { runInProcess } from '../helpers/run-cli.js';

const doc = (code: string, name: string, roles: [string, string], steps: [string, string]) => `---
name: ${name}
code: ${code}
status: controlled
owner: ${roles[0]}
control: ${roles[1]}
roles: [${roles.join(', ')}]
steps:
  - role: ${roles[0]}
    text: ${steps[0]}
  - role: ${roles[1]}
    text: ${steps[1]}
---
`;
const chinese = doc('HR-AT-001', '请假流程', ['员工', '人力资源部'], ['提交请假申请', '审核并存档']);
const english = doc('CS-001', 'Parcel return', ['Customer', 'Agent'], ['Send the parcel back with the form', 'Check the parcel and refund']);

let dir: string;
const handbooks: Record<'zhSet' | 'zhRead' | 'enRead' | 'enSetOverChinese', string> = { zhSet: '', zhRead: '', enRead: '', enSetOverChinese: '' };
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fb-command-language-'));
  const make = async (name: keyof typeof handbooks, text: string, settings?: string) => {
    const root = path.join(dir, name);
    await mkdir(path.join(root, 'processes'), { recursive: true });
    await writeFile(path.join(root, 'processes', 'a.md'), text);
    if (settings !== undefined) await writeFile(path.join(root, 'flowbook.yml'), settings);
    handbooks[name] = root;
  };
  await make('zhSet', english, 'language: zh-CN\n');
  await make('zhRead', chinese);
  await make('enRead', english);
  await make('enSetOverChinese', chinese, 'language: en\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (lang: string | undefined, ...args: string[]) => runInProcess(args, { NO_COLOR: '1', FLOWBOOK_LANG: lang });

describe('the command line speaks the handbook language', () => {
  it('a usage error about a handbook set to Chinese (or written in Chinese) is in Chinese, with the usage line', async () => {
    for (const root of [handbooks.zhSet, handbooks.zhRead]) {
      const r = await cli(undefined, 'build', root, '--today', '2025-13-01');
      expect(r.code).toBe(2);
      expect(r.err).toBe('flowbook: --today "2025-13-01" 不是有效日期；请写成 YYYY-MM-DD，例如 --today 2025-01-31。\n运行 "flowbook --help" 查看用法。\n');
    }
  });

  it('in an English handbook (set, or read from its documents) the same error is in English', async () => {
    for (const root of [handbooks.enRead, handbooks.enSetOverChinese]) {
      const r = await cli(undefined, 'review', root, '--format', 'xml');
      expect(r.code).toBe(2);
      expect(r.err).toBe('flowbook: --format must be one of text, json, csv, not "xml".\nRun "flowbook --help" for usage.\n');
    }
  });

  it('FLOWBOOK_LANG wins over the handbook', async () => {
    const en = await cli('en', 'review', handbooks.zhSet, '--format', 'xml');
    expect(en.err).toContain('--format must be one of text, json, csv, not "xml".');
    const zh = await cli('zh', 'review', handbooks.enRead, '--format', 'xml');
    expect(zh.err).toBe('flowbook: --format 只能是 text、json、csv 之一，不能是 "xml"。\n运行 "flowbook --help" 查看用法。\n');
  });

  it('--root names the handbook too, and outside any handbook the words are English', async () => {
    const r = await cli(undefined, 'print', '--root', handbooks.zhRead, '--all', '--holder', 'x', '--paper', 'B5');
    expect(r.err).toContain('--paper：未知的纸张尺寸 "B5"。');
    const outside = await cli(undefined, 'build', path.join(dir, 'nowhere'), '--today', 'soon');
    expect(outside.err).toContain('--today "soon" is not a real date');
  });
});

/** Every TypeScript file of the command line (src/cli/ and its commands/). */
function cliSources(): Array<{ file: string; text: string }> {
  const root = path.resolve('src/cli');
  return [root, path.join(root, 'commands')].flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => ({ file: path.relative(process.cwd(), path.join(d, f)), text: readFileSync(path.join(d, f), 'utf8') })),
  );
}
const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** `new UsageError(` / `new UserError(` given a string or template literal instead of words(en, zh). */
const bareErrors = (text: string) => [...text.matchAll(/new\s+(UsageError|UserError)\(\s*(?=[`'"])/g)].map((m) => lineOf(text, m.index));
/** term.out / term.err given a literal with English words in it (a sentence not in words()). */
const bareLines = (text: string) =>
  [...text.matchAll(/term\.(out|err)\(\s*([`'"])((?:(?!\2)[^\\]|\\.)*)\2/g)].filter((m) => /[A-Za-z]{2,} [A-Za-z]{2,}/.test(m[3]!.replace(/\$\{[^}]*\}/g, ''))).map((m) => lineOf(text, m.index));

describe('the source of the command line', () => {
  const files = cliSources();

  it('finds the commands', () => {
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(['src/cli/options.ts', 'src/cli/commands/print.ts', 'src/cli/commands/init.ts', 'src/cli/commands/build.ts']));
  });

  it.each(files.map((f) => [f.file, f.text]))('%s gives its errors words(english, chinese) and writes no bare English sentence', (_file, text) => {
    expect(bareErrors(text)).toEqual([]);
    expect(bareLines(text)).toEqual([]);
  });

  it('the scan finds a bare error and a bare sentence, and lets words and data lines pass', () => {
    expect(bareErrors("throw new UsageError('--x is wrong.');\nthrow new UserError(\n  `bad ${x}`);\nthrow new UsageError(words('a', '甲'));")).toEqual([1, 2]);
    expect(bareLines("term.err('Nothing was built here\\n');\nterm.out(`  ${r.file}:${r.line} sha256: ${r.sha256}\\n`);\nterm.err(inLanguage(words('Built it', '已生成'), lang));")).toEqual([1]);
  });
});

describe("commander's usage errors", () => {
  const zh = (...args: string[]) => cli('zh', ...args);
  it('are in Chinese in a Chinese handbook, with the suggestion', async () => {
    expect(await zh('check', '--strit')).toEqual({ code: 2, out: '', err: "错误：未知选项 '--strit'（是否要用 --strict？）\n" });
    expect((await zh('chek')).err).toBe("错误：未知命令 'chek'（是否要用 check？）\n");
    expect((await zh('new', 'HR-AT-009')).err).toBe("错误：必须给出选项 '--name <name>'\n");
    expect((await zh('check', 'a', 'b')).err).toBe("错误：参数过多：'check' 命令最多接受 1 个参数，实际给了 2 个。\n");
    expect((await zh('build', '--out')).err).toBe("错误：选项 '--out <folder>' 缺少取值\n");
  });

  it('keep commander’s English words in English', async () => {
    expect(await cli('en', 'check', '--strit')).toEqual({ code: 2, out: '', err: "error: unknown option '--strit'\n(Did you mean --strict?)\n" });
    expect((await cli('en', 'check', 'a', 'b')).err).toBe("error: too many arguments for 'check'. Expected 1 argument but got 2.\n");
  });

  it('each known code in Chinese; an unknown one keeps its English', () => {
    expect(commanderErrorWords('commander.missingArgument', "error: missing required argument 'code'").zh).toBe("错误：缺少必需的参数 'code'");
    expect(commanderErrorWords('commander.conflictingOption', "error: option '--all' cannot be used with option '--recall'").zh).toBe("错误：选项 '--all' 不能与 选项 '--recall' 同时使用");
    expect(commanderErrorWords('commander.excessArguments', 'error: too many arguments. Expected 0 arguments but got 1.').zh).toBe('错误：参数过多：最多接受 0 个参数，实际给了 1 个。');
    expect(commanderErrorWords('commander.invalidArgument', "error: option '--x' argument 'y' is invalid.").zh).toBe("error: option '--x' argument 'y' is invalid.");
    expect(commanderErrorWords('commander.unknownOption', 'error: something commander says one day').zh).toBe('error: something commander says one day');
  });
});

describe('a command that reads the handbook itself', () => {
  it('approve speaks the language its own reading found (documents in Chinese, or flowbook.yml saying en)', async () => {
    const zh = await cli(undefined, 'approve', 'HR-AT-001', '--as', 'prepared', '--by', '张敏', '--date', '2026-12-01', '--root', handbooks.zhRead);
    expect(zh.code, zh.err).toBe(0);
    expect(zh.out).toMatch(/^HR-AT-001：已记录编制签署（张敏，2026-12-01）。\n/);
    const en = await cli(undefined, 'approve', 'HR-AT-001', '--as', 'prepared', '--by', '张敏', '--date', '2026-12-01', '--root', handbooks.enSetOverChinese);
    expect(en.code, en.err).toBe(0);
    expect(en.out).toMatch(/^HR-AT-001: prepared by 张敏 on 2026-12-01, recorded\.\n/);
  });
});
