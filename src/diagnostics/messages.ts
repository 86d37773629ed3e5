/**
 * The command line's own words, in English and Chinese. Which: FLOWBOOK_LANG (zh or en), else the
 * handbook's language (flowbook.yml's, or the one its documents are written in), else English.
 * Templates name their values as {name}; test/messages/catalogues.test.ts keeps both languages in
 * step (same keys, same placeholders). Light: loaded at start-up.
 */
import type { Language } from '../model/types.js';
import type { LanguageChoice } from '../config/language.js';

import type { MessageLanguage } from './localize.js';

export type { MessageLanguage };

const EN = {
  built: 'Built {processes}, {pages} pages in {seconds} s -> {out}',
  builtDraftsLeftOut: 'Built {processes} ({drafts} left out: --drafts to include), {pages} pages in {seconds} s -> {out}',
  process: '{n} process',
  processes: '{n} processes',
  draft: '{n} draft',
  drafts: '{n} drafts',
  nothingBuilt: 'Nothing was built; the previous site was left as it was.',
  pagesReused: '{reused} of {pages} pages had not changed since the last build and were kept (.flowbook-cache/; --no-cache builds every page)',
  note: 'note: {text}',
  languageFromDocuments:
    'note: the interface language is {language} ({name}), chosen from the documents ({percent}% Han characters) because flowbook.yml does not set it; to choose, write language: {language} (or language: {other}) in flowbook.yml.',
  languageDefault: 'note: the interface language is {language} ({name}), the default: flowbook.yml does not set it and the documents have no text to tell; write language: zh-CN or language: en in flowbook.yml.',
  timingsHeading: 'Stages:',
  timingsRow: '  {stage} {ms} ms',
  timingsRowThreads: '  {stage} {ms} ms (summed over {threads} threads)',
  total: 'total',
  devServing: 'Serving {root} at {url}\nWatching for changes; press Ctrl+C to stop.',
  devPortTaken: 'Port {port} is taken; using {used}.',
  devNotServed: 'Not served yet: fix the errors above; the site appears when they are fixed.',
  devShowsErrors: 'The browser shows these errors over the last good version; still watching.',
  devRebuilt: '{what}: {n} files rebuilt in {ms} ms',
  devRebuiltOne: '{what}: {n} file rebuilt in {ms} ms',
  devMoreWaiting: ' (more changes waiting)',
  devFixed: 'Fixed: the errors are gone.',
  devEverything: 'everything',
  devLastGood: 'The browser shows the last good version; still watching.',
  devStillWatching: 'Still watching.',
  devInternalError: 'internal error: {reason}',
  devSearchFailed: 'the search index could not be built: {reason}',
  devWatchFailed: 'watching: {reason}',
  usageHelp: 'Run "flowbook --help" for usage.',
  internalError: 'This is a bug in Flowbook, not in your handbook. Set FLOWBOOK_DEBUG=1 for details, and please report it.',
  languageName_en: 'English',
  'languageName_zh-CN': 'Chinese',
} as const;

export type MessageKey = keyof typeof EN;

