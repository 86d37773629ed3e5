/**
 * init, new, import and export speak the handbook's language: their usage errors, failures and
 * result lines are Chinese in a Chinese handbook (or under FLOWBOOK_LANG=zh) and English in an
 * English one (or under FLOWBOOK_LANG=en). init speaks the language of the handbook it creates
 * (--language), unless FLOWBOOK_LANG says. In-process (the command's run function).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-cli.js';

const TODAY = '2026-11-27';
const USAGE_ZH = '运行 "flowbook --help" 查看用法。\n';
const USAGE_EN = 'Run "flowbook --help" for usage.\n';
const INIT_FILES = ['flowbook.yml', 'processes/HR-EX-001.md', 'processes/HR-EX-002.md', '.flowbook/process.schema.json', '.vscode/settings.json', '.gitignore', 'README.md'];

/** FLOWBOOK_LANG: 'zh', 'en', or undefined (the handbook's language decides). */
const cli = (lang: 'zh' | 'en' | undefined, ...args: string[]) => runInProcess(args, { NO_COLOR: '1', FLOWBOOK_LANG: lang });

let dir: string;
const hb: Record<'zhNew' | 'enNew' | 'zhBroken' | 'zhImport' | 'enImport' | 'zhExport' | 'enExport', string> = {
  zhNew: '',
  enNew: '',
  zhBroken: '',
  zhImport: '',
  enImport: '',
  zhExport: '',
  enExport: '',
};
/** A step table of three steps in three roles (no owner: the import notes it). */
let csv: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fb-words-nie-'));
  for (const name of Object.keys(hb) as (keyof typeof hb)[]) {
    hb[name] = path.join(dir, name);
    const r = await cli('en', 'init', hb[name], '--language', name.startsWith('en') ? 'en' : 'zh-CN', '--today', TODAY);
    expect(r.code, r.err).toBe(0);
  }
  // One document with errors besides the examples.
  await writeFile(path.join(hb.zhBroken, 'processes', 'broken.md'), '---\nname: 坏的流程\ncode: HR-BAD-001\n---\n');
  csv = path.join(dir, '加班.csv');
  await writeFile(csv, '\uFEFF序号,行为实施环节,管理行为,下一步,类型,说明\r\n1,员工,填写加班申请,,,\r\n2,部门负责人,审批,同意→3; 不同意→1,判断,\r\n3,人力资源部,考勤记录,,,\r\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('flowbook init speaks the language of the handbook it creates', () => {
  const expectedZh = (cd: string) =>
    `已在 ${cd} 创建流程手册（zh-CN）：\n` +
    INIT_FILES.map((f) => `  ${f}`).join('\n') +
    '\n\n下一步：\n' +
    `  cd ${cd}\n` +
    '  flowbook check     检查流程文档\n' +
    '  flowbook new HR-AT-001 --name 加班流程   按模板新增一个流程\n' +
    '  flowbook build     生成网站，输出到 site/\n' +
    '  flowbook dev       边编辑边预览网站\n';
  const expectedEn = (cd: string, language: string, example: string) =>
    `Created a ${language} handbook in ${cd}:\n` +
    INIT_FILES.map((f) => `  ${f}`).join('\n') +
    '\n\nNext:\n' +
    `  cd ${cd}\n` +
    '  flowbook check     check the process documents\n' +
    `  flowbook new HR-AT-001 --name ${example}   add a process from the template\n` +
    '  flowbook build     build the website into site/\n' +
    '  flowbook dev       preview the website while you edit\n';

  it('--language zh-CN (the default): the result and the next steps in Chinese', async () => {
    const root = path.join(dir, 'init-zh');
    const r = await cli(undefined, 'init', root, '--today', TODAY);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(expectedZh(path.relative(process.cwd(), root)));
  });

  it('--language en: in English', async () => {
    const root = path.join(dir, 'init-en');
    const r = await cli(undefined, 'init', root, '--language', 'en', '--today', TODAY);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(expectedEn(path.relative(process.cwd(), root), 'en', '"Overtime request"'));
  });

  it('FLOWBOOK_LANG wins over --language (the example name still follows the handbook)', async () => {
    const en = path.join(dir, 'init-env-en');
    const r = await cli('en', 'init', en, '--today', TODAY);
    expect(r.out).toBe(expectedEn(path.relative(process.cwd(), en), 'zh-CN', '加班流程'));
    const zh = path.join(dir, 'init-env-zh');
    const z = await cli('zh', 'init', zh, '--language', 'en', '--today', TODAY);
    expect(z.out).toContain(`已在 ${path.relative(process.cwd(), zh)} 创建流程手册（en）：\n`);
    expect(z.out).toContain('  flowbook new HR-AT-001 --name "Overtime request"   按模板新增一个流程\n');
  });

  it('refuses to overwrite, in the language asked for', async () => {
    const zh = await cli(undefined, 'init', hb.zhNew);
    expect(zh.code).toBe(1);
    expect(zh.err).toBe(`flowbook: ${hb.zhNew} 中已有 init 要写的文件，未写入任何文件：\n${INIT_FILES.map((f) => `  ${f}`).join('\n')}\n请移走或重命名这些文件，或运行 "flowbook init <新文件夹>"。\n`);
    const en = await cli(undefined, 'init', hb.zhNew, '--language', 'en');
    expect(en.code).toBe(1);
    expect(en.err).toContain(`flowbook: ${hb.zhNew} already has files that init would write; nothing was written:\n`);
    expect(en.err).toContain('\nMove or rename them, or run "flowbook init <new-folder>".\n');
  });

  it('usage errors: Chinese by default, English with --language en (or one that looks English)', async () => {
    const root = path.join(dir, 'init-usage');
    expect((await cli(undefined, 'init', root, '--language', 'zh')).err).toBe(`flowbook: --language 只能是 zh-CN 或 en，不能是 "zh"。是否应为 zh-CN？\n${USAGE_ZH}`);
    expect((await cli(undefined, 'init', root, '--language', 'fr')).err).toBe(`flowbook: --language 只能是 zh-CN 或 en，不能是 "fr"。\n${USAGE_ZH}`);
    expect((await cli(undefined, 'init', root, '--language', 'EN')).err).toBe(`flowbook: --language must be zh-CN or en, not "EN". Did you mean en?\n${USAGE_EN}`);
    expect((await cli(undefined, 'init', root, '--title', ' ')).err).toBe(`flowbook: --title 不能为空。\n${USAGE_ZH}`);
    expect((await cli(undefined, 'init', root, '--language', 'en', '--organisation', '')).err).toBe(`flowbook: --organisation must not be empty.\n${USAGE_EN}`);
    expect((await cli(undefined, 'init', root, '--today', '2025-02-30')).err).toContain('flowbook: --today "2025-02-30" 不是有效日期');
  });

  it('a file where the folder should be', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, '');
    const zh = await cli(undefined, 'init', file);
    expect(zh.code).toBe(1);
    expect(zh.err).toBe(`flowbook: ${file} 已存在，但不是文件夹。\n`);
    expect((await cli(undefined, 'init', file, '--language', 'en')).err).toBe(`flowbook: ${file} exists and is not a folder.\n`);
  });
});

