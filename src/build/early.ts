/**
 * What a build needs to tell, cheaply, that it has nothing to do: every input besides the
 * documents' own checks (register, git history, templates, assets) read before the check, and a
 * hash of all inputs. Kept free of the check, Markdown and page modules, so that a build with
 * nothing to do loads none of them (src/build.ts).
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { HandbookSources } from '../source/read-handbook.js';
import type { OutputFile } from '../output/types.js';
import { documentHash, hashKey, intactSiteFiles, type BuildCache } from '../output/build-cache.js';
import { SITE_MARKER } from '../output/guard.js';
import { readRegister, type Register } from '../print/register.js';
import { headCommit, readGitHistory, type GitHistory } from '../control/history.js';
import { readTemplateSources, type TemplateSource } from '../site/templates.js';
import { readAssets, type AssetSet } from '../site/assets.js';

export interface EarlyInputs {
  readonly register: Register;
  /** Read when HEAD could not be told from the repository's files (see `headCommit`); else read after the check, when needed. */
  readonly history?: GitHistory;
  readonly templateSources: TemplateSource[];
  readonly assets: AssetSet;
  /** The documents' paths, in order (the history was read for these). */
  readonly files: string[];
  /** The commit HEAD points at, when it could be read from the repository's files. */
  readonly head?: string;
  /** A hash of every input of the build. */
  readonly fingerprint: string;
}

/** What the build was asked, as far as it changes the output. */
export interface BuildAsk {
  readonly root: string;
  readonly out: string;
  readonly stamp: string;
  readonly today: string;
  readonly strict?: boolean;
  readonly drafts?: boolean;
  readonly renderer?: string;
}

/**
 * Undefined when something cannot be read: the build then reads it again after the check, where
 * its error is reported (a broken handbook reports its documents' errors first).
 */
export async function readEarlyInputs(ask: BuildAsk, sources: HandbookSources): Promise<EarlyInputs | undefined> {
  try {
    const files = sources.documents.map((d) => d.file);
    // The history follows from the commit HEAD points at: no git run when that can be read.
    const head = headCommit(ask.root);
    const [register, history, templateSources, assets] = await Promise.all([
      readRegister(ask.root),
      head === undefined ? readGitHistory(ask.root, files) : undefined,
      readTemplateSources(path.join(ask.root, 'templates')),
      readAssets(ask.root),
    ]);
    const fingerprint = hashKey(
      JSON.stringify([
        [ask.stamp, ask.out, ask.today, ask.strict ?? false, ask.drafts ?? false, ask.renderer ?? ''],
        [sources.settingsText ?? null, sources.diagnostics, sources.documents.map(documentHash)],
        [templateSources, assetsHash(assets.files), register.entries, head ?? (history!.kind === 'git' ? [...history!.files] : history)],
      ]),
    );
    return { register, ...(history && { history }), ...(head !== undefined && { head }), templateSources, assets, files, fingerprint };
  } catch {
    return undefined;
  }
}

/** The contents of the site's asset files (the handbook's custom.css among them). */
export function assetsHash(files: readonly OutputFile[]): string {
  return hashKey(files.map((f) => `${f.path}\0${typeof f.content === 'string' ? f.content : Buffer.from(f.content).toString('base64')}`).join('\0'));
}

/** Whether the last build's site is whole and as it left it: no file changed, none added or removed. */
export function siteUnchanged(stored: BuildCache, out: string): boolean {
  const site = stored.site;
  if (!site || !existsSync(path.join(out, SITE_MARKER))) return false;
  if (intactSiteFiles(site, out).size !== site.files.size) return false;
  const present = listFiles(out);
  return present.length === site.files.size + 1 && present.every((f) => f === SITE_MARKER || site.files.has(f));
}

/** Every file under `dir`, relative, with `/`. */
function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => !e.isDirectory())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  } catch {
    return [];
  }
}
