/**
 * `flowbook print`, `approve` and `audit` speak the handbook's language: their usage errors,
 * failures and result lines are in Chinese under FLOWBOOK_LANG=zh or in a handbook set to zh-CN,
 * and in English under FLOWBOOK_LANG=en (the English words unchanged). In-process, no browser.
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-cli.js';
import { browserlessHandbooks, TODAY } from '../print/helpers.js';
import { approvalNote } from '../../src/cli/commands/approve.js';
import { changedAfterNote } from '../../src/control/approve.js';
import { registerWarning } from '../../src/cli/commands/print.js';
import { inLanguage } from '../../src/cli/words.js';

/** zh: FLOWBOOK_LANG=zh; handbook: unset (the handbook says zh-CN); en: FLOWBOOK_LANG=en. */
type Lang = 'zh' | 'handbook' | 'en';
const cli = (lang: Lang, ...args: string[]) => runInProcess(args, { NO_COLOR: '1', FLOWBOOK_CHROMIUM: '/nonexistent', FLOWBOOK_LANG: lang === 'handbook' ? undefined : lang });

/** Fresh copies of the print tests' Chinese handbook (language: zh-CN), with no browser. */
const handbook = browserlessHandbooks();

const USAGE_ZH = '运行 "flowbook --help" 查看用法。\n';
const USAGE_EN = 'Run "flowbook --help" for usage.\n';

