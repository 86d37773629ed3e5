/**
 * `flowbook init`: the files of a new handbook, as contents. Pure: the command does the writing.
 * The two example documents pass `flowbook check --strict` on the day they are made (and for about a
 * year after): sign-off a week or two ago, effective today, review a year from today.
 */
import type { Language } from '../model/types.js';
import { addDays } from '../util/dates.js';
import { addMonths } from '../review/window.js';
import { yamlScalar } from './yaml.js';

export interface InitFile {
  /** Relative to the handbook folder, `/` separators. */
  readonly path: string;
  readonly content: string;
}

export interface InitOptions {
  readonly language: Language;
  readonly today: string;
  /** The package's schema/process.schema.json text, copied into the handbook for editors. */
  readonly schemaText: string;
  readonly title?: string;
  readonly organisation?: string;
}

export const SCHEMA_COPY = '.flowbook/process.schema.json';
export const EXAMPLE_CODES = ['HR-EX-001', 'HR-EX-002'] as const;

export function handbookFiles(o: InitOptions): InitFile[] {
  const zh = o.language === 'zh-CN';
  const d = {
    prepared: addDays(o.today, -14),
    reviewed: addDays(o.today, -10),
    approved: addDays(o.today, -7),
    effective: o.today,
    review: addMonths(o.today, 12),
  };
  return [
    { path: 'flowbook.yml', content: settingsFile(o) },
    { path: `processes/${EXAMPLE_CODES[0]}.md`, content: zh ? leaveZh(d) : leaveEn(d) },
    { path: `processes/${EXAMPLE_CODES[1]}.md`, content: zh ? attendanceZh(d) : attendanceEn(d) },
    { path: SCHEMA_COPY, content: o.schemaText },
    { path: '.vscode/settings.json', content: JSON.stringify({ 'yaml.schemas': { [`./${SCHEMA_COPY}`]: 'processes/**/*.md' } }, null, 2) + '\n' },
    { path: '.gitignore', content: '# Built by flowbook build / flowbook dev\nsite/\n.flowbook-cache/\n' },
    { path: 'README.md', content: zh ? readmeZh(o) : readmeEn(o) },
  ];
}

function settingsFile(o: InitOptions): string {
  const zh = o.language === 'zh-CN';
  const title = o.title ?? (zh ? '流程手册' : 'Process Handbook');
  const organisation = o.organisation ?? (zh ? '示例公司' : 'Example Ltd');
  return zh
    ? `# Flowbook 手册设置
title: ${yamlScalar(title)}
organisation: ${yamlScalar(organisation)}   # 改为贵单位名称
language: zh-CN              # 界面语言:zh-CN 或 en
controlledText: 受控文件
uncontrolledText: 打印件为非受控文件
`
    : `# Flowbook handbook settings
title: ${yamlScalar(title)}
organisation: ${yamlScalar(organisation)}   # your organisation's name
language: en                 # interface language: zh-CN or en
controlledText: CONTROLLED COPY
uncontrolledText: Uncontrolled when printed
`;
}

interface Dates {
  prepared: string;
  reviewed: string;
  approved: string;
  effective: string;
  review: string;
}

const leaveZh = (d: Dates) => `---
name: 请假流程(示例)
code: HR-EX-001
version: A/0
status: controlled
owner: 各用人部门
control: 人力资源部
category: 考勤与休假
effective: ${d.effective}
review: ${d.review}
roles: [员工, 部门负责人, 人力资源部]
steps:
  - role: 员工
    text: 填写请假申请
    note: 写明请假类别、起止时间和工作交接安排。
  - role: 部门负责人
    text: 审批
    type: decision
    next: { 同意: record, 不同意: refused }
  - id: refused
    role: 员工
    text: 不予准假，按时出勤
    end: true
  - id: record
    role: 人力资源部
    type: process
    ref: HR-EX-002
signoff:
  prepared: { by: 张敏, date: ${d.prepared} }
  reviewed: { by: 李强, date: ${d.reviewed} }
  approved: { by: 王军, date: ${d.approved} }
revisions:
  - { version: A/0, date: ${d.effective}, change: 首次发布 }
tags: [请假, 示例]
---

## 相关说明

这是 \`flowbook init\` 生成的示例:部门负责人的审批是一个判断(菱形,两个带标签的分支),
最后一步链接到另一个流程(椭圆)。可以直接修改它,也可以删除它,再用 \`flowbook new\` 新建自己的流程。
`;

