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
  const session = new DevSession(options);
  await session.start();
  return session.handle();
}

/** One `flowbook dev`: the in-memory site, the server, the rebuild queue, the watcher. */
class DevSession {
  private readonly root: string;
  private readonly log: (s: string) => void;
  private readonly logError: (s: string) => void;
  private readonly host: string;
  private readonly site: DevSite;
  private readonly server: DevServer;
  private readonly queue: RebuildQueue;
  private watcher: Watcher | undefined;
  private problem: Problem | undefined;
  private searchTimer: NodeJS.Timeout | undefined;
  private searching: Promise<void> | undefined;
  private first = true;
  /** FLOWBOOK_LANG's, else English, until a rebuild has read the handbook (see `report` and `failed`). */
  private language: MessageLanguage = messageLanguage();
  /** A rebuild has told the handbook's language. */
  private languageKnown = false;

  constructor(private readonly options: DevOptions) {
    this.root = path.resolve(options.root);
    this.log = options.log ?? ((s: string) => process.stdout.write(s));
    this.logError = options.logError ?? ((s: string) => process.stderr.write(s));
    this.host = options.host ?? '127.0.0.1';
    this.site = new DevSite({ root: this.root, today: options.today, ...(options.drafts && { drafts: true }), ...(options.threads !== undefined && { threads: options.threads }) });
    this.server = new DevServer({ host: this.host, port: options.port ?? 4000, files: () => this.site.files, problem: () => this.problem, language: () => this.language });
    this.queue = new RebuildQueue(
      (batch) => this.rebuild(batch),
      (e) => this.logError(`flowbook dev: ${say(this.language, 'devInternalError', { reason: (e as Error)?.message ?? String(e) })}\n`),
    );
  }

  /** The first build, then serve and watch. */
  async start(): Promise<void> {
    try {
      this.queue.push('all');
      await this.queue.idle();
      await this.server.listen();
      this.watcher = watchHandbook(this.root, (paths) => this.queue.push(paths), {
        ...(this.options.batchMs !== undefined && { batchMs: this.options.batchMs }),
        ...(this.options.stableMs !== undefined && { stableMs: this.options.stableMs }),
        onError: (e) => this.logError(`flowbook dev: ${say(this.language, 'devWatchFailed', { reason: e.message })}\n`),
      });
      await this.watcher.ready;
    } catch (e) {
      await this.watcher?.close();
      await this.server.close().catch(() => undefined);
      throw e;
    }
  }

  handle(): DevHandle {
    const shownHost = this.host.includes(':') ? `[${this.host}]` : this.host;
    return {
      url: `http://${shownHost}:${this.server.port}/`,
      host: this.host,
      port: this.server.port,
      files: () => this.site.files,
      problem: () => this.problem,
      language: () => this.language,
      settled: () => this.settled(),
      close: () => this.close(),
    };
  }

  private setProblem(p: Problem | undefined): void {
    const had = this.problem !== undefined;
    this.problem = p;
    if (p) this.server.broadcast('problem', { html: overlayHtml(p) });
    else if (had) this.server.broadcast('fixed', {});
  }

  /** The search index is rebuilt when no change has come for a moment (it takes longest). */
  private scheduleSearch(): void {
    if (this.searchTimer) clearTimeout(this.searchTimer);
    if (!this.site.searchDue) return;
    this.searchTimer = setTimeout(() => {
      this.searchTimer = undefined;
      if (this.queue.busy) return; // the rebuild that runs schedules it again
      this.searching = this.site
        .buildSearch()
        .then((paths) => {
          if (paths.length) this.server.broadcast('reload', { paths });
        })
        .catch((e) => this.logError(`flowbook dev: ${say(this.language, 'devSearchFailed', { reason: (e as Error)?.message ?? String(e) })}\n`))
        .finally(() => (this.searching = undefined));
    }, this.options.searchDelay ?? 300);
  }

