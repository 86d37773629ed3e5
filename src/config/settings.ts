/** flowbook.yml: read once into a frozen Settings object. Pure (the caller reads the file). */
import { SETTINGS_FILE } from '../source/read-handbook.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { InvalidSettings } from '../diagnostics/catalogue.js';
import type { Language, Settings } from '../model/types.js';
import { createLocator, loadYaml, YamlSyntaxError, type FieldPath } from '../parse/yaml.js';
import { normaliseText } from '../parse/document.js';
import { closest } from '../util/suggest.js';
import { parsePaper } from '../view/paper/paper-size.js';

export { SETTINGS_FILE };
export const SETTINGS_KEYS = ['title', 'organisation', 'language', 'controlledText', 'uncontrolledText', 'renderer', 'browser', 'paper', 'synonyms', 'url', 'categories'] as const;
const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

export function defaultSettings(language: Language = 'zh-CN'): Settings {
  return Object.freeze({
    title: language === 'en' ? 'Process Handbook' : '流程手册',
    organisation: '',
    language,
    controlledText: language === 'en' ? 'CONTROLLED COPY' : '受控文件',
    uncontrolledText: language === 'en' ? 'Uncontrolled when printed' : '打印件为非受控文件',
    renderer: 'native' as const,
  });
}

/**
 * `fallback` is the language when flowbook.yml does not set one (config/language.ts reads it from
 * the documents); `languageSet` says whether it did.
 */
export function parseSettings(raw: string | undefined, file = SETTINGS_FILE, fallback: Language = 'zh-CN'): { settings: Settings; diagnostics: Diagnostic[]; languageSet: boolean } {
  if (raw === undefined) return { settings: defaultSettings(fallback), diagnostics: [], languageSet: false };
  const text = normaliseText(raw);
  const ds: Diagnostic[] = [];
  let data: unknown;
  try {
    data = loadYaml(text);
  } catch (e) {
    if (!(e instanceof YamlSyntaxError)) throw e;
    ds.push(diagnostic('invalid-yaml', { file, line: e.line + 1, column: e.column + 1 }, { in: 'settings', reason: e.reason }));
    return { settings: defaultSettings(fallback), diagnostics: ds, languageSet: false };
  }
  if (data === null || data === undefined) return { settings: defaultSettings(fallback), diagnostics: [], languageSet: false };
  const locate = createLocator(text);
  const at = (path: FieldPath, part?: 'key' | 'value') => {
    const p = locate(path, part);
    return { file, line: p.line, column: p.column, field: path.join('.') || undefined };
  };
  const report = (path: FieldPath, args: InvalidSettings) => ds.push(diagnostic('invalid-settings', at(path), args));
  if (typeof data !== 'object' || Array.isArray(data)) {
    report([], { problem: 'not-a-mapping' });
    return { settings: defaultSettings(fallback), diagnostics: ds, languageSet: false };
  }
  const o = data as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if ((SETTINGS_KEYS as readonly string[]).includes(k)) continue;
    ds.push(diagnostic('unknown-key', at([k], 'key'), { in: 'settings', key: k, near: closest(k, SETTINGS_KEYS), allowed: SETTINGS_KEYS }));
  }
  const str = (k: string): string | undefined => {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      report([k], { problem: 'not-text', key: k });
      return undefined;
    }
    return v;
  };
  let language: Language = fallback;
  let languageSet = false;
  const lang = str('language');
  if (lang !== undefined) {
    if ((LANGUAGES as readonly string[]).includes(lang)) {
      language = lang as Language;
      languageSet = true;
    }
    else {
      const near = closest(lang, LANGUAGES) ?? (/^zh/i.test(lang) ? 'zh-CN' : /^en/i.test(lang) ? 'en' : undefined);
      report(['language'], { problem: 'language', value: lang, near });
    }
  }
  const base = defaultSettings(language);
  let renderer = base.renderer;
  const r = str('renderer');
  if (r !== undefined) {
    if (r === 'native' || r === 'mermaid') renderer = r;
    else report(['renderer'], { problem: 'renderer', value: r });
  }
  const browser = str('browser');
  let paper: Settings['paper'];
  const paperText = str('paper');
  if (paperText !== undefined) {
    paper = parsePaper(paperText);
    if (!paper) report(['paper'], { problem: 'paper', value: paperText });
  }
  const urlText = str('url');
  const url = urlText === undefined ? undefined : siteUrl(urlText);
  if (urlText !== undefined && url === undefined) report(['url'], { problem: 'url', value: urlText });
  const synonyms = synonymGroups(o['synonyms'], (reason, path) => report(['synonyms', ...path], { problem: 'synonyms', reason }));
  const categories = nameList(o['categories'], (item) => report(item === undefined ? ['categories'] : ['categories', item], { problem: 'categories', ...(item !== undefined && { item: item + 1 }) }));
  const settings: Settings = Object.freeze({
    title: str('title') ?? base.title,
    organisation: str('organisation') ?? base.organisation,
    language,
    controlledText: str('controlledText') ?? base.controlledText,
    uncontrolledText: str('uncontrolledText') ?? base.uncontrolledText,
    renderer,
    ...(browser !== undefined && { browser }),
    ...(paper !== undefined && { paper }),
    ...(synonyms.length > 0 && { synonyms }),
    ...(url !== undefined && { url }),
    ...(categories.length > 0 && { categories }),
  });
  return { settings, diagnostics: ds, languageSet };
}

/**
 * `categories:` -> the category names in the order the site lists them (util/collate.ts): a list
 * of non-empty names; a repeated name counts once. `bad(undefined)` for a value that is not a
 * list, `bad(i)` for an item that is not a name.
 */
function nameList(v: unknown, bad: (item: number | undefined) => void): readonly string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    bad(undefined);
    return [];
  }
  const out: string[] = [];
  v.forEach((item, i) => {
    if (typeof item === 'number') item = String(item);
    if (typeof item !== 'string' || item.trim() === '') bad(i);
    else if (!out.includes(item)) out.push(item);
  });
  return Object.freeze(out);
}

/**
 * `synonyms:` -> groups of two or more distinct words (trimmed; empty and repeated ones dropped).
 * A bad entry is reported and left out; the rest still count.
 */
function synonymGroups(v: unknown, bad: (reason: string, path: (string | number)[]) => void): (readonly string[])[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    bad('it must be a list of groups, e.g. [[年假, 年休假], [离职, 辞职]]', []);
    return [];
  }
  const out: (readonly string[])[] = [];
  v.forEach((g: unknown, i) => {
    if (!Array.isArray(g) || g.some((w) => typeof w !== 'string' && typeof w !== 'number')) {
      bad(`group ${i + 1} must be a list of words, e.g. [年假, 年休假]`, [i]);
      return;
    }
    const words = [...new Set(g.map((w) => String(w).trim()).filter((w) => w !== ''))];
    if (words.length < 2) bad(`group ${i + 1} needs at least two different words`, [i]);
    else out.push(Object.freeze(words));
  });
  return out;
}

/** `url:` -> the site's address without a trailing slash; undefined unless an http(s) URL with a host and no query or fragment. */
export function siteUrl(text: string): string | undefined {
  const t = text.trim();
  if (!/^https?:\/\/[^\s]+$/i.test(t) || /[?#]/.test(t)) return undefined;
  try {
    const u = new URL(t);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '' || u.username !== '' || u.password !== '') return undefined;
  } catch {
    return undefined;
  }
  return t.replace(/\/+$/, '');
}