const attendanceZh = (d: Dates) => `---
name: 考勤记录流程(示例)
code: HR-EX-002
version: A/0
status: controlled
owner: 人力资源部
control: 人力资源部
category: 考勤与休假
effective: ${d.effective}
review: ${d.review}
roles: [人力资源部, 员工]
steps:
  - role: 人力资源部
    text: 汇总月度考勤记录
    note: 包括已批准的请假。
  - role: 员工
    text: 核对本人考勤
  - role: 人力资源部
    text: 考勤记录存档，转薪资核算
signoff:
  prepared: { by: 张敏, date: ${d.prepared} }
  reviewed: { by: 李强, date: ${d.reviewed} }
  approved: { by: 王军, date: ${d.approved} }
revisions:
  - { version: A/0, date: ${d.effective}, change: 首次发布 }
tags: [考勤, 示例]
---

## 相关说明

这是 \`flowbook init\` 生成的示例,被《请假流程(示例)》的最后一步链接。
`;

const leaveEn = (d: Dates) => `---
name: Leave request (example)
code: HR-EX-001
version: A/0
status: controlled
owner: All departments
control: HR department
category: Attendance and leave
effective: ${d.effective}
review: ${d.review}
roles: [Employee, Line manager, HR department]
steps:
  - role: Employee
    text: Submit a leave request
    note: State the kind of leave, the dates and the handover arrangements.
  - role: Line manager
    text: Approve the request?
    type: decision
    next: { Approved: record, Refused: refused }
  - id: refused
    role: Employee
    text: Leave refused; keep normal working hours
    end: true
  - id: record
    role: HR department
    type: process
    ref: HR-EX-002
signoff:
  prepared: { by: Alex Chen, date: ${d.prepared} }
  reviewed: { by: Sam Lee, date: ${d.reviewed} }
  approved: { by: Jordan Wang, date: ${d.approved} }
revisions:
  - { version: A/0, date: ${d.effective}, change: First issue }
tags: [leave, example]
---

## Notes

An example made by \`flowbook init\`: the line manager's approval is a decision (a diamond with two
labelled branches), and the last step links to another process (an ellipse). Edit it, or delete it
and start your own processes with \`flowbook new\`.
`;

const attendanceEn = (d: Dates) => `---
name: Attendance recording (example)
code: HR-EX-002
version: A/0
status: controlled
owner: HR department
control: HR department
category: Attendance and leave
effective: ${d.effective}
review: ${d.review}
roles: [HR department, Employee]
steps:
  - role: HR department
    text: Collect the monthly attendance records
    note: Including approved leave.
  - role: Employee
    text: Check your own attendance record
  - role: HR department
    text: File the records and pass them to payroll
signoff:
  prepared: { by: Alex Chen, date: ${d.prepared} }
  reviewed: { by: Sam Lee, date: ${d.reviewed} }
  approved: { by: Jordan Wang, date: ${d.approved} }
revisions:
  - { version: A/0, date: ${d.effective}, change: First issue }
tags: [attendance, example]
---

## Notes

An example made by \`flowbook init\`; the last step of "Leave request (example)" links here.
`;

const readmeZh = (o: InitOptions) => `# ${oneLine(o.title ?? '流程手册')}

本文件夹是一本 Flowbook 流程手册:每个流程是 \`processes/\` 下的一个 Markdown 文件
(开头是 YAML 格式的流程信息和步骤,后面是正文说明)。

常用命令(在本文件夹中运行):

| 命令 | 作用 |
| --- | --- |
| \`flowbook check\` | 检查所有流程文件,指出错误所在的文件和行 |
| \`flowbook new HR-AT-009 --name 加班流程 --roles 员工,部门负责人,人力资源部\` | 按模板新建一个流程(草稿) |
| \`flowbook review --within 30d\` | 列出已到期或 30 天内到期需要评审的流程 |
| \`flowbook build\` | 生成网站到 \`site/\` |
| \`flowbook dev\` | 本地预览,修改后自动刷新 |

\`flowbook.yml\` 是手册设置(标题、单位名称、语言)。\`site/\` 和 \`.flowbook-cache/\` 是生成的文件,不要提交。
`;

const readmeEn = (o: InitOptions) => `# ${oneLine(o.title ?? 'Process Handbook')}

This folder is a Flowbook process handbook: each process is one Markdown file
under \`processes/\` (YAML frontmatter with the process's details and steps, then notes in Markdown).

Everyday commands (run them in this folder):

| command | what it does |
| --- | --- |
| \`flowbook check\` | check every process document; errors name the file and line |
| \`flowbook new HR-AT-009 --name "Overtime request" --roles "Employee,Line manager,HR department"\` | start a process from the template (as a draft) |
| \`flowbook review --within 30d\` | list processes whose review is overdue or due within 30 days |
| \`flowbook build\` | build the website into \`site/\` |
| \`flowbook dev\` | preview locally; reloads as you edit |

\`flowbook.yml\` holds the handbook's settings (title, organisation, language). \`site/\` and
\`.flowbook-cache/\` are generated; do not commit them.
`;

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
