/** Interface labels in the handbook's language (settings.language). Plain text: templates escape them. */
import type { Language, Status } from '../model/types.js';
import { STATUS_LABELS } from './status-labels.js';

export interface Labels {
  readonly home: string;
  readonly search: string;
  readonly searchPlaceholder: string;
  readonly searchTitle: string;
  readonly searchNoScript: string;
  readonly skipToContent: string;
  readonly mainNav: string;
  readonly processMap: string;
  readonly roles: string;
  readonly departments: string;
  /** The master list of documents (navigation). */
  readonly masterList: string;
  readonly processName: string;
  readonly code: string;
  readonly version: string;
  readonly status: string;
  readonly owner: string;
  readonly control: string;
  readonly category: string;
  readonly effective: string;
  readonly review: string;
  /** Controlled copies of the current version that are out (from the distribution register). */
  readonly copiesOut: string;
  readonly statuses: Readonly<Record<Status, string>>;
  readonly diagram: string;
  readonly diagramHint: string;
  readonly diagramAlt: string;
  readonly downloadMermaid: string;
  /** The chart viewer on process pages (src/browser/viewer.ts): its controls and what it announces. */
  readonly viewerControls: string;
  readonly zoomIn: string;
  readonly zoomOut: string;
  readonly zoomFit: string;
  readonly zoomActual: string;
  /** Announced with the scale, e.g. "缩放 150%". */
  readonly zoom: string;
  readonly expandChart: string;
  readonly closeChart: string;
  /** Phones: the button before the step list that opens the chart full-window. */
  readonly showChart: string;
  /** Replaces diagramHint when the viewer runs. */
  readonly viewerHint: string;
  readonly steps: string;
  readonly stepNumber: string;
  readonly role: string;
  readonly action: string;
  readonly next: string;
  readonly note: string;
  readonly end: string;
  readonly start: string;
  readonly decision: string;
  readonly subprocess: string;
  readonly description: string;
  readonly signoff: string;
  readonly prepared: string;
  readonly reviewed: string;
  readonly approved: string;
  readonly preparedDate: string;
  readonly reviewedDate: string;
  readonly approvedDate: string;
  readonly revisions: string;
  readonly change: string;
  readonly date: string;
  readonly linksTo: string;
  readonly linkedFrom: string;
  readonly none: string;
  readonly notPublished: string;
  readonly draftBanner: string;
  readonly obsoleteBanner: string;
  readonly replacedBy: string;
  readonly categories: string;
  readonly uncategorised: string;
  readonly recentlyEffective: string;
  readonly dueForReview: string;
  readonly overdue: string;
  readonly dueIn: string;
  readonly obsolete: string;
  readonly processes: string;
  readonly processCount: string;
  readonly stepCount: string;
  readonly owns: string;
  readonly controls: string;
  readonly rolePerforms: string;
  readonly mapIntro: string;
  readonly mapList: string;
  /** The process map's category filter and zoom (assets/map.js); `{shown}` / `{total}` are filled in. */
  readonly mapFilter: string;
  readonly mapAll: string;
  readonly mapActualSize: string;
  readonly mapShown: string;
  readonly asOf: string;
  readonly generatedBy: string;
  readonly nothingDue: string;
  /** Punctuation between a label and its value, in a list, and between clauses. */
  readonly colon: string;
  readonly listSep: string;
  readonly comma: string;
}

const zh: Labels = {
  home: '首页',
  search: '搜索',
  searchPlaceholder: '搜索流程、角色、步骤…',
  searchTitle: '搜索',
  searchNoScript: '搜索需要启用 JavaScript。也可从首页按类别浏览全部流程。',
  skipToContent: '跳到正文',
  mainNav: '主导航',
  processMap: '流程总图',
  roles: '角色',
  departments: '部门',
  masterList: '受控文件清单',
  processName: '流程名称',
  code: '编码',
  version: '版本',
  status: '受控状态',
  owner: '执行核心部门',
  control: '控制部门',
  category: '类别',
  effective: '生效日期',
  review: '下次评审',
  copiesOut: '在外受控副本',
  statuses: STATUS_LABELS['zh-CN'],
  diagram: '流程图',
  diagramHint: '图较宽时可左右滑动查看。',
  diagramAlt: '泳道流程图;文字版见下方步骤表。',
  downloadMermaid: '下载 Mermaid 源文件',
  viewerControls: '流程图查看工具',
  zoomIn: '放大',
  zoomOut: '缩小',
  zoomFit: '适合宽度',
  zoomActual: '原始大小',
  zoom: '缩放',
  expandChart: '全屏查看',
  closeChart: '退出全屏',
  showChart: '查看流程图',
  viewerHint: '拖动图可平移；按住 Ctrl（Mac 为 ⌘）滚动滚轮或双指捏合可缩放；全屏时按 Esc 退出。',
  steps: '步骤说明',
  stepNumber: '序号',
  role: '行为实施环节',
  action: '管理行为',
  next: '下一步',
  note: '说明',
  end: '结束',
  start: '起点',
  decision: '判断',
  subprocess: '子流程',
  description: '相关说明',
  signoff: '签署',
  prepared: '编制人员',
  reviewed: '审核人员',
  approved: '批准人员',
  preparedDate: '编制日期',
  reviewedDate: '审核日期',
  approvedDate: '批准日期',
  revisions: '修订记录',
  change: '修订内容',
  date: '日期',
  linksTo: '本流程引用',
  linkedFrom: '引用本流程的流程',
  none: '无',
  notPublished: '未发布',
  draftBanner: '草稿:本流程尚未批准发布,仅供审阅。',
  obsoleteBanner: '本流程已作废,仅供查阅历史记录,不得用于指导工作。',
  replacedBy: '替代流程：',
  categories: '流程分类',
  uncategorised: '未分类',
  recentlyEffective: '最近生效',
  dueForReview: '30 天内到期评审',
  overdue: '已逾期',
  dueIn: '到期',
  obsolete: '已作废流程',
  processes: '流程',
  processCount: '个流程',
  stepCount: '个步骤',
  owns: '执行的流程',
  controls: '控制的流程',
  rolePerforms: '该角色在各流程中执行的步骤',
  mapIntro: '全部流程按类别分列,箭头表示一个流程调用另一个流程。点击方框打开流程。',
  mapList: '流程之间的引用',
  mapFilter: '按类别显示',
  mapAll: '全部类别',
  mapActualSize: '原始大小',
  mapShown: '显示 {shown} / {total} 个流程',
  asOf: '截至',
  generatedBy: '由 Flowbook 生成',
  nothingDue: '暂无到期评审的流程。',
  colon: '：',
  listSep: '、',
  comma: '，',
};

