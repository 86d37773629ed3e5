/**
 * The dev server: node:http, serving only the in-memory site (there is no file system behind it,
 * so nothing outside the site can be reached and no link is followed), plus one Server-Sent Events
 * endpoint for live reload. HTML pages get the live-reload script and, while there are errors,
 * the error overlay (overlay.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENTS_PATH, injectDev, notFoundPage, overlayHtml, type Problem } from './overlay.js';
import type { SiteFiles } from './incremental.js';
import type { MessageLanguage } from '../diagnostics/localize.js';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
  mmd: 'text/plain; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  pdf: 'application/pdf',
};

export function contentType(sitePath: string): string {
  const ext = sitePath.slice(sitePath.lastIndexOf('.') + 1).toLowerCase();
  return TYPES[ext] ?? 'application/octet-stream';
}

/**
 * A request URL -> the site path it names, or an HTTP status to refuse it with. The path is
 * decoded once; `..` and `.` segments, NUL, backslashes, empty segments and anything that is not
 * a plain absolute path are refused (400).
 */
export function sitePathOf(url: string | undefined): { path: string } | { status: 400 } {
  if (!url || !url.startsWith('/') || url.startsWith('//')) return { status: 400 };
  const raw = url.replace(/[?#].*$/s, '');
  if (raw.includes('\\') || raw.includes('\0')) return { status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.startsWith('//') || /[\u0000-\u001f\u007f]/.test(decoded)) return { status: 400 };
  let rel = decoded.slice(1);
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const parts = rel.split('/');
  if (parts.some((s) => s === '' || s === '.' || s === '..') || /^[a-zA-Z]:/.test(rel)) return { status: 400 };
  return { path: rel };
}

export const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
export const isLoopback = (host: string) => LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

export interface DevServerOptions {
  readonly host: string;
  readonly port: number;
  /** How many ports after `port` to try when it is taken. */
  readonly tries?: number;
  readonly files: () => SiteFiles;
  readonly problem: () => Problem | undefined;
  /** The handbook's message language (the not-found page's words); English when not given. */
  readonly language?: () => MessageLanguage;
}

export class DevServer {
  private readonly server: http.Server;
  /** Open event streams, with the site path of the page each belongs to. */
  private readonly clients = new Map<http.ServerResponse, string>();
  /** Pages told to reload that have not fetched themselves again yet (see `fetched`). */
  private awaited: Array<{ pages: Map<string, number>; done: () => void }> = [];
  private heartbeat?: NodeJS.Timeout;
  /** Counts reload events; per page path, the version at which it last changed. */
  private version = 0;
  private readonly changedAt = new Map<string, number>();
  private allChangedAt = 0;
  port = 0;

  constructor(private readonly options: DevServerOptions) {
    this.server = http.createServer((req, res) => {
      try {
        this.handle(req, res);
      } catch (e) {
        if (!res.headersSent) this.send(res, 500, 'text/plain; charset=utf-8', `internal error: ${(e as Error).message}\n`, req.method === 'HEAD');
        else res.destroy();
      }
    });
    this.server.on('clientError', (_e, socket) => socket.destroy());
  }

  /** Listen on the first free port from `port` on; resolves with it. */
  async listen(): Promise<number> {
    const tries = this.options.tries ?? 20;
    for (let i = 0; ; i++) {
      const port = this.options.port === 0 ? 0 : this.options.port + i;
      try {
        await new Promise<void>((resolve, reject) => {
          const onError = (e: Error) => {
            this.server.off('listening', onListening);
            reject(e);
          };
          const onListening = () => {
            this.server.off('error', onError);
            resolve();
          };
          this.server.once('error', onError);
          this.server.once('listening', onListening);
          this.server.listen(port, this.options.host);
        });
        this.port = (this.server.address() as AddressInfo).port;
        this.heartbeat = setInterval(() => this.broadcastRaw(':\n\n'), 15_000);
        this.heartbeat.unref();
        return this.port;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || this.options.port === 0 || i + 1 >= tries) throw e;
      }
    }
  }

  /** Send an event to every open page. */
  broadcast(event: 'reload' | 'problem' | 'fixed', data: unknown): void {
    if (event === 'reload') {
      const d = data as { paths?: readonly string[]; all?: boolean };
      this.version++;
      if (d.all) this.allChangedAt = this.version;
      for (const p of d.paths ?? []) this.changedAt.set(p, this.version);
    }
    this.broadcastRaw(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /**
   * Resolves once every open page among `paths` has requested itself again after its reload (or
   * after `maxMs`). The rebuild waits on this before its less urgent work, so the page the author
   * is looking at is not queued behind the neighbours' pages on this one thread.
   */
  fetched(paths: readonly string[], maxMs: number): Promise<void> {
    const pages = new Map<string, number>();
    const wanted = new Set(paths);
    for (const page of this.clients.values()) if (wanted.has(page)) pages.set(page, (pages.get(page) ?? 0) + 1);
    if (pages.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = { pages, done: () => (clearTimeout(timer), (this.awaited = this.awaited.filter((e) => e !== entry)), resolve()) };
      const timer = setTimeout(entry.done, maxMs);
      this.awaited.push(entry);
    });
  }

  private noteFetch(page: string): void {
    for (const e of [...this.awaited]) {
      const n = e.pages.get(page);
      if (n === undefined) continue;
      if (n > 1) e.pages.set(page, n - 1);
      else e.pages.delete(page);
      if (e.pages.size === 0) e.done();
    }
  }

  get clientCount(): number {
    return this.clients.size;
  }

  private broadcastRaw(chunk: string): void {
    for (const c of this.clients.keys()) c.write(chunk);
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const c of this.clients.keys()) c.end();
    this.clients.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, head: boolean): void {
    const buf = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': buf.byteLength,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'SAMEORIGIN',
    });
    res.end(head ? undefined : buf);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('Allow', 'GET, HEAD');
      return this.send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', false);
    }
    // Bound to loopback, answer only loopback host names (no DNS rebinding from a web page).
    if (isLoopback(this.options.host)) {
      const hostName = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      if (!isLoopback(hostName)) return this.send(res, 403, 'text/plain; charset=utf-8', 'forbidden host\n', head);
    }
    const target = sitePathOf(req.url);
    if ('status' in target) return this.send(res, 400, 'text/plain; charset=utf-8', 'bad request\n', head);
    const p = target.path;
    if (`/${p}` === EVENTS_PATH) return this.events(req, res);
    const problem = this.options.problem();
    const files = this.options.files();
    const bytes = p.startsWith('__flowbook/') ? undefined : files.get(p);
    if (!bytes) {
      const page = notFoundPage(p, problem, { version: this.version, built: files.size > 0, language: problem?.language ?? this.options.language?.() ?? 'en' });
      return this.send(res, 404, 'text/html; charset=utf-8', page, head);
    }
    const type = contentType(p);
    if (p.endsWith('.html')) {
      this.send(res, 200, type, injectDev(bytes.toString('utf8'), problem, this.version), head);
      if (this.awaited.length) this.noteFetch(p);
      return;
    }
    return this.send(res, 200, type, bytes, head);
  }

  private events(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write('retry: 500\n\n');
    // A page loaded during a problem already carries the overlay; one loaded before it needs it now.
    const problem = this.options.problem();
    res.write(problem ? `event: problem\ndata: ${JSON.stringify({ html: overlayHtml(problem) })}\n\n` : 'event: fixed\ndata: {}\n\n');
    // A page whose stream opens after its reload was sent (it was still loading) reloads now.
    const query = new URLSearchParams((req.url ?? '').replace(/^[^?]*\??/, ''));
    const served = Number(query.get('v') ?? this.version);
    const page = query.get('p') ?? '';
    if (Number.isFinite(served) && (this.allChangedAt > served || (this.changedAt.get(page) ?? 0) > served))
      res.write(`event: reload\ndata: ${JSON.stringify({ paths: [page] })}\n\n`);
    this.clients.set(res, page);
    req.on('close', () => this.clients.delete(res));
  }
}
