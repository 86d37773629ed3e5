/**
 * The words for a process's control status, per handbook language: the site's pages
 * (labels.ts) and the search script in the reader's browser (src/browser/search) show the same.
 * Pure, no imports at run time: it is bundled into assets/search.js.
 */
import type { Language, Status } from '../model/types.js';

export const STATUS_LABELS: Readonly<Record<Language, Readonly<Record<Status, string>>>> = {
  'zh-CN': { controlled: '受控', uncontrolled: '非受控', draft: '草稿', obsolete: '作废' },
  en: { controlled: 'Controlled', uncontrolled: 'Uncontrolled', draft: 'Draft', obsolete: 'Obsolete' },
};