describe('flowbook print in the handbook language', () => {
  let root: string;
  beforeAll(async () => {
    root = await handbook();
  });
  const print = (lang: Lang, ...args: string[]) => cli(lang, 'print', '--root', root, '--today', TODAY, ...args);

  it('usage errors are in Chinese (FLOWBOOK_LANG=zh, or the handbook set to zh-CN) and in English under FLOWBOOK_LANG=en', async () => {
    const cases: Array<[string[], string, string]> = [
      [['HR-AT-003'], '--holder <name> is required: a controlled copy is issued to a named holder.', '必须给出 --holder <name>：受控副本须发给指定的持有人。'],
      [['HR-AT-003', '--holder', ' 张三'], '--holder: the holder cannot start or end with spaces.', '--holder：持有人的开头和结尾不能有空格。'],
      [['HR-AT-003', '--holder', 'a\u0007b'], '--holder: the holder cannot contain line breaks or control characters.', '--holder：持有人不能包含换行符或控制字符。'],
      [['HR-AT-003', '--holder', ''], '--holder: the holder cannot be empty.', '--holder：持有人不能为空。'],
      [['--holder', '张三'], 'name the processes to issue (flowbook print HR-AT-003 --holder ...), or use --all.', '请写出要发放的流程编码（flowbook print HR-AT-003 --holder ...），或使用 --all。'],
      [['HR-AT-003', '--all', '--holder', '张三'], 'use either process codes or --all, not both.', '流程编码和 --all 只能用其一，不能同时使用。'],
      [['HR-AT-003', '--holder', '张三', '--copies', '1000'], '--copies must be a whole number from 1 to 999, not "1000".', '--copies 须为 1 到 999 之间的整数，不能是 "1000"。'],
      [['--all', '--book', '--holder', '张三', '--copies', '100'], '--copies must be a whole number from 1 to 99, not "100".', '--copies 须为 1 到 99 之间的整数，不能是 "100"。'],
      [['--book'], '--book prints the whole handbook: use flowbook print --all --book.', '--book 打印整本手册：请用 flowbook print --all --book。'],
      [['--recall', '--returned'], 'use one of --recall, --returned and --book at a time.', '--recall、--returned 和 --book 一次只能用一个。'],
      [['--recall', '--paper', 'A3'], '--paper is for printing copies or the book, not for --recall or --returned.', '--paper 用于打印副本或整本手册，不能与 --recall 或 --returned 同用。'],
      [['--recall', 'HR-AT-003'], '--recall takes no process codes.', '--recall 不接受流程编码。'],
      [['--returned', 'HR-AT-003'], '--returned needs <code> <copy> [version], e.g. flowbook print --returned HR-AT-003 2 A/0.', '--returned 需要 <code> <copy> [version]，例如 flowbook print --returned HR-AT-003 2 A/0。'],
      [['--returned', 'HR-AT-003', 'two'], 'copy must be a copy number such as 2, not "two".', '副本号须为数字（如 2），不能是 "two"。'],
    ];
    for (const [args, en, zh] of cases) {
      for (const lang of ['zh', 'handbook'] as const) {
        const r = await print(lang, ...args);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.err).toBe(`flowbook: ${zh}\n${USAGE_ZH}`);
      }
      const r = await print('en', ...args);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`flowbook: ${en}\n${USAGE_EN}`);
    }
  });

  it('issuing: each copy, the summary and the no-browser notes', async () => {
    const zh = await print('handbook', 'HR-AT-003', '--holder', '张三', '--copies', '2', '--pdf');
    expect(zh.code).toBe(0);
    expect(zh.out).toMatch(/^已向 张三 发放 HR-AT-003 A\/0 副本 001：\S*HR-AT-003-A-0-copy001\.html\n已向 张三 发放 HR-AT-003 A\/0 副本 002：\S*copy002\.html\n/);
    expect(zh.out).toContain('已向 张三 发放 2 份受控副本，已登记在 register/distribution.csv。\n');
    expect(zh.err).toContain('注意：未生成 PDF。未找到 Chromium、Chrome 或 Microsoft Edge。请安装其中之一（Debian/Ubuntu："sudo apt-get install chromium"；');
    expect(zh.err).toContain('注意：HTML 文件即为受控副本（请用 Chromium 或 Chrome 打印），已登记在登记表中。\n');
    expect(zh.out + zh.err).not.toMatch(/issued|note:/);

    const en = await print('en', 'HR-AT-003', '--holder', '张三', '--pdf');
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/^issued HR-AT-003 A\/0 copy 003 to 张三: \S*copy003\.html\n1 controlled copy issued to 张三, recorded in register\/distribution\.csv\.\n$/);
    expect(en.err).toContain('note: no PDF made. No Chromium, Chrome or Microsoft Edge was found.');
    expect(en.err).toContain('note: the HTML files are the controlled copies (print them from Chromium or Chrome); they are recorded in the register.\n');
  });

  it('the book without a browser', async () => {
    const zh = await print('zh', '--all', '--book');
    expect(zh.code).toBe(0);
    expect(zh.out).toMatch(/^整本手册：\S*handbook-2026-11-27\.html，非受控\n$/);
    expect(zh.err).toBe('注意：HTML 版整本手册的目录中没有页码（需要 --pdf 和浏览器）。\n');
    const en = await print('en', '--all', '--book', '--holder', '审核员甲');
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/^book: \S*handbook-2026-11-27-审核员甲\.html, controlled copy for 审核员甲 \(3 processes recorded in register\/distribution\.csv\)\n$/);
    expect(en.err).toBe('note: the HTML book has no page numbers in its contents (they need --pdf and a browser).\n');
    const zhHolder = await print('handbook', '--all', '--book', '--holder', '审核员乙');
    expect(zhHolder.out).toMatch(/^整本手册：\S*审核员乙\.html，审核员乙 的受控副本（3 个流程已登记在 register\/distribution\.csv）\n$/);
  });
});

