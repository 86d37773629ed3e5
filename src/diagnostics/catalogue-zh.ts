/**
 * The diagnostic catalogue in Chinese: the same codes as catalogue.ts, the same arguments, the
 * words a Chinese HR office reads. A message or hint that is missing here (or returns undefined for
 * a form it does not know yet) is shown in English: a new code never breaks a run, and
 * test/messages/catalogues.test.ts fails until it is translated (same codes, same arguments shown).
 */
import type { FieldPath } from '../parse/yaml.js';
import { MAX_DOCUMENT_BYTES, MAX_ROLES, MAX_STEPS } from '../limits.js';
import { fieldName, shortLabel, type DiagnosticArgs, type DiagnosticCode } from './catalogue.js';

type Args<C extends DiagnosticCode> = DiagnosticArgs<C> extends [infer A] ? A : undefined;

export interface ZhEntry<C extends DiagnosticCode> {
  readonly message: (a: Args<C>) => string | undefined;
  readonly hint: (a: Args<C>) => string | undefined;
}

/** A YAML value's kind in Chinese (catalogue.ts's `kind`). */
function kind(v: unknown): string {
  if (Array.isArray(v)) return '列表';
  if (v === null) return '空值';
  if (typeof v === 'object') return '映射';
  if (typeof v === 'boolean') return 'true/false 值';
  if (typeof v === 'number') return '数字';
  if (typeof v === 'string') return '文本';
  return typeof v;
}

/** `第 6 步`, or `第 6 步（archive_docs）` when the step has an id. */
export function stepNameZh(step: number, id?: string): string {
  return id === undefined ? `第 ${step} 步` : `第 ${step} 步（${shortLabel(id)}）`;
}

const didYouMean = (near: string | undefined): string => (near === undefined ? '' : `是否应为“${near}”？`);

function inField(path: FieldPath, stepId?: string): string {
  if (path.length === 0) return '';
  if (path[0] === 'steps' && typeof path[1] === 'number') return `${stepNameZh(path[1] + 1, stepId)}中`;
  return `${fieldName(path)} 中`;
}

function mappingName(path: FieldPath, stepId?: string): string {
  if (path.length === 0) return '文档头（frontmatter）';
  if (path.length === 2 && typeof path[1] === 'number') {
    if (path[0] === 'steps') return stepNameZh(path[1] + 1, stepId);
    if (path[0] === 'revisions') return `第 ${path[1] + 1} 条修订记录`;
  }
  return fieldName(path);
}

const mib = (bytes: number): string => (bytes / 1048576).toFixed(1);

function yamlHint(reason: string): string {
  if (/unique|duplicated mapping key/i.test(reason)) return '同一映射中每个键只能出现一次：删除或改名重复的键。';
  if (/indent/i.test(reason)) return '检查缩进：列表或映射的各项必须对齐，用空格，不要用 Tab。';
  if (/tab/i.test(reason)) return '用空格缩进；YAML 不允许用 Tab 缩进。';
  return '检查这一行的引号和缩进；值中含有 ": "、"#"，或以 [ { * & ! | > \' " % @ ` 开头时，要加引号。';
}

const REQUIRED_HINTS: Readonly<Record<string, string>> = {
  name: '加上 "name: <流程名称>"，例如 name: 请假流程。',
  code: '加上 "code: <编码>"，例如 code: HR-AT-003；编码在手册中必须唯一。',
  status: '加上 "status: controlled"（或 uncontrolled、draft、obsolete）。',
  owner: '加上 "owner: <执行核心部门>"，例如 owner: 人力资源部。',
  control: '加上 "control: <控制部门或岗位>"，例如 control: 人力资源总监。',
  roles: '加上 "roles: [角色A, 角色B]"：泳道，按顺序排列。',
  steps: '加上 "steps:"，每个步骤写一项 "- role: ... text: ..."。',
};

type ListItemArgs = { key: string; item: number; value: unknown; items: string };
const listItemMessage = (a: ListItemArgs) => `"${a.key}" 的第 ${a.item} 项${a.value === null || a.value === '' ? '为空' : `是${kind(a.value)}，不是文本`}`;
const listItemHint = (a: ListItemArgs) => `把每一项（${a.items}）写成文本。`;