  private async rebuild(batch: Batch): Promise<void> {
    if (this.searchTimer) clearTimeout(this.searchTimer);
    await this.searching;
    try {
      const r = await this.site.rebuild(batch, {
        onPages: (paths) => this.server.broadcast('reload', { paths, all: paths.some((p) => p.startsWith('assets/')) }),
        afterEdited: (paths) => this.server.fetched(paths, 60),
        shouldStop: () => this.queue.pending,
        // Before the first reload, so reloaded pages come without the overlay.
        onChecked: () => {
          if (this.problem) this.log(say(this.language, 'devFixed') + '\n');
          this.setProblem(undefined);
        },
      });
      this.report(r, batch);
    } catch (e) {
      this.failed(e);
    }
    this.first = false;
    this.scheduleSearch();
  }

  /** The terminal and the overlay speak the handbook's language (or FLOWBOOK_LANG's). */
  private report(r: RebuildResult, batch: Batch): void {
    const language = (this.language = messageLanguage(r.language.language));
    this.languageKnown = true;
    const color = this.options.color ?? false;
    if (this.first) {
      const note = languageNote(r, language);
      if (note) this.logError(note + '\n');
    }
    if (!r.ok) {
      this.logError(formatText(r.diagnostics, r.documentCount, { color, language }));
      this.logError(say(language, this.first ? 'devNotServed' : 'devShowsErrors') + '\n');
      this.setProblem(checkProblem(r.diagnostics, language));
      return;
    }
    const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
    // Mermaid fallbacks come only with the rebuild that drew those charts: always say so.
    if (warnings.length && (this.first || this.problem || warnings.some((d) => d.code === 'mermaid-fallback'))) this.logError(formatText(warnings, r.documentCount, { color, language }));
    const what = batch === 'all' ? say(language, 'devEverything') : [...batch].slice(0, 3).join(', ') + (batch.size > 3 ? `, +${batch.size - 3}` : '');
    if (!this.first) this.log(say(language, r.rendered === 1 ? 'devRebuiltOne' : 'devRebuilt', { what, n: r.rendered, ms: Math.round(r.ms) }) + (r.complete ? '' : say(language, 'devMoreWaiting')) + '\n');
  }

  /**
   * A rebuild that threw: the browser keeps the last good version, with the error over it. The
   * terminal and the overlay speak the handbook's language; when the rebuild stopped before any
   * check told it (a broken template at start), it is read from the documents read so far.
   */
  private failed(e: unknown): void {
    if (!this.languageKnown) {
      try {
        this.language = messageLanguage(this.site.readLanguage()?.language);
      } catch {
        // Keep FLOWBOOK_LANG's, else English.
      }
    }
    const language = this.language;
    // Before a first good build there is no last good version to keep showing.
    const built = this.site.files.size > 0;
    const still = say(language, built ? 'devLastGood' : 'devNotServed');
    if (e instanceof FlowbookError) {
      // A template that does not compile or render (TemplateError), or a file the reader refuses (a
      // linked register): the same words as build and print.
      const message = language === 'zh' ? e.zh : e.message;
      this.logError(`flowbook dev: ${message}\n${still}\n`);
      this.setProblem(internalProblem(message, e instanceof TemplateError ? 'template' : 'file', language, built));
    } else {
      const err = e as Error;
      const internal = say(language, 'devInternalError', { reason: err?.message ?? String(e) });
      this.logError(`flowbook dev: ${internal}\n${process.env.FLOWBOOK_DEBUG ? `${err?.stack ?? ''}\n` : ''}${say(language, 'devStillWatching')}\n`);
      this.setProblem(internalProblem(`${internal}\n${say(language, 'internalError')}`, 'rebuild', language, built));
    }
  }

  private async settled(): Promise<void> {
    for (;;) {
      await this.queue.idle();
      if (this.searchTimer || this.searching) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      if (!this.queue.busy) return;
    }
  }

  private async close(): Promise<void> {
    if (this.searchTimer) clearTimeout(this.searchTimer);
    await this.watcher?.close();
    await this.queue.idle();
    await this.searching;
    await this.server.close();
  }
}
