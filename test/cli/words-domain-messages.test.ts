/**
 * Words that come from domain modules speak the handbook's language too: the import converters'
 * errors and notes (step tables from CSV and xlsx, BPMN files), the distribution register's
 * reasons for an ignored line (print --recall, audit and its binder), approve's notes, and the
 * help when no browser is found (print --pdf, audit --pdf, the Mermaid renderer). Each in Chinese
 * (a Chinese handbook, FLOWBOOK_LANG unset) and in English (FLOWBOOK_LANG=en), exactly; the English
 * words are those the commands always said. In-process, no browser.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-cli.js';
import { browserlessHandbooks, TODAY } from '../print/helpers.js';
import { NO_BROWSER_HELP, NO_BROWSER_HELP_ZH } from '../../src/util/browser.js';

type Lang = 'handbook' | 'en';
/** handbook: FLOWBOOK_LANG unset (the Chinese handbook says zh-CN); en: FLOWBOOK_LANG=en. */
const cli = (lang: Lang, ...args: string[]) => runInProcess(args, { NO_COLOR: '1', FLOWBOOK_CHROMIUM: '/nonexistent', FLOWBOOK_LANG: lang === 'en' ? 'en' : undefined });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fb-words-domain-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Fresh copies of the print tests' Chinese handbook (language: zh-CN), with no browser. */
const handbook = browserlessHandbooks();