describe('flowbook print --recall and --returned in the handbook language', () => {
  let root: string;
  beforeAll(async () => {
    root = await handbook();
  });
  const print = (lang: Lang, ...args: string[]) => cli(lang, 'print', '--root', root, '--today', TODAY, ...args);

  it('nothing to recall', async () => {
    expect((await print('handbook', '--recall')).out).toBe('没有需要收回的受控副本：在外的副本都是现行版本。\n');
    expect((await print('en', '--recall')).out).toBe('No controlled copies to recall: every copy out is of the current version.\n');
  });

  it('copies to recall, an ignored register line, and a return', async () => {
    await mkdir(path.join(root, 'register'));
    await writeFile(
      path.join(root, 'register/distribution.csv'),
      'code,version,copy,holder,date,event\r\nHR-AT-003,0/9,1,张三,2024-01-02,issued\r\nHR-OB-001,A/0,1,张三,2024-01-03,issued\r\nbroken\r\n',
    );
    const zh = await print('zh', '--recall');
    expect(zh.code).toBe(0);
    expect(zh.out).toBe(
      '张三：\n' +
        '  HR-AT-003 请假流程 版本 0/9 副本 001（2024-01-02 发放）：已被新版本 A/0 替代\n' +
        '  HR-OB-001 作废流程 版本 A/0 副本 001（2024-01-03 发放）：流程已作废\n' +
        '2 份副本待收回。每收回一份，用此命令登记：flowbook print --returned <code> <copy> [version]\n',
    );
    expect(zh.err).toBe('register/distribution.csv:4: warning: 应有 6 个字段（code,version,copy,holder,date,event），实有 1 个；已忽略此行\n');
    const en = await print('en', '--recall');
    expect(en.out).toBe(
      '张三:\n' +
        '  HR-AT-003 请假流程 version 0/9 copy 001 (issued 2024-01-02): superseded by version A/0\n' +
        '  HR-OB-001 作废流程 version A/0 copy 001 (issued 2024-01-03): process obsolete\n' +
        '2 copies to recall. Record each return with: flowbook print --returned <code> <copy> [version]\n',
    );
    expect(en.err).toBe('register/distribution.csv:4: warning: expected 6 fields (code,version,copy,holder,date,event), found 1; line ignored\n');

    const back = await print('handbook', '--returned', 'HR-AT-003', '1', '0/9');
    expect(back.code).toBe(0);
    expect(back.out).toBe('已收回：张三 持有的 HR-AT-003 版本 0/9 副本 001，已登记在 register/distribution.csv。\n');
    const backEn = await print('en', '--returned', 'HR-OB-001', '1');
    expect(backEn.out).toBe('returned: HR-OB-001 version A/0 copy 001 from 张三, recorded in register/distribution.csv.\n');
    expect((await print('zh', '--recall')).out).toBe('没有需要收回的受控副本：在外的副本都是现行版本。\n');
  });

  it('a handbook with errors is refused in its language', async () => {
    const broken = await handbook();
    await writeFile(path.join(broken, 'processes/short.md'), '---\nname: 坏流程\n---\n');
    const zh = await cli('handbook', 'print', '--root', broken, '--today', TODAY, '--recall');
    expect(zh.code).toBe(1);
    expect(zh.err).toContain('flowbook: 手册有错误，请先修正再打印（见 "flowbook check"）。\n');
    expect(zh.err).toMatch(/已检查 \d+ 个文档：/);
    const en = await cli('en', 'print', '--root', broken, '--today', TODAY, '--recall');
    expect(en.err).toContain('flowbook: the handbook has errors; fix them before printing (see "flowbook check").\n');
  });

  it('the register warning keeps the compiler-style prefix in both languages', () => {
    const w = registerWarning('register/distribution.csv', { line: 3, message: 'empty line' });
    expect(inLanguage(w, 'en')).toBe('register/distribution.csv:3: warning: empty line; line ignored\n');
    expect(inLanguage(w, 'zh')).toBe('register/distribution.csv:3: warning: empty line；已忽略此行\n');
  });
});

