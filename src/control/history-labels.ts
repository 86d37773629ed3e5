/**
 * Words of the changes pages, the "what's new" page and the copy check, in the handbook's
 * language. Plain text (templates escape them); `{x}` placeholders are filled in by the code or,
 * for the copy check, by assets/copy-check.js in the reader's browser.
 */
import type { Language } from '../model/types.js';
import type { ProcessDiff } from './redline.js';

export interface ChangeLabels {
  readonly changes: string;
  readonly changesOf: string;
  readonly whatsNew: string;
  readonly whatsNewIntro: string;
  readonly whatsNewFromRevisions: string;
  readonly backToProcess: string;
  readonly versionHeading: string;
  readonly notCommitted: string;
  readonly commit: string;
  readonly author: string;
  readonly message: string;
  readonly firstVersion: string;
  readonly comparedWith: string;
  readonly noDifference: string;
  readonly fields: string;
  readonly field: string;
  readonly before: string;
  readonly after: string;
  readonly rolesHeading: string;
  readonly roleAdded: string;
  readonly roleRemoved: string;
  readonly rolesReordered: string;
  readonly stepsHeading: string;
  readonly stepAdded: string;
  readonly stepRemoved: string;
  readonly stepChanged: string;
  readonly unchangedSteps: string;
  readonly lane: string;
  readonly type: string;
  readonly link: string;
  readonly branches: string;
  readonly startEnd: string;
  readonly bodyHeading: string;
  readonly foldedLines: string;
  readonly chartHeading: string;
  readonly chartLegend: string;
  readonly chartUnreadable: string;
  readonly chartSame: string;
  readonly revisionEntry: string;
  readonly fieldNames: Readonly<Record<string, string>>;
  readonly summaryNone: string;
  readonly redlineLegend: string;
  readonly inserted: string;
  readonly deleted: string;
  readonly noHistory: string;
  readonly newDocument: string;
  readonly process: string;
  readonly summary: string;
  readonly changeKind: string;
  readonly date: string;
  readonly version: string;
  readonly more: string;
  /** The copy check on process pages (assets/copy-check.js): {version}, {copy}, {current}, {date}, {control}. */
  readonly copyCurrent: string;
  readonly printCurrent: string;
  readonly copySuperseded: string;
  readonly printSuperseded: string;
  readonly copyUnknown: string;
  readonly copyObsolete: string;
  readonly qrCaption: string;
  readonly list: string;
  readonly sep: string;
}

const zh: ChangeLabels = {
  changes: '变更对比',
  changesOf: '变更对比：',
  whatsNew: '最近更新',
  whatsNewIntro: '按提交日期排列的最近版本变更，每条附变更摘要，点击查看逐项对比。',
  whatsNewFromRevisions: '本手册不在 git 仓库中，以下按各文件修订记录列出最近版本。',
  backToProcess: '返回流程',
  versionHeading: '版本',
  notCommitted: '尚未提交',
  commit: '提交',
  author: '提交人',
  message: '提交说明',
  firstVersion: '历史中最早的版本，无可对比的前一版本。',
  comparedWith: '与上一版本 {version} 对比',
  noDifference: '内容与上一版本相同（仅版本号变化）。',
  fields: '字段',
  field: '字段',
  before: '原内容',
  after: '新内容',
  rolesHeading: '角色（泳道）',
  roleAdded: '新增角色',
  roleRemoved: '删除角色',
  rolesReordered: '泳道顺序已调整',
  stepsHeading: '步骤',
  stepAdded: '新增',
  stepRemoved: '删除',
  stepChanged: '修改',
  unchangedSteps: '其余 {n} 个步骤未变。',
  lane: '泳道',
  type: '类型',
  link: '调用流程',
  branches: '去向',
  startEnd: '开始/结束',
  bodyHeading: '相关说明（正文）',
  foldedLines: '… 省略 {n} 行未变内容 …',
  chartHeading: '流程图（本版本，变更处已标出）',
  chartLegend: '实线粗框：新增步骤；虚线粗框：修改的步骤。删除的步骤见上表。',
  chartUnreadable: '此版本的文件有错误，无法绘制流程图。',
  chartSame: '步骤和泳道未变，流程图与上一版本相同。',
  revisionEntry: '修订记录',
  fieldNames: {
    name: '流程名称',
    status: '受控状态',
    owner: '执行核心部门',
    control: '控制部门',
    category: '类别',
    effective: '生效日期',
    review: '下次评审',
    tags: '标签',
    prepared: '编制',
    reviewed: '审核',
    approved: '批准',
  },
  summaryNone: '无内容变化',
  redlineLegend: '图例：',
  inserted: '新增内容',
  deleted: '删除内容',
  noHistory: '此文件尚未提交到 git，暂无历史版本。',
  newDocument: '首次记录的版本',
  process: '流程',
  summary: '变更摘要',
  changeKind: '变更',
  date: '日期',
  version: '版本',
  more: '只列出最近 {n} 条；更早的变更见各流程的变更对比页。',
  copyCurrent: '此受控副本（版本 {version}，编号 {copy}）为现行版本。',
  printCurrent: '此打印件（版本 {version}）为现行版本。',
  copySuperseded: '此受控副本（版本 {version}，编号 {copy}）已被版本 {current} 替代（{date}）：请交回{control}。',
  printSuperseded: '此打印件（版本 {version}）已被版本 {current} 替代（{date}）：请勿再使用，以现行版本为准。',
  copyUnknown: '本页没有版本 {version} 的记录：请向{control}核实此副本。',
  copyObsolete: '本流程已作废：请将此副本（版本 {version}）交回{control}。',
  qrCaption: '扫码核对现行版本',
  list: '、',
  sep: '；',
};

