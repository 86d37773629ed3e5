/**
 * The site's pages about change: `changes/<code>.html` for every published process (when the
 * handbook is in a git repository) and `whats-new.html` (from git, or else from the revision
 * histories). `flowbook build` and `flowbook dev` both come here.
 */
import type { Process } from '../model/types.js';
import type { OutputFile } from '../output/types.js';
import type { SiteModel } from '../view/model.js';
import type { Templates } from '../site/templates.js';
import type { SiteAssets } from '../site/pages/common.js';
import { readGitHistory, type GitHistory, type HistoryOptions } from './history.js';
import { versionsOf } from './history-versions.js';
import { changesPage, compareVersions, type ComparedVersion } from './history-page.js';
import { entriesFromHistory, entriesFromRevisions, whatsNewPage } from './whats-new.js';

export { readGitHistory, type GitHistory };

/** The git history of the handbook's published documents (see history.ts: never throws). */
export function readSiteHistory(root: string, processes: readonly Pick<Process, 'file'>[], options?: HistoryOptions): Promise<GitHistory> {
  return readGitHistory(root, processes.map((p) => p.file), options);
}

/** One process's versions, compared: what its changes page and "what's new" show. */
export function processVersions(site: SiteModel, p: Process, history: GitHistory & { kind: 'git' }, names = processNames(site)): ComparedVersion[] {
  return compareVersions(versionsOf(p, history.files.get(p.file) ?? [], site.settings, names), site.settings.language);
}

/** Code -> name of every process (a `type: process` step without text shows the name). */
export const processNames = (site: SiteModel): ReadonlyMap<string, string> => new Map([...site.allByCode.values()].map((x) => [x.code, x.name] as const));

/** Every changes page (with git) and the "what's new" page. */
export function historyPages(site: SiteModel, templates: Templates, assets: SiteAssets, history: GitHistory): OutputFile[] {
  if (history.kind !== 'git') return [whatsNewPage(site, templates, assets, entriesFromRevisions(site.published), false)];
  const versions = new Map<string, ComparedVersion[]>();
  const files: OutputFile[] = [];
  const names = processNames(site);
  for (const p of site.published) {
    const vs = processVersions(site, p, history, names);
    versions.set(p.code, vs);
    files.push(changesPage(site, templates, assets, p, vs));
  }
  files.push(whatsNewPage(site, templates, assets, entriesFromHistory(site.published, versions), true));
  return files;
}