describe('flowbook new speaks the language of the handbook at --root', () => {
  it('in a Chinese handbook: the new document and the next step', async () => {
    const r = await cli(undefined, 'new', 'HR-AT-009', '--name', '加班流程', '--root', hb.zhNew, '--today', TODAY);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('已创建 processes/HR-AT-009.md（HR-AT-009，状态 draft）。\n已通过 "flowbook check"。请把各处 TODO 文字换成实际步骤，然后再运行一次 "flowbook check"。\n');
    expect(r.err).toBe('');
  });

  it('in an English handbook, and under FLOWBOOK_LANG=en, in English', async () => {
    const r = await cli(undefined, 'new', 'HR-AT-009', '--name', 'Overtime', '--root', hb.enNew, '--today', TODAY);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('Created processes/HR-AT-009.md (HR-AT-009, status draft).\nIt passes "flowbook check". Replace the TODO texts with the real steps, then run "flowbook check" again.\n');
    const e = await cli('en', 'new', 'HR-AT-010', '--name', '出差流程', '--root', hb.zhNew, '--today', TODAY);
    expect(e.out).toContain('Created processes/HR-AT-010.md (HR-AT-010, status draft).\n');
  });

  it('the new document\'s problems, and the errors in other files', async () => {
    const r = await cli(undefined, 'new', 'HR-AT-011', '--name', '报销流程', '--status', 'controlled', '--root', hb.zhNew, '--today', TODAY);
    expect(r.code).toBe(0);
    expect(r.out).toBe('已创建 processes/HR-AT-011.md（HR-AT-011，状态 controlled）。\n');
    expect(r.err).toContain('[incomplete-signoff]');
    expect(r.err).toMatch(/\nprocesses\/HR-AT-011\.md：1 个错误，0 个警告；文件已写入：发布前请先修正。\n$/);
    const b = await cli(undefined, 'new', 'HR-AT-012', '--name', '入职流程', '--root', hb.zhBroken, '--today', TODAY);
    expect(b.code).toBe(0);
    expect(b.err).toMatch(/^（其他文件中有 \d+ 个错误；运行 "flowbook check" 查看。）\n$/);
    const be = await cli('en', 'new', 'HR-AT-013', '--name', '离职流程', '--root', hb.zhBroken, '--today', TODAY);
    expect(be.err).toMatch(/^\(\d+ errors? in other files; run "flowbook check" to see them\.\)\n$/);
  });

  it('codes already used, in Chinese', async () => {
    const same = await cli(undefined, 'new', 'HR-EX-001', '--name', 'x', '--root', hb.zhNew);
    expect(same.code).toBe(1);
    expect(same.err).toBe('flowbook: 编码 "HR-EX-001" 已被 processes/HR-EX-001.md 使用。请换一个编码。\n');
    const cased = await cli(undefined, 'new', 'hr-ex-001', '--name', 'x', '--root', hb.zhNew);
    expect(cased.err).toBe('flowbook: 编码 "hr-ex-001" 与 processes/HR-EX-001.md 中的 "HR-EX-001" 只有大小写不同；编码用作文件名，而有些磁盘不区分大小写。请换一个编码。\n');
    const file = await cli(undefined, 'new', 'HR-AT-099', '--name', 'x', '--root', hb.zhNew, '--file', path.join(hb.zhNew, 'processes', 'HR-EX-002.md'));
    expect(file.err).toBe('flowbook: processes/HR-EX-002.md 已存在。请换一个编码，或用 --file 指定其他文件。\n');
    const en = await cli('en', 'new', 'HR-EX-001', '--name', 'x', '--root', hb.zhNew);
    expect(en.err).toBe('flowbook: code "HR-EX-001" is already used by processes/HR-EX-001.md. Choose another code.\n');
  });

  it('usage errors, in Chinese', async () => {
    const root = hb.zhNew;
    const usage = async (args: string[], zh: string) => {
      const r = await cli(undefined, 'new', ...args, '--root', root);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toBe(`flowbook: ${zh}\n${USAGE_ZH}`);
    };
    await usage(['HR AT', '--name', 'x'], '"HR AT" 不是有效的编码：编码 "HR AT" 只能包含字母、数字、"-"、"_" 和 "."，并以字母或数字开头（例如 HR-AT-009）。');
    await usage(['X-1', '--name', 'x', '--status', 'done'], '--status 只能是 controlled、uncontrolled、draft、obsolete 之一，不能是 "done"。');
    await usage(['X-1', '--name', 'x', '--roles', ' , '], '--roles 中没有角色；请用逗号分隔列出各角色，例如 --roles 员工,部门负责人,人力资源部。');
    await usage(['X-1', '--name', 'x', '--roles', '员工,员工'], '--roles 中 "员工" 出现了两次；每个角色是一条泳道。');
    await usage(['X-1', '--name', ' '], '--name 不能为空。');
    await usage(['X-1', '--name', 'x', '--owner', '\ud800'], '--owner 含有损坏的字符（孤立的 UTF-16 代理项）。');
    await usage(['X-1', '--name', 'x', '--file', path.join(root, 'processes', 'x.txt')], `--file ${path.join(root, 'processes', 'x.txt')} 必须以 .md 结尾：只有 .md 文件才是流程文档。`);
    await usage(['X-1', '--name', 'x', '--file', path.join(root, 'processes', '_x.md')], `--file ${path.join(root, 'processes', '_x.md')}：以 _ 或 . 开头的名称会被 flowbook 忽略（"_x.md"）；请换一个名称。`);
    const outside = path.join(dir, 'x.md');
    await usage(['X-1', '--name', 'x', '--file', outside], `--file ${outside} 不在手册的 processes/ 文件夹中；请写成 ${path.join(path.relative(process.cwd(), root), 'processes', 'X-1.md')} 这样的路径。`);
    const en = await cli('en', 'new', 'X-1', '--name', 'x', '--status', 'done', '--root', root);
    expect(en.err).toBe(`flowbook: --status must be one of controlled, uncontrolled, draft, obsolete, not "done".\n${USAGE_EN}`);
  });

  it('a folder that is no handbook: Chinese under FLOWBOOK_LANG=zh, else English (no handbook to tell)', async () => {
    const none = path.join(dir, 'not-a-handbook');
    await mkdir(none, { recursive: true });
    const zh = await cli('zh', 'new', 'X-1', '--name', 'x', '--root', none);
    expect(zh.code).toBe(1);
    expect(zh.err).toBe(`flowbook: ${none} 不是流程手册（没有 flowbook.yml，也没有 processes/）。请先运行 "flowbook init"，或用 --root 指向手册文件夹。\n`);
    const en = await cli(undefined, 'new', 'X-1', '--name', 'x', '--root', none);
    expect(en.err).toBe(`flowbook: ${none} is not a handbook (no flowbook.yml, no processes/). Run "flowbook init" first, or point --root at the handbook.\n`);
  });
});

