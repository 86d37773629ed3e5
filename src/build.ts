/**
 * `flowbook build`: one orchestrator, named and timed stages, in order:
 *   load -> diagrams -> markdown -> pages -> search -> write
 * Stages return data; only src/output/ writes. Markdown conversion starts on worker threads before
 * the diagrams stage and finishes after it, so on two cores the two overlap (its time is reported
 * from its start). A failure anywhere leaves the previous site untouched.
 */
import path from 'node:path';
import { loadHandbook } from './load.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { Handbook, Process } from './model/types.js';
import type { OutputFile } from './output/types.js';
import { refuseOutput } from './output/guard.js';
import { writeSite } from './output/write-site.js';
import { readMarkdownCache, writeMarkdownCache } from './output/markdown-cache.js';
import { buildSiteModel, renderSite, type SiteModel } from './site/index.js';
import { compileTemplates, readTemplateSources } from './site/templates.js';
import { readAssets, readMermaidBundle } from './site/assets.js';
import { bodyHash } from './site/markdown.js';
import { convertBodies } from './site/markdown-pool.js';
import { renderProcessDiagrams } from './site/diagrams.js';
import { buildSearchIndex } from './search/index.js';
import { htmlToText } from './site/text.js';
import { processPath } from './site/paths.js';

export type StageName = 'load' | 'diagrams' | 'markdown' | 'pages' | 'search' | 'write';

export interface BuildOptions {
  /** Handbook folder (holds flowbook.yml and processes/). */
  readonly root: string;
  /** Output folder; default `<root>/site`. */
  readonly out?: string;
  readonly today: string;
  readonly strict?: boolean;
  readonly drafts?: boolean;
  readonly force?: boolean;
  /** Overrides flowbook.yml's renderer. */
  readonly renderer?: 'native' | 'mermaid';
  /** Use and update `<root>/.flowbook-cache/` (default true). */
  readonly cache?: boolean;
  /** Markdown worker threads (default: cores - 1). */
  readonly threads?: number;
  readonly onProgress?: (stage: StageName, done: number, total: number) => void;
  readonly onStage?: (stage: StageName, ms: number) => void;
}

export interface StageTiming {
  readonly name: StageName;
  readonly ms: number;
}

export interface BuildResult {
  readonly ok: boolean;
  /** Check diagnostics (errors stop the build before anything is written). */
  readonly diagnostics: readonly Diagnostic[];
  readonly documentCount: number;
  readonly processes: number;
  readonly pages: number;
  readonly files: number;
  readonly bytes: number;
  readonly out: string;
  readonly stages: readonly StageTiming[];
  readonly ms: number;
  /** Remarks for the user. */
  readonly notes: readonly string[];
}

/** A build that must not run as asked (e.g. a foreign output folder); nothing was written. */
export class BuildRefused extends Error {}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const t0 = performance.now();
  const root = path.resolve(options.root);
  const out = path.resolve(options.out ?? path.join(root, 'site'));
  const stages: StageTiming[] = [];
  const notes: string[] = [];
  const timed = async <T>(name: StageName, fn: () => Promise<T> | T, since?: number): Promise<T> => {
    const s = since ?? performance.now();
    const r = await fn();
    const ms = performance.now() - s;
    stages.push({ name, ms });
    options.onStage?.(name, ms);
    return r;
  };
  const result = (extra: Partial<BuildResult>): BuildResult => ({
    ok: false,
    diagnostics: [],
    documentCount: 0,
    processes: 0,
    pages: 0,
    files: 0,
    bytes: 0,
    out,
    stages,
    ms: performance.now() - t0,
    notes,
    ...extra,
  });

  const refused = await refuseOutput(out, root, options.force ?? false);
  if (refused) throw new BuildRefused(refused);

  const loaded = await timed('load', () => loadHandbook(root, { today: options.today, strict: options.strict }));
  if (!loaded.handbook) return result({ diagnostics: loaded.diagnostics, documentCount: loaded.documentCount });
  const handbook: Handbook = loaded.handbook;
  const site: SiteModel = buildSiteModel(handbook, { today: options.today, drafts: options.drafts });
  const language = handbook.settings.language;
  const useCache = options.cache ?? true;
  const cacheDir = path.join(root, '.flowbook-cache'); // the diagram module keeps its own mermaid/ folder here

  // Templates and assets are read now so that a broken template fails before any work.
  const [templates, assets] = await Promise.all([readTemplateSources(path.join(root, 'templates')).then(compileTemplates), readAssets(root)]);

  // Markdown: start the worker threads first; they run while this thread draws diagrams.
  const mdStart = performance.now();
  const cache = useCache ? await readMarkdownCache(path.join(cacheDir, 'markdown')) : new Map<string, string>();
  const hashes = site.published.map((p) => bodyHash(p.body, language));
  const missing: { body: string; hash: string }[] = [];
  const queued = new Set<string>();
  site.published.forEach((p, i) => {
    const hash = hashes[i]!;
    if (cache.has(hash) || queued.has(hash)) return;
    queued.add(hash);
    missing.push({ body: p.body, hash });
  });
  // convertBodies starts its workers synchronously: they run while this thread draws diagrams.
  const conversion = convertBodies(
    missing.map((m) => m.body),
    language,
    { ...(options.threads !== undefined && { threads: options.threads }), onProgress: (n) => options.onProgress?.('markdown', n, missing.length) },
  );
  conversion.catch(() => undefined); // handled when awaited below

  const href = (_from: Process, code: string) => (site.byCode.has(code) ? `${encodeURI(code)}.html` : undefined);
  const diagrams = await timed('diagrams', () =>
    renderProcessDiagrams(site.published, {
      root,
      renderer: options.renderer ?? handbook.settings.renderer,
      language,
      href,
      ...(handbook.settings.browser !== undefined && { browser: handbook.settings.browser }),
      onProgress: (d, t) => options.onProgress?.('diagrams', d, t),
    }),
  );

  const bodies = await timed(
    'markdown',
    async () => {
      const converted = await conversion;
      const fresh = new Map(missing.map((m, i) => [m.hash, converted[i]!]));
      const byCode = new Map(site.published.map((p, i) => [p.code, cache.get(hashes[i]!) ?? fresh.get(hashes[i]!)!]));
      return { byCode, used: new Map(hashes.map((h) => [h, cache.get(h) ?? fresh.get(h)!])), changed: fresh.size > 0 || cache.size !== new Set(hashes).size };
    },
    mdStart,
  );

  const rendered = await timed('pages', () =>
    renderSite(site, templates, { svgs: diagrams.svgs, bodies: bodies.byCode, mermaid: diagrams.mermaid, assets: assets.flags }, (d, t) =>
      options.onProgress?.('pages', d, t),
    ),
  );

  const searchFiles = await timed('search', () =>
    buildSearchIndex(site.published, {
      pageHref: (code) => processPath(code),
      language,
      bodyText: (p) => htmlToText(bodies.byCode.get(p.code) ?? ''),
    }),
  );

  const files: OutputFile[] = [...rendered.files, ...searchFiles, ...assets.files];
  if (rendered.needsMermaid) files.push(await readMermaidBundle());
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const written = await timed('write', () => writeSite(out, files));

  if (useCache && bodies.changed) await writeMarkdownCache(path.join(cacheDir, 'markdown'), bodies.used).catch(() => undefined);

  return result({
    ok: true,
    diagnostics: loaded.diagnostics,
    documentCount: loaded.documentCount,
    processes: site.published.length,
    pages: rendered.pages,
    files: written.files,
    bytes: written.bytes,
  });
}