describe('flowbook approve in the handbook language', () => {
  let root: string;
  beforeAll(async () => {
    root = await handbook();
  });
  const approve = (lang: Lang, ...args: string[]) => cli(lang, 'approve', '--root', root, ...args);

  it('usage errors', async () => {
    const cases: Array<[string[], string, string]> = [
      [['HR-AT-003', '--by', '王军', '--as', 'signed'], '--as must be prepared, reviewed or approved, not "signed".', '--as 只能是 prepared（编制）、reviewed（审核）或 approved（批准），不能是 "signed"。'],
      [['HR-AT-003', '--by', ' '], '--by must be a name on one line, e.g. --by 王军.', '--by 须为写在一行内的姓名，例如 --by 王军。'],
      [['HR-AT-003', '--by', '王军', '--date', '2025-02-30'], '--date "2025-02-30" is not a real date; write it as YYYY-MM-DD, e.g. --date 2025-01-31.', '--date "2025-02-30" 不是有效日期；请写成 YYYY-MM-DD，例如 --date 2025-01-31。'],
    ];
    for (const [args, en, zh] of cases) {
      for (const lang of ['zh', 'handbook'] as const) {
        const r = await approve(lang, ...args);
        expect(r.code).toBe(2);
        expect(r.err).toBe(`flowbook: ${zh}\n${USAGE_ZH}`);
      }
      const r = await approve('en', ...args);
      expect(r.err).toBe(`flowbook: ${en}\n${USAGE_EN}`);
    }
  });

  it('recorded, recorded again, and the note when the content changed after the review', async () => {
    const first = await approve('handbook', 'HR-AT-003', '--by', '李强', '--as', 'reviewed', '--date', '2025-06-20');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^HR-AT-003 A\/0：已记录审核签署（李强，2025-06-20）。\n {2}processes\/short\.md:\d+ sha256: [0-9a-f]{64}\n$/);
    const again = await approve('zh', 'HR-AT-003', '--by', '李强', '--as', 'reviewed', '--date', '2025-06-20');
    expect(again.out).toMatch(/^HR-AT-003 A\/0：已重新记录审核签署（李强，2025-06-20），内容未变。\n/);
    const againEn = await approve('en', 'HR-AT-003', '--by', '李强', '--as', 'reviewed', '--date', '2025-06-20');
    expect(againEn.out).toMatch(/^HR-AT-003 A\/0: reviewed by 李强 on 2025-06-20, recorded again \(content unchanged\)\.\n/);

    const file = path.join(root, 'processes/short.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('填写请假条', '填写请假单'));
    const changed = await approve('handbook', 'HR-AT-003', '--by', '李强', '--as', 'reviewed', '--date', '2025-06-21');
    expect(changed.out).toMatch(/^HR-AT-003 A\/0：已按修改后的内容记录审核签署（李强，2025-06-21）。\n/);
    await writeFile(file, (await readFile(file, 'utf8')).replace('填写请假单', '填写请假申请'));
    const approved = await approve('handbook', 'HR-AT-003', '--by', '王军', '--date', '2025-06-22');
    expect(approved.code).toBe(0);
    expect(approved.out).toMatch(/^HR-AT-003 A\/0：已记录批准签署（王军，2025-06-22）。\n {2}\S+ sha256: [0-9a-f]{64}\n {2}注意：李强 于 2025-06-21 审核之后，内容又有修改。\n$/);
  });

  it('the notes of control/approve.ts in both languages', () => {
    expect(approvalNote(changedAfterNote('prepared', '张敏', '2024-05-20'))).toEqual({
      en: '  note: the content changed after 张敏 prepared it on 2024-05-20\n',
      zh: '  注意：张敏 于 2024-05-20 编制之后，内容又有修改。\n',
    });
  });
});