const en: ChangeLabels = {
  changes: 'Changes',
  changesOf: 'Changes: ',
  whatsNew: "What's new",
  whatsNewIntro: 'Recent versions by commit date, each with a summary of what changed; open one for the redline.',
  whatsNewFromRevisions: 'This handbook is not in a git repository: recent versions are listed from each document\u2019s revision history.',
  backToProcess: 'Back to the process',
  versionHeading: 'Version',
  notCommitted: 'not committed yet',
  commit: 'Commit',
  author: 'Author',
  message: 'Message',
  firstVersion: 'The earliest version in the history: there is no earlier version to compare with.',
  comparedWith: 'Compared with the previous version, {version}',
  noDifference: 'Same content as the previous version (only the version changed).',
  fields: 'Fields',
  field: 'Field',
  before: 'Before',
  after: 'After',
  rolesHeading: 'Roles (lanes)',
  roleAdded: 'Role added',
  roleRemoved: 'Role removed',
  rolesReordered: 'Lane order changed',
  stepsHeading: 'Steps',
  stepAdded: 'Added',
  stepRemoved: 'Removed',
  stepChanged: 'Changed',
  unchangedSteps: 'The other {n} steps are unchanged.',
  lane: 'Lane',
  type: 'Type',
  link: 'Linked process',
  branches: 'Next',
  startEnd: 'Start/end',
  bodyHeading: 'Description (body)',
  foldedLines: '\u2026 {n} unchanged lines \u2026',
  chartHeading: 'Chart of this version, changes marked',
  chartLegend: 'Thick solid border: added step; thick dashed border: changed step. Removed steps are in the table above.',
  chartUnreadable: 'This version of the file has errors: no chart.',
  chartSame: 'Steps and lanes are unchanged: the chart is the same as the previous version\u2019s.',
  revisionEntry: 'Revision entry',
  fieldNames: {
    name: 'Process name',
    status: 'Status',
    owner: 'Owner',
    control: 'Control department',
    category: 'Category',
    effective: 'Effective',
    review: 'Next review',
    tags: 'Tags',
    prepared: 'Prepared',
    reviewed: 'Reviewed',
    approved: 'Approved',
  },
  summaryNone: 'no content change',
  redlineLegend: 'Key: ',
  inserted: 'inserted',
  deleted: 'deleted',
  noHistory: 'This file is not committed to git yet: no earlier versions.',
  newDocument: 'first version recorded',
  process: 'Process',
  summary: 'Summary',
  changeKind: 'Change',
  date: 'Date',
  version: 'Version',
  more: 'Only the {n} most recent are listed; older changes are on each process\u2019s changes page.',
  copyCurrent: 'This controlled copy (version {version}, No. {copy}) is current.',
  printCurrent: 'This printout (version {version}) is current.',
  copySuperseded: 'This controlled copy (version {version}, No. {copy}) was superseded by version {current} on {date}: return it to {control}.',
  printSuperseded: 'This printout (version {version}) was superseded by version {current} on {date}: do not use it; the current version applies.',
  copyUnknown: 'This page has no record of version {version}: check this copy with {control}.',
  copyObsolete: 'This process is obsolete: return this copy (version {version}) to {control}.',
  qrCaption: 'Scan to check this is the current version',
  list: ', ',
  sep: '; ',
};

export const changeLabels = (language: Language): ChangeLabels => (language === 'en' ? en : zh);

/** One line on what changed: "新增 2 个步骤；修改 1 个步骤；字段：名称、控制部门；正文有修改". */
export function summaryText(d: ProcessDiff, language: Language): string {
  const l = changeLabels(language);
  const en = language === 'en';
  const steps = (n: number, word: string) => (en ? `${n} step${n === 1 ? '' : 's'} ${word.toLowerCase()}` : `${word} ${n} 个步骤`);
  const parts: string[] = [];
  if (d.counts.added) parts.push(steps(d.counts.added, l.stepAdded));
  if (d.counts.changed) parts.push(steps(d.counts.changed, l.stepChanged));
  if (d.counts.removed) parts.push(steps(d.counts.removed, l.stepRemoved));
  if (d.rolesAdded.length) parts.push(`${l.roleAdded}${en ? ': ' : '：'}${d.rolesAdded.join(l.list)}`);
  if (d.rolesRemoved.length) parts.push(`${l.roleRemoved}${en ? ': ' : '：'}${d.rolesRemoved.join(l.list)}`);
  if (d.rolesReordered) parts.push(l.rolesReordered);
  if (d.fields.length) parts.push(`${l.fields}${en ? ': ' : '：'}${d.fields.map((f) => (l.fieldNames[f.field] ?? f.field).toLowerCase()).join(l.list)}`);
  if (d.bodyChanged) parts.push(en ? 'description changed' : '正文有修改');
  const s = parts.join(l.sep);
  return s === '' ? l.summaryNone : en ? s[0]!.toUpperCase() + s.slice(1) : s;
}
