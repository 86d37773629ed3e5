/**
 * The site's pages about change: `changes/<code>.html` for every published process (when the
 * handbook is in a git repository) and `whats-new.html` (from git, or else from the revision
 * histories): the history and each process's compared versions, which the page registry's
 * changes and "what's new" pages (src/pages/registry.ts) are made from.
 */
import type { Process } from '../model/types.js';
import type { SiteModel } from '../view/model.js';
import { readGitHistory, type GitHistory, type HistoryOptions } from './history.js';
import { versionsOf } from './history-versions.js';
import { compareVersions, type ComparedVersion } from './history-page.js';

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