describe('flowbook audit in the handbook language', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    root = await handbook();
    out = await mkdtemp(path.join(tmpdir(), 'fb-words-audit-'));
    await mkdir(path.join(root, 'register'));
    await writeFile(path.join(root, 'register/distribution.csv'), 'code,version,copy,holder,date,event\r\nHR-AT-003,A/0,1,张三,2026-01-05,issued\r\n\r\nHR-AT-003,A/0,2,李四,2026-01-06,issued\r\n');
  });
  afterAll(() => rm(out, { recursive: true, force: true }));
  const audit = (lang: Lang, ...args: string[]) => cli(lang, 'audit', root, '--today', TODAY, '--out', path.join(out, `${lang}.html`), ...args);

  it('usage errors', async () => {
    const cases: Array<[string[], string, string]> = [
      [['--since', '2026-13-01'], '--since "2026-13-01" is not a real date; write it as YYYY-MM-DD, e.g. --since 2025-01-01.', '--since "2026-13-01" 不是有效日期；请写成 YYYY-MM-DD，例如 --since 2025-01-01。'],
      [['--since', '2027-01-01'], '--since 2027-01-01 is after today (2026-11-27).', '--since 2027-01-01 晚于今天（2026-11-27）。'],
    ];
    for (const [args, en, zh] of cases) {
      for (const lang of ['zh', 'handbook'] as const) {
        const r = await audit(lang, ...args);
        expect(r.code).toBe(2);
        expect(r.err).toBe(`flowbook: ${zh}\n${USAGE_ZH}`);
      }
      expect((await audit('en', ...args)).err).toBe(`flowbook: ${en}\n${USAGE_EN}`);
    }
  });

  it('the summary and an ignored register line', async () => {
    const zh = await audit('handbook', '--since', '2026-01-01');
    expect(zh.code).toBe(0);
    expect(zh.out).toMatch(/^审核证据：\S*handbook\.html\n/);
    expect(zh.out).toContain('\n  现行文件 3 份（批准已核验 0 份，批准后已修改 0 份，未记录指纹 3 份），作废文件 1 份\n');
    expect(zh.out).toContain('\n  副本：期间内发放 2 份、收回 0 份；目前在外 2 份，待收回 0 份\n');
    expect(zh.out).toMatch(/\n {2}逾期评审 \d+ 份，期间内变更 \d+ 条（自 2026-01-01 起）\n$/);
    expect(zh.err).toBe('register/distribution.csv:3: warning: 空行；已忽略此行\n');
    const en = await audit('en', '--since', '2026-01-01');
    expect(en.out).toMatch(/^audit: \S*en\.html\n/);
    expect(en.out).toContain('\n  3 current documents (0 approvals verified, 0 changed after approval, 3 without fingerprint), 1 obsolete\n');
    expect(en.out).toContain('\n  copies: 2 issued and 0 returned in the period; 2 out, 0 to recall\n');
    expect(en.out).toMatch(/\n {2}\d+ overdue reviews, \d+ changes in the period \(since 2026-01-01\)\n$/);
    expect(en.err).toBe('register/distribution.csv:3: warning: empty line; line ignored\n');
  });

  it('--pdf without a browser says so', async () => {
    const noBrowser = await handbook();
    const zh = await cli('handbook', 'audit', noBrowser, '--today', TODAY, '--out', path.join(out, 'pdf.html'), '--pdf');
    expect(zh.code).toBe(0);
    expect(zh.err).toMatch(/^注意：未生成 PDF。未找到 Chromium、Chrome 或 Microsoft Edge。.*"browser: \/path\/to\/browser"。\n$/);
  });

  it('a handbook with errors: the diagnostics and the refusal in its language', async () => {
    const broken = await handbook();
    await writeFile(path.join(broken, 'processes/short.md'), '---\nname: 坏流程\n---\n');
    const zh = await cli('handbook', 'audit', broken, '--today', TODAY, '--out', path.join(out, 'broken.html'));
    expect(zh.code).toBe(1);
    expect(zh.err).toMatch(/已检查 \d+ 个文档：\d+ 个错误/);
    expect(zh.err).toContain('flowbook audit 要求手册没有错误（changed-after-approval 除外）：请先修正（见 "flowbook check"），再重新运行。\n');
    const en = await cli('en', 'audit', broken, '--today', TODAY, '--out', path.join(out, 'broken.html'));
    expect(en.err).toContain('flowbook audit needs a handbook without errors (other than changed-after-approval): fix them (see "flowbook check"), then run it again.\n');
  });
});
