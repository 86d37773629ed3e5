/**
 * `flowbook dev`: build into memory, serve, watch, rebuild what a change affects, reload the open
 * pages. User errors (a broken document, template or flowbook.yml) go to the terminal and, as an
 * overlay over the last good page, to the browser; internal errors too. Watching goes on either way.
 */
import path from 'node:path';
import { formatText } from '../diagnostics/format.js';
import { languageNote, messageLanguage, say, type MessageLanguage } from '../diagnostics/messages.js';
import { TemplateError } from '../site/templates.js';
import { FlowbookError } from '../diagnostics/errors.js';
import { DevSite, type RebuildResult, type SiteFiles } from './incremental.js';
import { checkProblem, internalProblem, overlayHtml, type Problem } from './overlay.js';
import { RebuildQueue, type Batch } from './queue.js';
import { DevServer } from './server.js';
import { watchHandbook, type Watcher } from './watch.js';

export interface DevOptions {
  readonly root: string;
  /** YYYY-MM-DD, or a function read at every rebuild (the clock). */
  readonly today: string | (() => string);
  readonly drafts?: boolean;
  readonly host?: string;
  /** Default 4000; taken ports are skipped. 0: any free port. */
  readonly port?: number;
  readonly threads?: number;
  /** Quiet time (ms) after the last rebuild before the search index is rebuilt (default 300). */
  readonly searchDelay?: number;
  /** See WatchOptions. */
  readonly batchMs?: number;
  readonly stableMs?: number;
  readonly color?: boolean;
  readonly log?: (s: string) => void;
  readonly logError?: (s: string) => void;
}

export interface DevHandle {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly files: () => SiteFiles;
  readonly problem: () => Problem | undefined;
  /** The language of the messages (the handbook's, or FLOWBOOK_LANG's), as of the last rebuild. */
  readonly language: () => MessageLanguage;
  /** Resolves when no rebuild is running or waiting and the search index is current. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function startDev(options: DevOptions): Promise<DevHandle> {
  const root = path.resolve(options.root);
  const log = options.log ?? ((s: string) => process.stdout.write(s));
  const logError = options.logError ?? ((s: string) => process.stderr.write(s));
  const host = options.host ?? '127.0.0.1';
  const site = new DevSite({ root, today: options.today, ...(options.drafts && { drafts: true }), ...(options.threads !== undefined && { threads: options.threads }) });
  let problem: Problem | undefined;
  const server = new DevServer({ host, port: options.port ?? 4000, files: () => site.files, problem: () => problem });

  const setProblem = (p: Problem | undefined) => {
    const had = problem !== undefined;
    problem = p;
    if (p) server.broadcast('problem', { html: overlayHtml(p) });
    else if (had) server.broadcast('fixed', {});
  };

  let searchTimer: NodeJS.Timeout | undefined;
  let searching: Promise<void> | undefined;
  const scheduleSearch = () => {
    if (searchTimer) clearTimeout(searchTimer);
    if (!site.searchDue) return;
    searchTimer = setTimeout(() => {
      searchTimer = undefined;
      if (queue.busy) return; // the rebuild that runs schedules it again
      searching = site
        .buildSearch()
        .then((paths) => {
          if (paths.length) server.broadcast('reload', { paths });
        })
        .catch((e) => logError(`flowbook dev: the search index could not be built: ${(e as Error).message}\n`))
        .finally(() => (searching = undefined));
    }, options.searchDelay ?? 300);
  };

  let first = true;
  let language: MessageLanguage = messageLanguage();
  const report = (r: RebuildResult, what: string) => {
    // The terminal and the overlay speak the handbook's language (or FLOWBOOK_LANG's).
    language = messageLanguage(r.language.language);
    if (first) {
      const note = languageNote(r, language);
      if (note) logError(note + '\n');
    }
    if (!r.ok) {
      logError(formatText(r.diagnostics, r.documentCount, { color: options.color ?? false, language }));
      logError(say(language, first ? 'devNotServed' : 'devShowsErrors') + '\n');
      setProblem(checkProblem(r.diagnostics, language));
      return;
    }
    const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
    // Mermaid fallbacks come only with the rebuild that drew those charts: always say so.
    if (warnings.length && (first || problem || warnings.some((d) => d.code === 'mermaid-fallback'))) logError(formatText(warnings, r.documentCount, { color: options.color ?? false, language }));
    if (!first) log(say(language, r.rendered === 1 ? 'devRebuiltOne' : 'devRebuilt', { what, n: r.rendered, ms: Math.round(r.ms) }) + (r.complete ? '' : say(language, 'devMoreWaiting')) + '\n');
  };

  const queue = new RebuildQueue(
    async (batch: Batch) => {
      if (searchTimer) clearTimeout(searchTimer);
      await searching;
      const what = batch === 'all' ? 'everything' : [...batch].slice(0, 3).join(', ') + (batch.size > 3 ? `, +${batch.size - 3}` : '');
      try {
        const r = await site.rebuild(batch, {
          onPages: (paths) => server.broadcast('reload', { paths, all: paths.some((p) => p.startsWith('assets/')) }),
          afterEdited: (paths) => server.fetched(paths, 60),
          shouldStop: () => queue.pending,
          // Before the first reload, so reloaded pages come without the overlay.
          onChecked: () => {
            if (problem) log(say(language, 'devFixed') + '\n');
            setProblem(undefined);
          },
        });
        report(r, what);
      } catch (e) {
        if (e instanceof TemplateError) {
          logError(`flowbook dev: ${e.message}\nThe browser shows the last good version; still watching.\n`);
          setProblem(internalProblem(e.message, 'A template has an error'));
        } else if (e instanceof FlowbookError) {
          // A file the reader refuses (a linked register): the same message as build and print.
          logError(`flowbook dev: ${e.message}\nThe browser shows the last good version; still watching.\n`);
          setProblem(internalProblem(e.message, 'A file cannot be read'));
        } else {
          const err = e as Error;
          logError(`flowbook dev: internal error: ${err?.message ?? String(e)}\n${process.env.FLOWBOOK_DEBUG ? `${err?.stack ?? ''}\n` : ''}Still watching.\n`);
          setProblem(internalProblem(`internal error: ${err?.message ?? String(e)}\nThis is a bug in Flowbook, not in your handbook. Set FLOWBOOK_DEBUG=1 for details, and please report it.`));
        }
      }
      first = false;
      scheduleSearch();
    },
    (e) => logError(`flowbook dev: internal error: ${(e as Error).message}\n`),
  );

  let watcher: Watcher | undefined;
  try {
    queue.push('all');
    await queue.idle();
    await server.listen();
    watcher = watchHandbook(root, (paths) => queue.push(paths), {
      ...(options.batchMs !== undefined && { batchMs: options.batchMs }),
      ...(options.stableMs !== undefined && { stableMs: options.stableMs }),
      onError: (e) => logError(`flowbook dev: watching: ${e.message}\n`),
    });
    await watcher.ready;
  } catch (e) {
    await watcher?.close();
    await server.close().catch(() => undefined);
    throw e;
  }
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${server.port}/`;
  return {
    url,
    host,
    port: server.port,
    files: () => site.files,
    problem: () => problem,
    language: () => language,
    async settled() {
      for (;;) {
        await queue.idle();
        if (searchTimer || searching) {
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        if (!queue.busy) return;
      }
    },
    async close() {
      if (searchTimer) clearTimeout(searchTimer);
      await watcher?.close();
      await queue.idle();
      await searching;
      await server.close();
    },
  };
}
