/**
 * Watching a handbook: chokidar on the handbook folder, limited to what the build reads
 * (processes/, templates/, flowbook.yml, register/distribution.csv). Events are batched: the first event of a batch starts a
 * short timer and everything that arrives before it fires is handed over together (as Hugo does),
 * as handbook-relative paths with `/` separators.
 */
import { watch } from 'chokidar';
import path from 'node:path';

/** Editor and system droppings that are never handbook content. */
export function isTempName(name: string): boolean {
  return (
    name.startsWith('.') || // dotfiles, .#emacs-locks, .swp of vim, .flowbook-cache
    name.endsWith('~') || // backups
    /\.(swp|swo|swx|tmp|bak|orig|crdownload)$/i.test(name) ||
    /^#.*#$/.test(name) || // emacs auto-save
    /^\d+$/.test(name) || // vim's "4913" write test
    name === 'Thumbs.db' ||
    name === 'desktop.ini'
  );
}

/** Whether a handbook-relative path (with `/`) is outside what the dev server watches. */
export function isIgnored(rel: string): boolean {
  if (rel === '' || rel === '.') return false;
  const parts = rel.split('/');
  const top = parts[0]!;
  if (parts.length === 1) return !(top === 'processes' || top === 'templates' || top === 'flowbook.yml' || top === 'register');
  if (top === 'register') return rel !== 'register/distribution.csv';
  if (top !== 'processes' && top !== 'templates') return true;
  return parts.slice(1).some(isTempName) || (top === 'processes' && parts.slice(1).some((p) => p.startsWith('_')));
}

export interface Watcher {
  /** Resolves once the initial scan is done (changes after it are reported). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Milliseconds from the first event of a batch to handing the batch over (default 5). */
  readonly batchMs?: number;
  /**
   * Wait until a changed file's size has been stable this long (chokidar's awaitWriteFinish), so
   * a file being written is not read half-way. Default 10 ms: editors write a document in one go,
   * and every millisecond here is felt between saving and seeing the page. 0 turns it off.
   */
  readonly stableMs?: number;
  readonly onError?: (e: Error) => void;
}

export function watchHandbook(root: string, onChanges: (paths: Set<string>) => void, options: WatchOptions = {}): Watcher {
  const abs = path.resolve(root);
  const rel = (p: string) => path.relative(abs, p).split(path.sep).join('/');
  const stableMs = options.stableMs ?? 10;
  const watcher = watch(abs, {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (p: string) => {
      const r = rel(p);
      return r.startsWith('..') || isIgnored(r);
    },
    ...(stableMs > 0 && { awaitWriteFinish: { stabilityThreshold: stableMs, pollInterval: Math.max(5, Math.round(stableMs / 3)) } }),
  });
  let batch = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, p) => {
    const r = rel(p);
    if (r.startsWith('..') || isIgnored(r)) return;
    batch.add(r === '' ? '.' : r);
    timer ??= setTimeout(() => {
      timer = undefined;
      const b = batch;
      batch = new Set();
      onChanges(b);
    }, options.batchMs ?? 5);
  });
  watcher.on('error', (e) => options.onError?.(e as Error));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
