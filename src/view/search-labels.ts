/**
 * The search script's words (the header's suggestions and search.html's results and filters), per
 * handbook language. The script picks them by the page's `lang`; statuses are the site's own
 * (status-labels.ts). Pure: it is bundled into assets/search.js.
 */
import type { Language } from '../model/types.js';
import { STATUS_LABELS } from './status-labels.js';

export interface SearchLabels {
  results(n: number): string;
  readonly partial: string;
  all(n: number): string;
  readonly loading: string;
  readonly failed: string;
  step(n: number): string;
  readonly tags: string;
  readonly body: string;
  readonly listbox: string;
  readonly prompt: string;
  readonly facets: string;
  readonly category: string;
  readonly dept: string;
  readonly role: string;
  readonly status: string;
  readonly any: string;
  readonly obsolete: string;
  readonly more: string;
  readonly statuses: Readonly<Record<string, string>>;
  readonly owner: string;
  count(n: number): string;
}

const zh: SearchLabels = {
  results: (n) => (n === 0 ? '没有找到流程' : `找到 ${n} 个流程`),
  partial: '没有同时包含全部关键词的流程;以下为部分匹配。',
  all: (n) => `查看全部 ${n} 个结果`,
  loading: '正在加载搜索索引…',
  failed: '搜索索引加载失败。',
  step: (n) => `步骤 ${n}`,
  tags: '标签',
  body: '说明',
  listbox: '搜索建议',
  prompt: '在上方搜索框输入关键词,例如“请假”“加班”或流程编号。',
  facets: '筛选',
  category: '类别',
  dept: '部门',
  role: '角色',
  status: '状态',
  any: '全部',
  obsolete: '包含已作废流程',
  more: '显示更多结果',
  statuses: STATUS_LABELS['zh-CN'],
  owner: '归口部门',
  count: (n) => `${n} 个结果`,
};

const en: SearchLabels = {
  results: (n) => (n === 0 ? 'No processes found' : n === 1 ? '1 process found' : `${n} processes found`),
  partial: 'No process contains every word; showing partial matches.',
  all: (n) => `See all ${n} results`,
  loading: 'Loading the search index…',
  failed: 'The search index could not be loaded.',
  step: (n) => `Step ${n}`,
  tags: 'Tags',
  body: 'Description',
  listbox: 'Search suggestions',
  prompt: 'Type in the search box above, for example “leave”, “overtime” or a process code.',
  facets: 'Filter',
  category: 'Category',
  dept: 'Department',
  role: 'Role',
  status: 'Status',
  any: 'All',
  obsolete: 'Include obsolete processes',
  more: 'Show more results',
  statuses: STATUS_LABELS.en,
  owner: 'Owner',
  count: (n) => (n === 1 ? '1 result' : `${n} results`),
};

export function searchLabelsFor(language: Language): SearchLabels {
  return language === 'en' ? en : zh;
}