const ZH: Record<MessageKey, string> = {
  built: '已生成 {processes}，{pages} 个页面，用时 {seconds} 秒 -> {out}',
  builtDraftsLeftOut: '已生成 {processes}（未包含 {drafts}：加 --drafts 可包含），{pages} 个页面，用时 {seconds} 秒 -> {out}',
  process: '{n} 个流程',
  processes: '{n} 个流程',
  draft: '{n} 个草稿',
  pagesReused: '{pages} 个页面中有 {reused} 个自上次生成以来未变，已沿用（.flowbook-cache/；加 --no-cache 全部重新生成）',
  drafts: '{n} 个草稿',
  nothingBuilt: '未生成任何内容；原有网站保持不变。',
  note: '注意：{text}',
  languageFromDocuments:
    '注意：界面语言为 {language}（{name}），因 flowbook.yml 未设置，按文档文字选定（汉字占 {percent}%）；如需指定，在 flowbook.yml 中写 language: {language}（或 language: {other}）。',
  languageDefault: '注意：界面语言为 {language}（{name}），即默认值：flowbook.yml 未设置，文档中也没有可判断的文字；请在 flowbook.yml 中写 language: zh-CN 或 language: en。',
  timingsHeading: '各阶段用时：',
  timingsRow: '  {stage} {ms} 毫秒',
  timingsRowThreads: '  {stage} {ms} 毫秒（{threads} 个线程合计）',
  total: '合计',
  devServing: '正在 {url} 预览 {root}\n正在监视文件变化；按 Ctrl+C 停止。',
  devPortTaken: '端口 {port} 已被占用；改用 {used}。',
  devNotServed: '尚未开始预览：请修正上面的错误，修正后网站即会出现。',
  devShowsErrors: '浏览器在最后一个正确版本上显示这些错误；继续监视中。',
  devRebuilt: '{what}：重新生成 {n} 个文件，用时 {ms} 毫秒',
  devRebuiltOne: '{what}：重新生成 {n} 个文件，用时 {ms} 毫秒',
  devMoreWaiting: '（还有更改等待处理）',
  devFixed: '已修正：错误都已消除。',
  devEverything: '全部',
  devLastGood: '浏览器显示的是最后一个正确的版本；继续监视中。',
  devStillWatching: '继续监视中。',
  devInternalError: '内部错误：{reason}',
  devSearchFailed: '无法生成搜索索引：{reason}',
  devWatchFailed: '监视文件变化时出错：{reason}',
  usageHelp: '运行 "flowbook --help" 查看用法。',
  internalError: '这是 Flowbook 的缺陷，不是手册的问题。设置 FLOWBOOK_DEBUG=1 可查看详情，请报告此问题。',
  languageName_en: '英文',
  'languageName_zh-CN': '中文',
};

export const MESSAGES: Readonly<Record<MessageLanguage, Readonly<Record<MessageKey, string>>>> = { en: EN, zh: ZH };

/** `FLOWBOOK_LANG` as a message language: zh, zh-CN, zh_CN.UTF-8 ... -> zh; en, en-GB ... -> en; anything else: undefined. */
export function envLanguage(env: NodeJS.ProcessEnv = process.env): MessageLanguage | undefined {
  const v = env.FLOWBOOK_LANG?.trim().toLowerCase();
  if (!v) return undefined;
  if (/^zh([-_.]|$)/.test(v)) return 'zh';
  if (/^en([-_.]|$)/.test(v)) return 'en';
  return undefined;
}

/** The language of the command line's messages: FLOWBOOK_LANG, else the handbook's, else English. */
export function messageLanguage(handbook?: Language, env: NodeJS.ProcessEnv = process.env): MessageLanguage {
  return envLanguage(env) ?? (handbook === undefined ? 'en' : handbook === 'en' ? 'en' : 'zh');
}

/** The message `key` in `language`, its {placeholders} filled in. */
export function say(language: MessageLanguage, key: MessageKey, values: Readonly<Record<string, string | number>> = {}): string {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

/** `1 process`, `25 processes`, `25 个流程`. */
export function count(language: MessageLanguage, n: number, one: 'process' | 'draft'): string {
  const key: MessageKey = one === 'process' ? (n === 1 ? 'process' : 'processes') : n === 1 ? 'draft' : 'drafts';
  return say(language, key, { n });
}

/** Which language the site is in and how to choose it, when flowbook.yml does not say; else undefined. */
export function languageNote(result: { readonly language?: LanguageChoice }, lang: MessageLanguage): string | undefined {
  const c = result.language;
  if (!c || c.from === 'settings') return undefined;
  const values = {
    language: c.language,
    name: say(lang, c.language === 'en' ? 'languageName_en' : 'languageName_zh-CN'),
    other: c.language === 'en' ? 'zh-CN' : 'en',
    percent: Math.round((c.hanShare ?? 0) * 100),
  };
  return say(lang, c.from === 'documents' ? 'languageFromDocuments' : 'languageDefault', values);
}