describe('flowbook import speaks the language of the handbook at --root', () => {
  it('creates and replaces, in Chinese', async () => {
    const r = await cli(undefined, 'import', csv, '--code', 'HR-AT-099', '--root', hb.zhImport, '--today', TODAY);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('已创建 processes/HR-AT-099.md（HR-AT-099，3 个步骤，3 个角色，状态 draft）。\n');
    expect(r.err).toMatch(/^注意：加班\.csv，工作表 "加班"：/);
    const again = await cli(undefined, 'import', csv, '--code', 'HR-AT-099', '--root', hb.zhImport, '--today', TODAY);
    expect(again.code).toBe(1);
    expect(again.err).toContain('flowbook: processes/HR-AT-099.md 已存在。加 --force 可替换它，或用 --out 写到别处。\n');
    const forced = await cli(undefined, 'import', csv, '--code', 'HR-AT-099', '--root', hb.zhImport, '--force', '--today', TODAY);
    expect(forced.out).toBe('已替换 processes/HR-AT-099.md（HR-AT-099，3 个步骤，3 个角色，状态 draft）。\n');
    const cased = await cli(undefined, 'import', csv, '--code', 'hr-at-099', '--root', hb.zhImport, '--out', 'processes/other.md', '--today', TODAY);
    expect(cased.err).toContain(
      'flowbook: 编码 "hr-at-099" 已被 processes/HR-AT-099.md 使用（编码之间不能只有大小写不同）。请用 --code 另给一个编码，或用 --out processes/HR-AT-099.md --force 替换该文件。\n',
    );
  });

  it('in an English handbook, and under FLOWBOOK_LANG=en, in English', async () => {
    const r = await cli(undefined, 'import', csv, '--code', 'HR-AT-099', '--root', hb.enImport, '--today', TODAY);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('Created processes/HR-AT-099.md (HR-AT-099, 3 steps, 3 roles, status draft).\n');
    expect(r.err).toMatch(/^note: 加班\.csv, sheet "加班": /);
    const e = await cli('en', 'import', csv, '--code', 'HR-AT-098', '--root', hb.zhImport, '--today', TODAY);
    expect(e.out).toBe('Created processes/HR-AT-098.md (HR-AT-098, 3 steps, 3 roles, status draft).\n');
  });

  it('a document that would not pass check is not written, and says so in Chinese', async () => {
    const many = path.join(dir, 'many.csv');
    await writeFile(many, ['序号,行为实施环节,管理行为', ...Array.from({ length: 101 }, (_, i) => `${i + 1},角色${i + 1},做事`)].join('\n') + '\n');
    const r = await cli(undefined, 'import', many, '--code', 'HR-AT-097', '--root', hb.zhImport, '--today', TODAY);
    expect(r.code).toBe(1);
    expect(r.err).toContain('[too-large]');
    expect(r.err).toMatch(/\n未写入 processes\/HR-AT-097\.md：导入的文档无法通过 "flowbook check"。\n$/);
  });

  it('usage errors and unreadable files, in Chinese', async () => {
    const root = hb.zhImport;
    const run = (...args: string[]) => cli(undefined, 'import', ...args, '--root', root);
    expect((await run(path.join(dir, 'x.txt'))).err).toBe(`flowbook: 无法导入 "${path.join(dir, 'x.txt')}"：请给出 .xlsx 或 .csv 步骤表，或 .bpmn 文件。\n${USAGE_ZH}`);
    expect((await run(csv, '--code', 'A B')).err).toBe(`flowbook: --code "A B" 不是有效的编码：编码 "A B" 只能包含字母、数字、"-"、"_" 和 "."，并以字母或数字开头（例如 HR-AT-009）。\n${USAGE_ZH}`);
    expect((await run(csv, '--code', 'A-1', '--name', ' ')).err).toBe(`flowbook: --name 必须是非空的文本。\n${USAGE_ZH}`);
    expect((await run(csv, '--code', 'A-1', '--out', 'processes/a.txt')).err).toBe(`flowbook: --out processes/a.txt 必须以 .md 结尾：只有 .md 文件才是流程文档。\n${USAGE_ZH}`);
    expect((await run(csv, '--code', 'A-1', '--out', 'processes/.a.md')).err).toBe(`flowbook: --out processes/.a.md：以 _ 或 . 开头的名称会被 flowbook 忽略（".a.md"）；请换一个名称。\n${USAGE_ZH}`);
    const missing = path.join(dir, 'missing.csv');
    const m = await run(missing, '--code', 'A-1');
    expect(m.code).toBe(1);
    expect(m.err).toBe(`flowbook: 无法读取 ${missing}：文件不存在\n`);
    const folder = path.join(dir, 'folder.csv');
    await mkdir(folder, { recursive: true });
    expect((await run(folder, '--code', 'A-1')).err).toBe(`flowbook: ${folder} 不是文件。\n`);
    const latin1 = path.join(dir, 'latin1.csv');
    await writeFile(latin1, Buffer.from([0x41, 0xff, 0xfe, 0x0a]));
    expect((await run(latin1, '--code', 'A-1')).err).toBe(`flowbook: ${latin1} 不是 UTF-8 文本。请在 Excel 中另存为 "CSV UTF-8(逗号分隔)"，再重新导入。\n`);
    const en = await cli('en', 'import', latin1, '--code', 'A-1', '--root', root);
    expect(en.err).toBe(`flowbook: ${latin1} is not UTF-8 text. In Excel, save it as "CSV UTF-8 (comma delimited)" and import again.\n`);
  });

  it('a folder that is no handbook', async () => {
    const none = path.join(dir, 'not-a-handbook');
    await mkdir(none, { recursive: true });
    const zh = await cli('zh', 'import', csv, '--code', 'A-1', '--root', none);
    expect(zh.err).toBe(`flowbook: ${none} 不是流程手册（没有 flowbook.yml，也没有 processes/）。请先运行 "flowbook init"，或用 --root 指向手册文件夹。\n`);
  });
});

