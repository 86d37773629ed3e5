/** Words printed on paper, in the handbook's language, with the other language's phrase beside the key marks. */
import type { Language, Settings, Status } from '../../model/types.js';

export interface PrintLabels {
  readonly copyNo: string;
  readonly holder: string;
  readonly issued: string;
  readonly version: string;
  readonly printed: string;
  readonly contents: string;
  readonly revisionSummary: string;
  readonly process: string;
  readonly page: string;
  readonly diagramContinued: string;
  readonly part: (i: number, n: number) => string;
  readonly date: string;
  readonly bookDate: string;
  readonly controlledBook: string;
  readonly uncontrolledBook: string;
  readonly noVersion: string;
  /** CSS `content` value for the page footer: page X of Y. */
  readonly pageOfCss: string;
}

const zh: PrintLabels = {
  copyNo: '受控编号',
  holder: '持有人',
  issued: '发放日期',
  version: '版本',
  printed: '打印日期',
  contents: '目录',
  revisionSummary: '修订记录汇总',
  process: '流程',
  page: '页码',
  diagramContinued: '流程图(续)',
  part: (i, n) => `第 ${i}/${n} 部分`,
  date: '日期',
  bookDate: '编印日期',
  controlledBook: '受控本',
  uncontrolledBook: '非受控本,仅供参考',
  noVersion: '无版本',
  pageOfCss: '"第 " counter(page) " 页 共 " counter(pages) " 页"',
};

const en: PrintLabels = {
  copyNo: 'Copy No.',
  holder: 'Holder',
  issued: 'Issued',
  version: 'Version',
  printed: 'Printed',
  contents: 'Contents',
  revisionSummary: 'Revision summary',
  process: 'Process',
  page: 'Page',
  diagramContinued: 'Flowchart (continued)',
  part: (i, n) => `part ${i} of ${n}`,
  date: 'Date',
  bookDate: 'Compiled',
  controlledBook: 'Controlled copy',
  uncontrolledBook: 'Uncontrolled, for reference only',
  noVersion: 'no version',
  pageOfCss: '"Page " counter(page) " of " counter(pages)',
};

export function printLabels(language: Language): PrintLabels {
  return language === 'en' ? en : zh;
}

const CONTROLLED = { 'zh-CN': '受控文件', en: 'CONTROLLED COPY' } as const;
const UNCONTROLLED = { 'zh-CN': '打印件为非受控文件', en: 'Uncontrolled when printed' } as const;
const WATERMARK: Partial<Record<Status, string>> = { draft: '草稿 / DRAFT', obsolete: '作废 / OBSOLETE' };

const other = (l: Language): Language => (l === 'en' ? 'zh-CN' : 'en');
const both = (own: string, phrase: string) => (own.includes(phrase) ? own : `${own} / ${phrase}`);

/** settings.controlledText with the other language's phrase: `受控文件 / CONTROLLED COPY`. */
export const controlledMark = (s: Settings) => both(s.controlledText, CONTROLLED[other(s.language)]);
/** settings.uncontrolledText with the other language's phrase: `打印件为非受控文件 / Uncontrolled when printed`. */
export const uncontrolledMark = (s: Settings) => both(s.uncontrolledText, UNCONTROLLED[other(s.language)]);
/** `草稿 / DRAFT` or `作废 / OBSOLETE`, else undefined. */
export const watermarkText = (status: Status) => WATERMARK[status];