/** An .xlsx workbook with these sheets (rows of cell texts). */
async function workbook(file: string, sheets: Record<string, string[][]>): Promise<string> {
  const mod = (await import('exceljs')) as unknown as { default: typeof import('exceljs') };
  const wb = new mod.default.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  await writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

describe('flowbook import: the converters\' errors and notes', () => {
  let zh: string;
  let en: string;
  beforeAll(async () => {
    [zh, en] = [path.join(dir, 'zh'), path.join(dir, 'en')];
    for (const [root, language] of [[zh, 'zh-CN'], [en, 'en']] as const) expect((await cli('en', 'init', root, '--language', language, '--today', TODAY)).code).toBe(0);
  });
  const run = (lang: Lang, ...args: string[]) => cli(lang, 'import', ...args, '--today', TODAY);

  it('a step table without an owner: the note in the handbook\'s language', async () => {
    const csv = path.join(dir, '加班.csv');
    await writeFile(csv, '序号,行为实施环节,管理行为,下一步\r\n1,员工,填写加班申请,\r\n2,部门负责人,审批,\r\n');
    const z = await run('handbook', csv, '--code', 'HR-AT-060', '--root', zh);
    expect(z.code, z.err).toBe(0);
    expect(z.err).toBe('注意：加班.csv，工作表 "加班"：未给出执行部门（执行核心部门）；已暂写为 "TODO 执行部门"。\n');
    const e = await run('en', csv, '--code', 'HR-AT-061', '--root', zh);
    expect(e.err).toBe('note: 加班.csv, sheet "加班": no owner (执行核心部门) given; written as "TODO 执行部门".\n');
    const english = await run('handbook', csv, '--code', 'HR-AT-060', '--root', en);
    expect(english.err).toBe('note: 加班.csv, sheet "加班": no owner (执行核心部门) given; written as "TODO owning department".\n');
  });

  it('a step table\'s errors name the file, sheet, row and column in either language', async () => {
    const head = '序号,行为实施环节,管理行为,下一步,类型\n';
    const cases: Array<[string, string, string, string]> = [
      [
        'target',
        `${head}1,员工,填写,9\n2,员工,审批,\n`,
        'target.csv, sheet "target", row 2, column D (下一步): "9" leads to step "9", which is not in the table. Write step numbers from the 序号 column, e.g. 同意→4; 不同意→2.',
        'target.csv，工作表 "target"，第 2 行，D 列（下一步）："9" 指向步骤 "9"，但表中没有这个步骤。请写 序号 列中的步骤号，例如 同意→4; 不同意→2。',
      ],
      [
        'role',
        `${head}1,,填写,\n`,
        'role.csv, sheet "role", row 2, column B (行为实施环节): the step has no role; write who does it (one of the swimlanes).',
        'role.csv，工作表 "role"，第 2 行，B 列（行为实施环节）：该步骤没有角色；请写明由谁来做（泳道之一）。',
      ],
      [
        'type',
        `${head}1,员工,填写,,菱\n`,
        'type.csv, sheet "type", row 2, column E (类型): unknown step type "菱" (did you mean "菱形"?); write action/行为, decision/判断 or process/流程, or leave it blank.',
        'type.csv，工作表 "type"，第 2 行，E 列（类型）：未知的步骤类型 "菱"（是否要写 "菱形"？）；请写 action/行为、decision/判断 或 process/流程，或留空。',
      ],
      [
        'twice',
        `${head}1,员工,填写,\n1,员工,审批,\n`,
        'twice.csv, sheet "twice", row 3, column A (序号): step number "1" is used twice (also row 2); give every step its own number.',
        'twice.csv，工作表 "twice"，第 3 行，A 列（序号）：步骤号 "1" 用了两次（第 2 行也用了）；每个步骤须有自己的编号。',
      ],
      [
        'label',
        `${head}1,员工,审批,同意→2; 同意→3,判断\n2,员工,b,\n3,员工,c,\n`,
        'label.csv, sheet "label", row 2, column D (下一步): the label "同意" is used twice; each branch needs its own label.',
        'label.csv，工作表 "label"，第 2 行，D 列（下一步）：标签 "同意" 用了两次；每个分支须有自己的标签。',
      ],
      [
        'arrow',
        `${head}1,员工,填写,→2\n2,员工,审批,\n`,
        'arrow.csv, sheet "arrow", row 2, column D (下一步): "→2" has an arrow but no label before it; write the label (同意→4) or just the number (4).',
        'arrow.csv，工作表 "arrow"，第 2 行，D 列（下一步）："→2" 有箭头，但箭头前没有标签；请写上标签（同意→4），或只写步骤号（4）。',
      ],
      [
        'ends',
        `${head}1,员工,填写,2; 结束\n2,员工,审批,\n`,
        'ends.csv, sheet "ends", row 2, column D (下一步): "2; 结束" both ends the flow and goes on; write either the next steps or 结束.',
        'ends.csv，工作表 "ends"，第 2 行，D 列（下一步）："2; 结束" 既结束流程又继续往下；请只写下一步，或只写 结束。',
      ],
      [
        'branch-end',
        `${head}1,员工,审批,同意→结束; 不同意→1\n`,
        'branch-end.csv, sheet "branch-end", row 2, column D (下一步): "同意→结束": a branch must lead to a step number; to end the flow on that branch, add a step that ends it.',
        'branch-end.csv，工作表 "branch-end"，第 2 行，D 列（下一步）：分支 "同意→结束" 必须指向一个步骤号；要在这个分支上结束流程，请加一个结束流程的步骤。',
      ],
      [
        'some',
        `${head}1,员工,审批,同意→2; 3\n2,员工,b,\n3,员工,c,\n`,
        'some.csv, sheet "some", row 2, column D (下一步): "同意→2; 3" labels some branches and not others; label every branch (同意→4; 不同意→2) or none.',
        'some.csv，工作表 "some"，第 2 行，D 列（下一步）："同意→2; 3" 只给部分分支写了标签；请给每个分支都写上标签（同意→4; 不同意→2），或都不写。',
      ],
      [
        'decision',
        `${head}1,员工,审批,2,判断\n2,员工,b,\n`,
        'decision.csv, sheet "decision", row 2, column D (下一步): a decision needs two or more labelled branches in the next column, e.g. 同意→4; 不同意→2.',
        'decision.csv，工作表 "decision"，第 2 行，D 列（下一步）：判断步骤需要在下一步列中写出两个或更多带标签的分支，例如 同意→4; 不同意→2。',
      ],
      [
        'link',
        `${head}1,员工,HR-EX-01,,流程\n`,
        'link.csv, sheet "link", row 2, column C (管理行为): a linked process step needs the code of a process in the handbook (did you mean "HR-EX-001"?). Write the code in a 关联流程 / ref column or as the text.',
        'link.csv，工作表 "link"，第 2 行，C 列（管理行为）：关联流程步骤需要填写手册中已有流程的编码（是否要写 "HR-EX-001"？）。请把编码写在 关联流程 / ref 列，或直接写作步骤内容。',
      ],
      [
        'text',
        `${head}1,员工,,\n`,
        'text.csv, sheet "text", row 2, column C (管理行为): the step has no text; write what is done.',
        'text.csv，工作表 "text"，第 2 行，C 列（管理行为）：该步骤没有内容；请写明做什么。',
      ],
      ['empty', head, 'empty.csv, sheet "empty": the table has a header row but no steps below it.', 'empty.csv，工作表 "empty"：表格有表头行，但下面没有步骤。'],
      [
        'nohead',
        'a,b\n1,2\n',
        'nohead.csv: no sheet has a step table: a header row needs at least a role column (行为实施环节 / role) and a text column (管理行为 / text).',
        'nohead.csv：没有哪个工作表含有步骤表。步骤表的表头行中至少要有角色列（行为实施环节 / role）和内容列（管理行为 / text）。',
      ],
    ];
    for (const [name, text, english, chinese] of cases) {
      const file = path.join(dir, `${name}.csv`);
      await writeFile(file, text);
      const z = await run('handbook', file, '--code', 'HR-AT-062', '--root', zh);
      expect([z.code, z.err], name).toEqual([1, `flowbook: ${chinese}\n`]);
      const e = await run('en', file, '--code', 'HR-AT-062', '--root', zh);
      expect([e.code, e.err], name).toEqual([1, `flowbook: ${english}\n`]);
    }
    const noCode = path.join(dir, 'nocode.csv');
    await writeFile(noCode, `${head}1,员工,填写,\n`);
    expect((await run('handbook', noCode, '--root', zh)).err).toBe('flowbook: nocode.csv：表格中没有写明流程编码，请用 --code 给出（例如 --code HR-AT-009）。\n');
    expect((await run('en', noCode, '--root', zh)).err).toBe('flowbook: nocode.csv: the table does not say which code the process has: give it with --code (e.g. --code HR-AT-009).\n');
  });

  it('an Excel workbook: which sheet, and a controlled status imported as draft', async () => {
    const head = ['序号', '行为实施环节', '管理行为', '下一步'];
    const two = await workbook(path.join(dir, 'two.xlsx'), { 请假: [head, ['1', '员工', '填写', '']], 加班: [head, ['1', '员工', '申请', '']] });
    expect((await run('handbook', two, '--code', 'HR-AT-063', '--root', zh)).err).toBe('flowbook: two.xlsx：有 2 个工作表含有步骤表（"请假"、"加班"）；请用 --code <工作表名> 选择其中一个。\n');
    expect((await run('en', two, '--code', 'HR-AT-063', '--root', zh)).err).toBe('flowbook: two.xlsx: 2 sheets hold step tables ("请假", "加班"); choose one with --code <sheet name>.\n');
    const none = await workbook(path.join(dir, 'none.xlsx'), { A: [['x', 'y']], B: [['z']] });
    expect((await run('handbook', none, '--code', 'HR-AT-063', '--root', zh)).err).toBe(
      'flowbook: none.xlsx：没有哪个工作表含有步骤表（工作表："A"、"B"）。步骤表的表头行中至少要有角色列（行为实施环节 / role）和内容列（管理行为 / text）。\n',
    );
    expect((await run('en', none, '--code', 'HR-AT-063', '--root', zh)).err).toBe(
      'flowbook: none.xlsx: no sheet has a step table: a header row needs at least a role column (行为实施环节 / role) and a text column (管理行为 / text) (sheets: "A", "B").\n',
    );

    const controlled = await workbook(path.join(dir, '请假.xlsx'), {
      流程信息: [['编码', '流程名称', '受控状态', '执行核心部门'], ['HR-AT-064', '请假流程', '受控', '人力资源部']],
      'HR-AT-064': [head, ['1', '员工', '填写', ''], ['2', '人力资源部', '登记', '']],
    });
    const z = await run('handbook', controlled, '--root', zh);
    expect(z.code, z.err).toBe(0);
    expect(z.out).toBe('已创建 processes/HR-AT-064.md（HR-AT-064，2 个步骤，2 个角色，状态 draft）。\n');
    expect(z.err).toBe('注意：请假.xlsx，工作表 "HR-AT-064"：已按 draft（草稿）状态导入，因为受控文件需要签署（编制/审核/批准），而表格中没有签署。\n');
    const e = await run('en', controlled, '--root', zh, '--force');
    expect(e.err).toBe('note: 请假.xlsx, sheet "HR-AT-064": imported as status draft: a controlled document needs its sign-off (编制/审核/批准), which the table does not hold.\n');
  });

  /** Two processes, two lanes of one name, a step in no lane, an unnamed way out, a parallel split, a call to an unknown process, a nameless task, a dangling flow. */
  const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:collaboration id="Collab"><bpmn:participant id="Part" name="请假" processRef="Leave" /></bpmn:collaboration>
  <bpmn:process id="Leave" name="请假流程">
    <bpmn:laneSet id="ls">
      <bpmn:lane id="L1" name="员工"><bpmn:flowNodeRef>start</bpmn:flowNodeRef><bpmn:flowNodeRef>apply</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="L2" name="员工"><bpmn:flowNodeRef>gw</bpmn:flowNodeRef><bpmn:flowNodeRef>split</bpmn:flowNodeRef><bpmn:flowNodeRef>record</bpmn:flowNodeRef><bpmn:flowNodeRef>pay</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="apply" name="填写请假单" />
    <bpmn:exclusiveGateway id="gw" name="是否同意" />
    <bpmn:task id="fix" name="修改" />
    <bpmn:parallelGateway id="split" />
    <bpmn:task id="record" />
    <bpmn:callActivity id="pay" calledElement="Payroll" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="apply" />
    <bpmn:sequenceFlow id="f2" sourceRef="apply" targetRef="gw" />
    <bpmn:sequenceFlow id="f3" name="同意" sourceRef="gw" targetRef="split" />
    <bpmn:sequenceFlow id="f4" sourceRef="gw" targetRef="fix" />
    <bpmn:sequenceFlow id="f5" sourceRef="fix" targetRef="apply" />
    <bpmn:sequenceFlow id="f6" sourceRef="split" targetRef="record" />
    <bpmn:sequenceFlow id="f7" sourceRef="split" targetRef="pay" />
    <bpmn:sequenceFlow id="f8" sourceRef="record" targetRef="end" />
    <bpmn:sequenceFlow id="f9" sourceRef="pay" targetRef="end" />
    <bpmn:sequenceFlow id="f10" sourceRef="record" targetRef="ghost" />
  </bpmn:process>
  <bpmn:process id="Other" name="其他"><bpmn:task id="o1" name="x" /></bpmn:process>
</bpmn:definitions>`;

  it('a BPMN file: what the import did, in the handbook\'s language', async () => {
    const file = path.join(dir, 'leave.bpmn');
    await writeFile(file, BPMN);
    const z = await run('handbook', file, '--code', 'HR-AT-065', '--root', zh);
    expect(z.code, z.err).toBe(0);
    expect(z.err).toBe(
      [
        '注意：BPMN：BPMN 读取器提出警告：unresolved reference <ghost>',
        '注意：BPMN：文件中有 2 个流程；已导入 "请假流程"（可用 --process 选择其他流程）。',
        '注意：L2：有两个泳道都叫 "员工"；第二个已导入为 "员工 (2)"。',
        '注意：gw：分支 "同意" 同时通向多个步骤（并行网关）；每个都作为单独的分支，下一个标为 "同意 (2)"。',
        '注意：gw：有一个分支没有名称；已标为 "修改"。',
        '注意：record：没有名称；步骤内容写为 "步骤 3"。',
        '注意：pay：调用的 "Payroll" 不是手册中的流程；已作为普通步骤（action）导入（该流程建立后，可改为 type: process 并写上 ref）。',
        '注意：fix：不在任何泳道中；已归入角色 "请假"。',
        '',
      ].join('\n'),
    );
    const e = await run('en', file, '--code', 'HR-AT-065', '--root', zh, '--force');
    expect(e.err).toBe(
      [
        'note: BPMN: the BPMN reader warned: unresolved reference <ghost>',
        'note: BPMN: the file has 2 processes; imported "请假流程" (choose another with --process).',
        'note: L2: two lanes are named "员工"; the second is imported as "员工 (2)".',
        'note: gw: the way out "同意" leads to several steps at once (a parallel gateway); each is a branch of its own, "同意 (2)" for the next.',
        'note: gw: a way out has no name; it is labelled "修改".',
        'note: record: has no name; its text is "步骤 3".',
        'note: pay: calls "Payroll", which is no process of the handbook; imported as an action (make it type: process with a ref once that process exists).',
        'note: fix: is in no lane; it goes to the role "请假".',
        '',
      ].join('\n'),
    );
  });

  it('a BPMN file that cannot be imported', async () => {
    const write = async (name: string, text: string) => {
      const file = path.join(dir, name);
      await writeFile(file, text);
      return file;
    };
    const leave = await write('leave2.bpmn', BPMN);
    const stepless = await write('stepless.bpmn', BPMN.replace(/<bpmn:process id="Leave"[\s\S]*<\/bpmn:process>/, '<bpmn:process id="Leave"><bpmn:startEvent id="s" /><bpmn:endEvent id="e" /></bpmn:process>'));
    const cases: Array<[string[], string, string]> = [
      [[leave], 'BPMN: the file does not say which code the process has: give it with --code (e.g. --code HR-AT-009).', 'BPMN：文件中没有写明流程编码，请用 --code 给出（例如 --code HR-AT-009）。'],
      [[leave, '--code', 'HR-AT-066', '--process', 'Nope'], 'BPMN: no process "Nope" in the file; it has "Leave", "Other".', 'BPMN：文件中没有流程 "Nope"；文件中的流程是 "Leave"、"Other"。'],
      [[await write('cut.bpmn', '<bpmn:definitions'), '--code', 'HR-AT-066'], 'BPMN: not a BPMN 2.0 file that can be read: unparsable content <bpmn:definitions detected', 'BPMN：不是可读取的 BPMN 2.0 文件：unparsable content <bpmn:definitions detected'],
      [[stepless, '--code', 'HR-AT-066'], 'Leave: the process has no tasks or decisions to import as steps.', 'Leave：该流程中没有可作为步骤导入的任务或判断。'],
      [
        [await write('noproc.bpmn', BPMN.replace(/<bpmn:collaboration[\s\S]*<\/bpmn:process>/, '')), '--code', 'HR-AT-066'],
        'BPMN: the file has no process with tasks, gateways or events to import.',
        'BPMN：文件中没有可导入的流程（含任务、网关或事件的流程）。',
      ],
    ];
    for (const [args, english, chinese] of cases) {
      const z = await run('handbook', ...args, '--root', zh);
      expect([z.code, z.err], english).toEqual([1, `flowbook: ${chinese}\n`]);
      const e = await run('en', ...args, '--root', zh);
      expect([e.code, e.err]).toEqual([1, `flowbook: ${english}\n`]);
    }
  });
});

describe('the distribution register: why a line was ignored', () => {
  const REGISTER = [
    'code,version,copy,holder,date,event',
    'HR-AT-003,A/0,1,张三,2026-01-05,issued',
    '',
    '"HR-AT-003,A/0,2,张三,2026-01-05,issued',
    'HR-AT-003,A/0,2',
    ',A/0,2,张三,2026-01-05,issued',
    'HR-AT-003,A/0,0,张三,2026-01-05,issued',
    'HR-AT-003,A/0,2,,2026-01-05,issued',
    'HR-AT-003,A/0,2,张三,2026-02-30,issued',
    'HR-AT-003,A/0,2,张三,2026-01-05,lent',
    'HR-AT-003,A/0,3,张三,2026-01',
  ].join('\r\n');
  const ZH = [
    '3: warning: 空行',
    '4: warning: 引号不配对',
    '5: warning: 应有 6 个字段（code,version,copy,holder,date,event），实有 3 个',
    '6: warning: 编码为空',
    '7: warning: 副本号 "0" 不是从 1 起的整数',
    '8: warning: 持有人为空',
    '9: warning: 日期 "2026-02-30" 不是有效的 YYYY-MM-DD 日期',
    '10: warning: 事件 "lent" 必须是 "issued" 或 "returned"',
    '11: warning: 应有 6 个字段（code,version,copy,holder,date,event），实有 5 个（最后一行没有换行符：可能是打印中断时被截断了）',
  ].map((l) => `register/distribution.csv:${l}；已忽略此行\n`);
  const EN = [
    '3: warning: empty line',
    '4: warning: broken quoting',
    '5: warning: expected 6 fields (code,version,copy,holder,date,event), found 3',
    '6: warning: empty code',
    '7: warning: copy "0" is not a whole number from 1',
    '8: warning: empty holder',
    '9: warning: date "2026-02-30" is not a real YYYY-MM-DD date',
    '10: warning: event "lent" must be "issued" or "returned"',
    '11: warning: expected 6 fields (code,version,copy,holder,date,event), found 5 (the last line has no line end: probably cut short when a print was interrupted)',
  ].map((l) => `register/distribution.csv:${l}; line ignored\n`);

  let root: string;
  beforeAll(async () => {
    root = await handbook();
    await mkdir(path.join(root, 'register'));
    await writeFile(path.join(root, 'register/distribution.csv'), REGISTER);
  });

  it('print --recall', async () => {
    const z = await cli('handbook', 'print', '--recall', '--root', root, '--today', TODAY);
    expect(z.code).toBe(0);
    expect(z.err).toBe(ZH.join(''));
    const e = await cli('en', 'print', '--recall', '--root', root, '--today', TODAY);
    expect(e.err).toBe(EN.join(''));
  });

  it('audit, and its binder in the handbook\'s language', async () => {
    const out = path.join(dir, 'audit.html');
    const z = await cli('handbook', 'audit', root, '--today', TODAY, '--out', out);
    expect(z.code).toBe(0);
    expect(z.err).toBe(ZH.join(''));
    // The binder is a document of the handbook: Chinese whatever FLOWBOOK_LANG says.
    const html = await readFile(out, 'utf8');
    expect(html).toContain('3 (空行); 4 (引号不配对); 5 (应有 6 个字段（code,version,copy,holder,date,event），实有 3 个);');
    expect(html).not.toContain('empty line');
    const e = await cli('en', 'audit', root, '--today', TODAY, '--out', out);
    expect(e.err).toBe(EN.join(''));
  });

  it('a register that does not start with the header', async () => {
    const other = await handbook();
    await mkdir(path.join(other, 'register'));
    await writeFile(path.join(other, 'register/distribution.csv'), 'holder,code\r\n');
    expect((await cli('handbook', 'print', '--recall', '--root', other, '--today', TODAY)).err).toBe(
      'register/distribution.csv:1: warning: 第一行必须是表头 "code,version,copy,holder,date,event"；已忽略此行\n',
    );
    expect((await cli('en', 'print', '--recall', '--root', other, '--today', TODAY)).err).toBe(
      'register/distribution.csv:1: warning: the first line must be the header "code,version,copy,holder,date,event"; line ignored\n',
    );
  });
});

describe('flowbook approve: the notes', () => {
  /** Prepared (or reviewed) by one, the content changed, then approved: the note says so. */
  async function changedAfter(lang: Lang, as: 'prepared' | 'reviewed'): Promise<string> {
    const root = await handbook();
    const approve = (...args: string[]) => cli(lang, 'approve', 'HR-AT-003', '--root', root, ...args);
    expect((await approve('--by', '张敏', '--as', as, '--date', '2025-06-20')).code).toBe(0);
    const file = path.join(root, 'processes/short.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('填写请假条', '填写请假单'));
    const r = await approve('--by', '王军', '--date', '2025-06-22');
    expect(r.code, r.err).toBe(0);
    return r.out.split('\n').slice(2).join('\n');
  }

  it('in the handbook\'s language, and in English under FLOWBOOK_LANG=en', async () => {
    expect(await changedAfter('handbook', 'prepared')).toBe('  注意：张敏 于 2025-06-20 编制之后，内容又有修改。\n');
    expect(await changedAfter('handbook', 'reviewed')).toBe('  注意：张敏 于 2025-06-20 审核之后，内容又有修改。\n');
    expect(await changedAfter('en', 'prepared')).toBe('  note: the content changed after 张敏 prepared it on 2025-06-20\n');
    expect(await changedAfter('en', 'reviewed')).toBe('  note: the content changed after 张敏 reviewed it on 2025-06-20\n');
  });
});

describe('no browser: the help, from util/browser.ts, in both languages', () => {
  let root: string;
  beforeAll(async () => {
    root = await handbook();
  });

  it('print --pdf', async () => {
    const z = await cli('handbook', 'print', 'HR-AT-003', '--holder', '张三', '--pdf', '--root', root, '--today', TODAY);
    expect(z.code).toBe(0);
    expect(z.err).toBe(`注意：未生成 PDF。${NO_BROWSER_HELP_ZH}\n注意：HTML 文件即为受控副本（请用 Chromium 或 Chrome 打印），已登记在登记表中。\n`);
    const e = await cli('en', 'print', 'HR-AT-003', '--holder', '张三', '--pdf', '--root', root, '--today', TODAY);
    expect(e.err).toBe(`note: no PDF made. ${NO_BROWSER_HELP}\nnote: the HTML files are the controlled copies (print them from Chromium or Chrome); they are recorded in the register.\n`);
  });

  it('audit --pdf', async () => {
    const out = path.join(dir, 'audit-pdf.html');
    expect((await cli('handbook', 'audit', root, '--today', TODAY, '--out', out, '--pdf')).err).toBe(`注意：未生成 PDF。${NO_BROWSER_HELP_ZH}\n`);
    expect((await cli('en', 'audit', root, '--today', TODAY, '--out', out, '--pdf')).err).toBe(`note: no PDF made. ${NO_BROWSER_HELP}\n`);
  });

  it('the Mermaid renderer', async () => {
    const z = await cli('handbook', 'diagram', 'HR-AT-003', root, '--renderer', 'mermaid', '--today', TODAY);
    expect(z.code).toBe(1);
    expect(z.err).toBe(`flowbook: ${NO_BROWSER_HELP_ZH}Mermaid 渲染器需要浏览器；也可改用 --renderer native。\n`);
    const e = await cli('en', 'diagram', 'HR-AT-003', root, '--renderer', 'mermaid', '--today', TODAY);
    expect(e.err).toBe(`flowbook: ${NO_BROWSER_HELP} The Mermaid renderer needs a browser; or use --renderer native.\n`);
  });

  it('the Chinese help keeps the commands, variables and settings of the English', () => {
    for (const kept of ['"sudo apt-get install chromium"', 'FLOWBOOK_CHROMIUM=/path/to/browser', '"browser: /path/to/browser"', 'flowbook.yml', 'Microsoft Edge', 'Google Chrome']) {
      expect(NO_BROWSER_HELP).toContain(kept);
      expect(NO_BROWSER_HELP_ZH).toContain(kept);
    }
  });
});