const entry = <C extends DiagnosticCode>(_code: C, e: ZhEntry<C>): ZhEntry<C> => e;

export const CATALOGUE_ZH: { readonly [C in DiagnosticCode]?: ZhEntry<C> } = {
  'read-failed': entry('read-failed', {
    message: (a) => (a.what === 'folder' ? `无法读取文件夹：${a.reason}` : `无法读取文件：${a.reason}`),
    hint: (a) => `检查该${a.what === 'folder' ? '文件夹' : '文件'}是否存在、是否可读。`,
  }),
  'no-frontmatter': entry('no-frontmatter', {
    message: (a) =>
      a.problem === 'unclosed'
        ? '第 1 行开始的文档头（frontmatter）没有结束'
        : a.problem === 'other-language'
          ? `第一行 "${a.firstLine.slice(0, 40)}" 开始的是其他格式的文档头；只读取 YAML`
          : '文档没有以 YAML 文档头（frontmatter）开始',
    hint: (a) =>
      a.problem === 'unclosed'
        ? '在最后一个字段之后加一行，只写 "---"。'
        : '文件第一行写 "---"，然后是各字段（name、code、status、owner、control、roles、steps），再写一行 "---"。',
  }),
  'invalid-yaml': entry('invalid-yaml', {
    message: (a) => `YAML 格式错误：${a.reason}`,
    hint: (a) => (a.in === 'settings' ? '修正这一行的 YAML 语法。' : yamlHint(a.reason)),
  }),
  'not-a-mapping': entry('not-a-mapping', {
    message: (a) => `文档头是${a.value === 'list' ? '一个列表' : '单个值'}，不是一组 "键: 值" 字段`,
    hint: () => '每行写一个字段，例如 "name: 请假流程"。',
  }),
  'too-large': entry('too-large', {
    message: (a) =>
      a.limit === 'bytes'
        ? `文档大小为 ${mib(a.bytes)} MiB，上限是 ${MAX_DOCUMENT_BYTES / 1048576} MiB`
        : `该流程有 ${a.count} 个${a.limit === 'roles' ? '角色（roles）' : '步骤（steps）'}，上限是 ${a.limit === 'roles' ? MAX_ROLES : MAX_STEPS}`,
    hint: (a) =>
      a.limit === 'bytes'
        ? '把它拆成几个流程，或把大段材料移出手册，改为链接。'
        : a.limit === 'roles'
          ? '合并角色，或把流程拆成几个。'
          : '把它拆成几个流程，用 type: process 步骤相互链接。',
  }),
  'symlink-ignored': entry('symlink-ignored', {
    message: (a) =>
      a.link === 'processes-folder'
        ? 'processes 文件夹是符号链接，不会跟随读取'
        : a.link === 'settings'
          ? 'flowbook.yml 是符号链接，不会跟随读取；使用默认设置'
          : '符号链接未跟随读取',
    hint: (a) => (a.link === 'processes-folder' ? '把 processes/ 改为手册内的真实文件夹。' : 'Flowbook 只读取手册内的文件；请把文件复制到这里，不要链接。'),
  }),
  'missing-field': entry('missing-field', {
    message: (a) => `${'parent' in a ? inField(a.parent, a.stepId) : ''}缺少必填字段 "${a.key}"`,
    hint: (a) => ('parent' in a ? `加上 "${a.key}: ..."（${a.what ?? '文本'}）。` : (REQUIRED_HINTS[a.key] ?? `加上 "${a.key}: ..."。`)),
  }),
  'wrong-type': entry('wrong-type', {
    message: (a) => {
      switch (a.of) {
        case 'text':
          return `"${a.key}" 应为文本，而不是${kind(a.value)}`;
        case 'boolean':
          return `"${a.key}" 应为 true 或 false，而不是${typeof a.value === 'string' ? ` "${a.value}"` : kind(a.value)}`;
        case 'list':
          return `"${a.key}" 应为列表（${a.items}），而不是${kind(a.value)}`;
        case 'list-item':
          return listItemMessage(a);
        case 'steps':
        case 'revisions':
          return `"${a.of}" 应为列表，而不是${kind(a.value)}`;
        case 'signoff':
          return `"signoff" 应为映射，而不是${kind(a.value)}`;
        case 'step':
          return `第 ${a.item} 步应为由键（role、text 等）组成的映射，而不是${kind(a.value)}`;
        case 'revision':
          return `第 ${a.item} 条修订记录应为 { version, date, change }，而不是${kind(a.value)}`;
        case 'signoff-entry':
          return `signoff.${a.entry} 应为 { by: <姓名>, date: YYYY-MM-DD }，而不是${kind(a.value)}`;
        case 'next-item':
          return `"next" 的第 ${a.item} 项是${kind(a.value)}，不是步骤 id`;
        case 'branch':
          return `${stepNameZh(a.step, a.stepId)}的分支 "${a.label}" 指向的是${kind(a.value)}，不是步骤 id`;
      }
      return undefined;
    },
    hint: (a) => {
      switch (a.of) {
        case 'text':
          return `在 "${a.key}:" 的同一行写上${a.what ?? '文本'}。`;
        case 'boolean':
          return typeof a.value === 'string' && /^(yes|no|on|off|y|n)$/i.test(a.value)
            ? `在 YAML 1.2 中 "${a.value}" 是文本；请写 ${a.key}: ${/^(yes|on|y)$/i.test(a.value) ? 'true' : 'false'}。`
            : `写 ${a.key}: true，或删除这一行。`;
        case 'list':
          return `写 ${a.key}: [a, b, c]，或每行一个 "- 项"。`;
        case 'list-item':
          return listItemHint(a);
        case 'steps':
          return '在 "steps:" 下每个步骤写一项 "- role: ... text: ..."。';
        case 'revisions':
          return '每条修订写一项 "- { version: A/1, date: 2024-06-01, change: ... }"。';
        case 'signoff':
          return '在 signoff: 下写 prepared、reviewed 和 approved，每项为 { by: <姓名>, date: YYYY-MM-DD }。';
        case 'step':
          return '把步骤写成 "- role: ..."，下一行缩进写 "text: ..."。';
        case 'revision':
          return '写 - { version: A/1, date: 2024-06-01, change: 增加总经理审批环节 }。';
        case 'signoff-entry':
          return `写 ${a.entry}: { by: 张敏, date: 2024-05-20 }。`;
        case 'next-item':
          return '写下一步骤的 id。';
        case 'branch':
          return `写 "${a.label}: <步骤 id>"。`;
      }
      return undefined;
    },
  }),
  'empty-value': entry('empty-value', {
    message: (a) => {
      switch (a.of) {
        case 'text':
          return a.empty === 'null' ? `"${a.key}" 没有值` : `"${a.key}" 为空`;
        case 'list-item':
          return listItemMessage(a);
        case 'roles':
          return a.empty === 'null' ? '"roles" 没有值' : '"roles" 是空列表';
        case 'next':
          return a.empty === 'null' ? `${stepNameZh(a.step, a.stepId)}的 "next" 没有值` : `${stepNameZh(a.step, a.stepId)}的 "next" 是空列表`;
      }
      return undefined;
    },
    hint: (a) => {
      switch (a.of) {
        case 'text':
          return `在 "${a.key}:" 后写上${a.what ?? '值'}。`;
        case 'list-item':
          return listItemHint(a);
        case 'roles':
          return '按泳道顺序列出角色，例如 roles: [员工, 部门负责人, 人力资源部]。';
        case 'next':
          return a.empty === 'null' ? '写出下一步骤（它的 id），或删除 "next"，按顺序进入下一步。' : '列出后续步骤的 id，或删除 "next"。';
      }
      return undefined;
    },
  }),
  'unknown-status': entry('unknown-status', {
    message: (a) => `未知的状态 "${a.status}"。${didYouMean(a.near)}`,
    hint: () => '写 controlled（受控）、uncontrolled（非受控）、draft（草稿）或 obsolete（作废）之一。',
  }),
  'invalid-code': entry('invalid-code', {
    message: (a) => {
      switch (a.problem) {
        case 'length':
          return `编码长 ${a.length} 个字符，上限是 ${a.limit}`;
        case 'characters':
          return `编码 "${a.code}" 只能包含字母、数字、"-"、"_" 和 "."，并以字母或数字开头`;
        case 'bytes':
          return `编码的 UTF-8 长度为 ${a.bytes} 字节，上限是 ${a.limit}（它是页面的文件名）`;
        case 'reserved':
          return `编码 "${a.code}" 是 Windows 保留的设备名，不能用作页面文件名`;
      }
      return undefined;
    },
    hint: () => '编码决定页面地址；请写成 HR-ER-012 这样的形式。',
  }),
  'invalid-date': entry('invalid-date', {
    message: (a) => (/^\d{4}-\d{2}-\d{2}$/.test(a.value) ? `"${a.value}" 不是真实存在的日期` : `"${a.value}" 不是 YYYY-MM-DD 格式的日期`),
    hint: () => '按 YYYY-MM-DD 写日期，例如 2024-06-01。',
  }),
  'unknown-key': entry('unknown-key', {
    message: (a) => (a.in === 'settings' ? `未知的设置项 "${a.key}"。` : `${mappingName(a.parent, a.stepId)}中有未知的键 "${a.key}"。`) + didYouMean(a.near),
    hint: (a) =>
      a.near !== undefined
        ? `改名为 "${a.near}"，或删除它。`
        : a.in === 'settings'
          ? `删除它；可用的设置项：${a.allowed.join(', ')}。`
          : `删除它；这里可用的键：${a.allowed.join(', ')}。`,
  }),
  'duplicate-role': entry('duplicate-role', {
    message: (a) => `角色 "${a.role}" 列出了两次（第 ${a.first} 项和第 ${a.item} 项）`,
    hint: () => '删除第二个；每个角色是一条泳道。',
  }),
  'empty-steps': entry('empty-steps', {
    message: () => '步骤列表（steps）为空',
    hint: () => '至少加一个步骤："- role: <roles 中的角色>"，并写 "text: <做什么>"。',
  }),
  'unknown-role': entry('unknown-role', {
    message: (a) => `${stepNameZh(a.step, a.stepId)}的角色 "${a.role}" 不在 roles 中。${didYouMean(a.near)}`,
    hint: (a) => (a.near !== undefined ? `改为 "${a.near}"，或把 "${a.role}" 加到 roles。` : `把 "${a.role}" 加到 roles，或使用其中之一：${a.roles.join(', ')}。`),
  }),
  'unknown-type': entry('unknown-type', {
    message: (a) => `未知的步骤类型 "${a.type}"。${didYouMean(a.near)}`,
    hint: () => '写 type: action（方框，默认）、decision（菱形）或 process（椭圆，链接到另一个流程）。',
  }),
  'missing-text': entry('missing-text', {
    message: (a) => `${stepNameZh(a.step, a.stepId)}没有文字（text）`,
    hint: () => '加上 "text: <做什么>"；只有 type: process 的步骤可以不写。',
  }),
  'missing-ref': entry('missing-ref', {
    message: (a) => `${stepNameZh(a.step, a.stepId)}是 type: process，但没有 ref`,
    hint: () => '加上 "ref: <所链接流程的编码>"，例如 ref: HR-CB-003。',
  }),
  'ref-without-process': entry('ref-without-process', {
    message: (a) => `${stepNameZh(a.step, a.stepId)}有 ref，但不是 type: process，ref 被忽略`,
    hint: () => '加上 "type: process"，画成指向该流程的链接；或删除 ref。',
  }),
  'unknown-ref': entry('unknown-ref', {
    message: (a) => `${stepNameZh(a.step, a.stepId)}的 ref "${a.ref}" 不是手册中任何流程的编码。${didYouMean(a.namedCode ?? a.near)}`,
    hint: (a) =>
      a.namedCode !== undefined
        ? `"${a.ref}" 是 ${a.namedCode} 的名称；ref 要写流程的编码：ref: ${a.namedCode}。`
        : a.near !== undefined
          ? `改为 "${a.near}"，或新增编码为 "${a.ref}" 的文档。`
          : `写一个已有流程的编码，或新增编码为 "${a.ref}" 的文档。`,
  }),
  'duplicate-step-id': entry('duplicate-step-id', {
    message: (a) => `步骤 id "${a.id}" 已被第 ${a.first} 步使用`,
    hint: () => '每个步骤用不同的 id；只有被 next 指向的步骤才需要 id。',
  }),
  'unknown-step': entry('unknown-step', {
    message: (a) => `${stepNameZh(a.step, a.stepId)}的 next 指向 "${a.target}"，但没有步骤的 id 是它。${didYouMean(a.near)}`,
    hint: (a) => (a.near !== undefined ? `改为 "${a.near}"，或给要到达的步骤加上 "id: ${a.target}"。` : `给要到达的步骤加上 "id: ${a.target}"。`),
  }),
  'end-with-next': entry('end-with-next', {
    message: (a) => `${stepNameZh(a.step, a.stepId)}写了 end: true，又写了 next`,
    hint: () => '删除 "next"（流程在此结束），或删除 "end: true"。',
  }),
  'decision-branches': entry('decision-branches', {
    message: (a) => `判断步骤${stepNameZh(a.step, a.stepId)}${a.labelled === 0 ? '没有带标签的分支' : '只有一个带标签的分支'}；判断至少需要两个`,
    hint: () => '把 next 写成分支标签到步骤 id 的映射，例如 next: { 同意: approve, 不同意: reject }。',
  }),
  'unreachable-step': entry('unreachable-step', {
    message: (a) => `${stepNameZh(a.step, a.id)}（"${shortLabel(a.text)}"）无法从${a.startsMarked ? '标记为 start: true 的步骤' : '第一步'}到达`,
    hint: (a) => (a.id ? `让某个 next 指向 "${a.id}"，或标记 start: true，或删除该步骤。` : '给它一个 id 并让某个 next 指向它，或标记 start: true，或删除该步骤。'),
  }),
  'unused-role': entry('unused-role', {
    message: (a) => `角色 "${a.role}" 没有任何步骤，它的泳道将是空的`,
    hint: () => '从 roles 中删除它，或给它一个步骤。',
  }),
  'incomplete-signoff': entry('incomplete-signoff', {
    message: (a) =>
      a.lacks === 'signoff'
        ? '受控文件需要签署（编制/审核/批准），此文件没有'
        : a.lacks === 'by-or-date'
          ? `受控文件的 signoff.${a.entry} 需要同时写 "by" 和 "date"`
          : `受控文件的签署缺少 ${a.entries.join('、')}`,
    hint: (a) =>
      a.lacks === 'signoff'
        ? '加上 signoff:，写 prepared、reviewed 和 approved，每项为 { by: <姓名>, date: YYYY-MM-DD }。'
        : a.lacks === 'by-or-date'
          ? `写 ${a.entry}: { by: <姓名>, date: YYYY-MM-DD }。`
          : `在 signoff 下加上 ${a.entries.map((k) => `${k}: { by: <姓名>, date: YYYY-MM-DD }`).join('、')}。`,
  }),
  'changed-after-approval': entry('changed-after-approval', {
    message: (a) =>
      a.problem === 'changed'
        ? `${a.code}${a.version !== undefined ? ` ${a.version}` : ''} 在 ${a.by} 于 ${a.date} 批准后被修改过：内容与批准时的指纹不一致`
        : `signoff.${a.entry}.sha256 "${shortLabel(a.value)}" 不是 SHA-256 指纹（64 位十六进制数）`,
    hint: (a) =>
      a.problem === 'changed'
        ? `给修改后的文档一个新版本，并加一条修订记录（- { version: <新版本>, date: YYYY-MM-DD, change: <修改内容> }），然后重新批准：flowbook approve ${a.code} --by <姓名>。如果是误改，请撤销修改。`
        : `让 flowbook approve 写入指纹（flowbook approve <code> --by <姓名> --as ${a.entry}），或删除 sha256 这一行。`,
  }),
  'review-overdue': entry('review-overdue', {
    message: (a) => `评审日期 ${a.review} 已过（今天是 ${a.today}）`,
    hint: () => '评审该流程，然后把 review 改为下一次评审日期。',
  }),
  'effective-before-approval': entry('effective-before-approval', {
    message: (a) => `生效日期 ${a.effective} 早于批准日期 ${a.approved}`,
    hint: () => '版本批准后才生效：把 effective 设为 signoff.approved.date 当天或之后。',
  }),
  'duplicate-code': entry('duplicate-code', {
    message: (a) => `编码 "${a.code}" 已被 ${a.firstFile} 使用`,
    hint: () => '给这个文档一个自己的编码；编码决定页面。',
  }),
  'code-case-clash': entry('code-case-clash', {
    message: (a) => `编码 "${a.code}" 与 ${a.otherFile} 中的 "${a.other}" 仅大小写不同`,
    hint: () => '编码用作文件名，有些磁盘不区分大小写：请选用不只是大小写不同的编码。',
  }),
  'no-processes': entry('no-processes', {
    message: () => '手册中没有流程文档',
    hint: (a) => `把流程文档（*.md）放进手册根目录下的 ${a.folder}/，或运行 "flowbook init" 新建手册。`,
  }),
  'invalid-settings': entry('invalid-settings', {
    message: (a) => {
      switch (a.problem) {
        case 'not-a-mapping':
          return 'flowbook.yml 必须是设置项的映射';
        case 'not-text':
          return `"${a.key}" 必须是非空文本`;
        case 'language':
          return `未知的语言 "${a.value}"。${didYouMean(a.near)}`;
        case 'renderer':
          return `未知的渲染器 "${a.value}"`;
        case 'paper':
          return `未知的纸张 "${a.value}"：Flowbook 只用 A4 或 A3 打印`;
        case 'url':
          return `url "${a.value}" 不是网站地址（应以 http:// 或 https:// 开头，不含 ? 或 #）`;
        case 'synonyms':
          return `synonyms：${a.reason}`;
        case 'categories':
          return a.item === undefined ? '"categories" 必须是类别名称的列表' : `"categories" 的第 ${a.item} 项不是类别名称`;
      }
      return undefined;
    },
    hint: (a) => {
      switch (a.problem) {
        case 'not-a-mapping':
          return '每行写一个 "键: 值"，例如 title: 人力资源流程手册。';
        case 'not-text':
          return `写 ${a.key}: <文本>，或删除这一行。`;
        case 'language':
          return '写 language: zh-CN 或 language: en。';
        case 'renderer':
          return '写 renderer: native（默认）或 renderer: mermaid。';
        case 'paper':
          return '写 paper: A4（默认）或 paper: A3，或删除这一行。';
        case 'url':
          return '写手册发布的网址，例如 url: https://handbook.example.com/hr/（打印件上的二维码会打开它），或删除这一行。';
        case 'synonyms':
          return '写 synonyms: [[年假, 年休假], [离职, 辞职]]：每组列出搜索时视为相同的词。';
        case 'categories':
          return '写 categories: [总览, 招聘与配置, 员工关系]：按网站列出的顺序写类别（其余类别按拼音或字母顺序排在后面）。';
      }
      return undefined;
    },
  }),
  'language-mismatch': entry('language-mismatch', {
    message: (a) => `界面语言是 ${a.set}，但文档是用${a.documents === 'en' ? '英文' : '中文'}写的（汉字占 ${a.percent}%）`,
    hint: (a) => `在 flowbook.yml 中写 language: ${a.documents}，让网站的用词、日期和排序与文档一致；只有读者读 ${a.set} 时才保留它。`,
  }),
  'mermaid-fallback': entry('mermaid-fallback', {
    message: (a) => `Mermaid 无法绘制 ${a.code} 的流程图（${a.reason}）；页面改用内置流程图`,
    hint: (a) =>
      a.kind === 'timeout'
        ? 'Mermaid 在限定时间内画不出这个流程；拆分流程，或用 --renderer native 构建。'
        : a.kind === 'browser'
          ? '绘图时浏览器停止了；重新构建，或用 --renderer native 构建。'
          : a.selfLoopStep !== undefined
            ? `Mermaid 的泳道布局画不出 next 指回自身的步骤（第 ${a.selfLoopStep} 步就是这样）；让它指向更早的步骤，或用 --renderer native 构建。`
            : '文档没有问题；是 Mermaid 的泳道布局画不出这个流程。用 --renderer native 构建，或简化流程。',
  }),
};