describe('flowbook export speaks the language of the handbook at --root', () => {
  it('what it wrote, in Chinese', async () => {
    const out = path.join(dir, 'export-zh');
    const one = await cli(undefined, 'export', 'HR-EX-001', '--format', 'bpmn', '--root', hb.zhExport, '--out', out, '--today', TODAY);
    expect(one.code, one.err).toBe(0);
    expect(one.out).toBe(`已写入 ${path.join(out, 'HR-EX-001.bpmn')}\n`);
    const all = await cli(undefined, 'export', '--all', '--format', 'drawio', '--root', hb.zhExport, '--out', out, '--today', TODAY);
    expect(all.out).toBe(`已将 2 个文件写入 ${out}${path.sep}\n`);
  });

  it('in an English handbook, and under FLOWBOOK_LANG=en, in English', async () => {
    const out = path.join(dir, 'export-en');
    const all = await cli(undefined, 'export', '--all', '--format', 'bpmn', '--root', hb.enExport, '--out', out, '--today', TODAY);
    expect(all.code, all.err).toBe(0);
    expect(all.out).toBe(`wrote 2 files to ${out}${path.sep}\n`);
    const one = await cli('en', 'export', '--all', '--format', 'xlsx', '--root', hb.zhExport, '--out', out, '--today', TODAY);
    expect(one.out).toBe(`wrote ${path.join(out, '流程步骤表.xlsx')}\n`);
  });

  it('usage errors, in Chinese', async () => {
    const run = (...args: string[]) => cli(undefined, 'export', ...args, '--root', hb.zhExport);
    expect((await run('--all', '--format', 'svg')).err).toBe(`flowbook: --format 只能是 bpmn、drawio、xlsx 之一，不能是 "svg"。\n${USAGE_ZH}`);
    expect((await run('HR-EX-001', '--all', '--format', 'bpmn')).err).toBe(`flowbook: 请给出流程编码或 --all，不能两者都给。\n${USAGE_ZH}`);
    expect((await run('--format', 'bpmn')).err).toBe(`flowbook: 请指定要导出的流程（例如 flowbook export HR-AT-003 --format bpmn），或使用 --all。\n${USAGE_ZH}`);
    const en = await cli('en', 'export', '--format', 'bpmn', '--root', hb.zhExport);
    expect(en.err).toBe(`flowbook: name the processes to export (e.g. flowbook export HR-AT-003 --format bpmn), or use --all.\n${USAGE_EN}`);
  });

  it('a folder it cannot create', async () => {
    const file = path.join(dir, 'export-file');
    await writeFile(file, '');
    const r = await cli(undefined, 'export', '--all', '--format', 'bpmn', '--root', hb.zhExport, '--out', path.join(file, 'sub'), '--today', TODAY);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^flowbook: 无法创建文件夹 ${path.join(file, 'sub').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}：`));
  });
});
