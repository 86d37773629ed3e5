/**
 * Where every page lives in the site, and relative links between pages (so the site works from
 * file://, at a domain root and under any sub-path). Paths are relative to the site root with "/".
 */

export const processPath = (code: string) => `p/${code}.html`;
export const mermaidPath = (code: string) => `p/${code}.mmd`;
/** A process's versions from the git history, each as a redline (src/control/history-page.ts). */
export const changesPath = (code: string) => `changes/${code}.html`;
export const rolePath = (slug: string) => `role/${slug}.html`;
export const deptPath = (slug: string) => `dept/${slug}.html`;
export const HOME = 'index.html';
export const MAP = 'map.html';
export const SEARCH = 'search.html';
export const ROLES = 'roles.html';
export const DEPARTMENTS = 'departments.html';
export const WHATS_NEW = 'whats-new.html';
/** The master list of documents (受控文件清单) and its CSV (src/control/master-list-page.ts). */
export const MASTER_LIST = 'master-list.html';
export const MASTER_LIST_CSV = 'master-list.csv';

/** The prefix that leads from a page back to the site root: "" for `index.html`, "../" for `p/x.html`. */
export function rootOf(pagePath: string): string {
  const depth = pagePath.split('/').length - 1;
  return '../'.repeat(depth);
}

/** The relative URL of `target` (site path) as written on `page` (site path). */
export function relative(page: string, target: string): string {
  return relativeFrom(page)(target);
}

/**
 * `relative` for many targets from one page: the page's folder is split once. A process page
 * links to a role for every step, so this runs tens of times per page.
 */
export function relativeFrom(page: string): (target: string) => string {
  const from = page.split('/').slice(0, -1);
  if (from.length === 0) return (target) => target;
  const up = '../'.repeat(from.length);
  return (target) => {
    // The common case: a target outside the page's top folder (from p/ to role/, dept/, the root).
    const slash = target.indexOf('/');
    if (slash < 0 || target.slice(0, slash) !== from[0]) return up + target;
    const to = target.split('/');
    let i = 0;
    while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
    return '../'.repeat(from.length - i) + to.slice(i).join('/');
  };
}