const en: Labels = {
  home: 'Home',
  search: 'Search',
  searchPlaceholder: 'Search processes, roles, steps…',
  searchTitle: 'Search',
  searchNoScript: 'Search needs JavaScript. You can also browse every process by category from the home page.',
  skipToContent: 'Skip to content',
  mainNav: 'Main navigation',
  processMap: 'Process map',
  roles: 'Roles',
  departments: 'Departments',
  masterList: 'Master list',
  processName: 'Process name',
  code: 'Code',
  version: 'Version',
  status: 'Control status',
  owner: 'Executing department',
  control: 'Controlling department',
  category: 'Category',
  effective: 'Effective',
  review: 'Next review',
  copiesOut: 'Controlled copies out',
  statuses: STATUS_LABELS.en,
  diagram: 'Flowchart',
  diagramHint: 'Scroll sideways to see a wide chart.',
  diagramAlt: 'Swimlane flowchart; the step table below is its text version.',
  downloadMermaid: 'Download the Mermaid source',
  viewerControls: 'Chart view',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  zoomFit: 'Fit width',
  zoomActual: 'actual size',
  zoom: 'Zoom',
  expandChart: 'Expand',
  closeChart: 'Close',
  showChart: 'Show chart',
  viewerHint: 'Drag to move the chart; Ctrl (⌘ on a Mac) + wheel or pinch to zoom; Esc leaves the expanded view.',
  steps: 'Steps',
  stepNumber: 'No.',
  role: 'Role',
  action: 'Action',
  next: 'Next',
  note: 'Note',
  end: 'End',
  start: 'Start',
  decision: 'Decision',
  subprocess: 'Process',
  description: 'Notes',
  signoff: 'Sign-off',
  prepared: 'Prepared by',
  reviewed: 'Reviewed by',
  approved: 'Approved by',
  preparedDate: 'Prepared on',
  reviewedDate: 'Reviewed on',
  approvedDate: 'Approved on',
  revisions: 'Revision history',
  change: 'Change',
  date: 'Date',
  linksTo: 'Links to',
  linkedFrom: 'Referenced by',
  none: 'None',
  notPublished: 'not published',
  draftBanner: 'Draft: this process has not been approved for use.',
  obsoleteBanner: 'This process is obsolete. It is kept for reference only; do not follow it.',
  replacedBy: 'Replaced by: ',
  categories: 'Processes by category',
  uncategorised: 'Uncategorised',
  recentlyEffective: 'Recently effective',
  dueForReview: 'Due for review within 30 days',
  overdue: 'overdue',
  dueIn: 'due',
  obsolete: 'Obsolete processes',
  processes: 'Processes',
  processCount: 'processes',
  stepCount: 'steps',
  owns: 'Processes it executes',
  controls: 'Processes it controls',
  rolePerforms: 'Steps this role performs, by process',
  mapIntro: 'Every process by category; an arrow means one process calls another. Select a box to open the process.',
  mapList: 'Links between processes',
  mapFilter: 'Show categories',
  mapAll: 'All categories',
  mapActualSize: 'Actual size',
  mapShown: 'Showing {shown} of {total} processes',
  asOf: 'as of',
  generatedBy: 'Made with Flowbook',
  nothingDue: 'No process is due for review.',
  colon: ': ',
  listSep: ', ',
  comma: ', ',
};

export function labelsFor(language: Language): Labels {
  return language === 'en' ? en : zh;
}
