/**
 * The handbook's documents as git has them: for each process file, the committed texts it had,
 * oldest first. The I/O edge of "what changed" (the rest is pure: history-versions.ts,
 * redline.ts). Two `git` runs for the whole handbook, however many documents it has: one
 * `git log` over the processes folder (which commits touched which file, renames followed), one
 * `git cat-file --batch` for every text needed. `git` runs through execFile (no shell), with a
 * time limit; without git, outside a repository, or when git fails, the result says why and the
 * build goes on without history (process pages keep their revision history from the frontmatter).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { PROCESSES_DIR } from '../source/read-handbook.js';

/** One committed state of a document. */
export interface CommitState {
  readonly commit: string;
  /** Committer date, YYYY-MM-DD as the committer's clock had it. */
  readonly date: string;
  readonly author: string;
  /** The commit message's first line. */
  readonly subject: string;
  /** Handbook-relative path of the file in that commit (it may have been renamed since). */
  readonly file: string;
  readonly text: string;
}

export type GitHistory =
  | { readonly kind: 'git'; /** Current handbook-relative file -> its committed states, oldest first. */ readonly files: ReadonlyMap<string, readonly CommitState[]> }
  | { readonly kind: 'none'; readonly reason: string };

export interface HistoryOptions {
  /** Limit per git run (default 60 s). */
  readonly timeoutMs?: number;
  /** Most recent commits kept per document (default: 60, fewer in large handbooks, see `MAX_TEXTS`). */
  readonly maxStates?: number;
  /** The git program (default `git`; tests point it elsewhere). */
  readonly git?: string;
}

/** One commit of `git log --name-status`: who, when, and what happened to which files. */
export interface LogCommit {
  readonly commit: string;
  readonly date: string;
  readonly author: string;
  readonly subject: string;
  readonly changes: readonly FileChange[];
}

/** A, M, D, T with one path; R (rename) and C (copy) with the path before and after. */
export interface FileChange {
  readonly status: string;
  readonly file: string;
  readonly from?: string;
}

const RS = '\x1e';
const US = '\x1f';
const LOG_FORMAT = `${RS}%H${US}%cI${US}%an${US}%s`;
const MAX_BUFFER = 1 << 30;
/**
 * Committed texts read at most, over the whole handbook (~6 KB each in memory): a document keeps
 * its 60 most recent commits, or fewer when the handbook is large (at least 8: 1,000 documents
 * keep 20 each). Older versions then drop off the changes pages.
 */
export const MAX_TEXTS = 20_000;

/** Read the committed history of `files` (handbook-relative, as the model has them). Never throws. */
export async function readGitHistory(root: string, files: readonly string[], options: HistoryOptions = {}): Promise<GitHistory> {
  // No repository around the handbook: said without starting git (a build's fixed cost).
  if (process.env.GIT_DIR === undefined && repositoryFolder(path.resolve(root)) === undefined) return { kind: 'none', reason: 'not a git repository' };
  const run = gitRunner(path.resolve(root), options);
  // Both started at once: each start forks this process, which costs more the larger its heap
  // has grown by the time the first has answered (~20 ms at 1,000 processes).
  const prefixRun = run(['rev-parse', '--show-prefix']);
  // The main line's commits; a merge counts with what it brought (-m: git before 2.31 shows no diff for merges otherwise).
  const logRun = run(['log', '--first-parent', '-m', '-M', '--relative', '-z', `--format=${LOG_FORMAT}`, '--name-status', '--', PROCESSES_DIR]);
  logRun.catch(() => undefined); // its failure is rev-parse's, or reported below
  let prefix: string;
  try {
    prefix = (await prefixRun).toString('utf8').trim();
  } catch (e) {
    return { kind: 'none', reason: whyNot(e) };
  }
  try {
    const log = await logRun;
    const commits = parseLog(log.toString('utf8'));
    const trails = fileTrails(commits, files, options.maxStates ?? Math.min(60, Math.max(8, Math.floor(MAX_TEXTS / Math.max(1, files.length)))));
    const wanted = [...trails.values()].flat();
    const blobs = wanted.length === 0 ? [] : parseBatch(await run(['cat-file', '--batch'], wanted.map((w) => `${w.commit}:${prefix}${w.file}\n`).join('')));
    const texts = new Map<string, string>();
    wanted.forEach((w, i) => {
      const b = blobs[i];
      if (b !== undefined) texts.set(`${w.commit}:${w.file}`, b);
    });
    const out = new Map<string, CommitState[]>();
    for (const [file, trail] of trails) {
      const states: CommitState[] = [];
      for (const t of trail) {
        const text = texts.get(`${t.commit}:${t.file}`);
        if (text !== undefined) states.push({ ...t, text });
      }
      out.set(file, states);
    }
    return { kind: 'git', files: out };
  } catch (e) {
    return { kind: 'none', reason: whyNot(e) };
  }
}

type Runner = (args: readonly string[], input?: string) => Promise<Buffer>;

function gitRunner(cwd: string, options: HistoryOptions): Runner {
  const git = options.git ?? 'git';
  const timeout = options.timeoutMs ?? 60_000;
  // Fixed output whatever the user's git configuration: no colour, no path quoting, UTF-8
  // messages, no optional locks (a build must not write to .git).
  // Nothing the repository's configuration names is run: no fsmonitor hook, no pager.
  const config = ['-c', 'core.quotepath=off', '-c', 'color.ui=never', '-c', 'i18n.logOutputEncoding=UTF-8', '-c', 'log.showSignature=false', '-c', 'core.fsmonitor=false', '--no-pager'];
  const env = { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  return (args, input) =>
    new Promise<Buffer>((resolve, reject) => {
      const child = execFile(git, [...config, ...args], { cwd, env, timeout, maxBuffer: MAX_BUFFER, encoding: 'buffer', windowsHide: true }, (err, stdout, stderr) => {
        if (err) reject(Object.assign(err, { stderr: Buffer.isBuffer(stderr) ? stderr.toString('utf8') : String(stderr ?? '') }));
        else resolve(stdout as Buffer);
      });
      child.stdin?.on('error', () => undefined); // git gone before reading its input: the callback reports it
      child.stdin?.end(input ?? '');
    });
}

/** A short reason for a build note: git missing, not a repository, too slow, or git's own first line. */
function whyNot(e: unknown): string {
  const err = e as { code?: unknown; killed?: boolean; signal?: unknown; stderr?: string; message?: string };
  if (err.code === 'ENOENT') return 'git is not installed';
  if (err.killed || err.signal === 'SIGTERM') return 'git took too long';
  const first = (err.stderr ?? '').split('\n').find((l) => l.trim() !== '')?.trim() ?? err.message ?? 'git failed';
  if (/not a git repository/i.test(first)) return 'not a git repository';
  return first.replace(/^fatal:\s*/, '');
}

/** `git log -z --format=<LOG_FORMAT> --name-status` -> commits, newest first. Pure. */
export function parseLog(text: string): LogCommit[] {
  const out: LogCommit[] = [];
  for (const record of text.split(RS)) {
    if (record === '') continue;
    const end = record.indexOf('\0');
    const header = end < 0 ? record : record.slice(0, end);
    const [commit = '', iso = '', author = '', ...subject] = header.split(US);
    const fields = end < 0 ? [] : record.slice(end + 1).split('\0');
    const changes: FileChange[] = [];
    for (let i = 0; i < fields.length; ) {
      const status = fields[i]!.replace(/^\n/, '');
      if (status === '') {
        i++;
        continue;
      }
      const kind = status[0]!;
      if (kind === 'R' || kind === 'C') {
        changes.push({ status: kind, from: fields[i + 1] ?? '', file: fields[i + 2] ?? '' });
        i += 3;
      } else {
        changes.push({ status: kind, file: fields[i + 1] ?? '' });
        i += 2;
      }
    }
    out.push({ commit, date: iso.slice(0, 10), author, subject: subject.join(US), changes });
  }
  return out;
}

export interface TrailEntry {
  readonly commit: string;
  readonly date: string;
  readonly author: string;
  readonly subject: string;
  readonly file: string;
}

/**
 * For each current file, the commits that changed it, oldest first, following renames backwards
 * (a file added in a commit starts its trail there). Pure. `commits` newest first, as git logs.
 */
export function fileTrails(commits: readonly LogCommit[], files: readonly string[], maxStates: number): Map<string, TrailEntry[]> {
  // Walk the log once, newest first, carrying for each current file the path it had at that time.
  const pathNow = new Map<string, string>(); // path at the commit being looked at -> current file
  for (const f of files) pathNow.set(f, f);
  const trails = new Map<string, TrailEntry[]>(files.map((f) => [f, []]));
  for (const c of commits) {
    const moves: Array<[string, string]> = [];
    const ended: string[] = [];
    for (const ch of c.changes) {
      const current = pathNow.get(ch.file);
      if (current === undefined) continue;
      const trail = trails.get(current)!;
      if (ch.status === 'D') {
        // Deleted here and written again later under the same name: its earlier life is another document.
        ended.push(ch.file);
        continue;
      }
      if (trail.length < maxStates) trail.push({ commit: c.commit, date: c.date, author: c.author, subject: c.subject, file: ch.file });
      if (ch.status === 'R' && ch.from !== undefined) moves.push([ch.file, ch.from]);
      else if (ch.status === 'A' || ch.status === 'C' || trail.length >= maxStates) ended.push(ch.file);
    }
    for (const f of ended) pathNow.delete(f);
    for (const [now, before] of moves) {
      const current = pathNow.get(now)!;
      pathNow.delete(now);
      pathNow.set(before, current);
    }
    if (pathNow.size === 0) break;
  }
  for (const t of trails.values()) t.reverse();
  return trails;
}

/**
 * `git cat-file --batch` output -> each object's text, in request order (undefined for a missing
 * one). Pure. Each answer is `<sha> <type> <size>\n<content>\n` or `<request> missing\n`.
 */
export function parseBatch(out: Buffer): Array<string | undefined> {
  const texts: Array<string | undefined> = [];
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(0x0a, at);
    if (nl < 0) break;
    const header = out.subarray(at, nl).toString('utf8');
    const m = /^[0-9a-f]+ (\S+) (\d+)$/.exec(header);
    if (!m) {
      texts.push(undefined); // "<request> missing" or "ambiguous"
      at = nl + 1;
      continue;
    }
    const size = Number(m[2]);
    texts.push(m[1] === 'blob' ? out.subarray(nl + 1, nl + 1 + size).toString('utf8') : undefined);
    at = nl + 1 + size + 1;
  }
  return texts;
}

/** The nearest folder from `dir` up that holds a `.git` (folder or file), as git looks for one. */
function repositoryFolder(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * The commit HEAD points at, read from the repository's files without starting git (a build that
 * may have nothing to do asks only this: the history it would read follows from it, and a rebuild
 * keeps the history it read by it). Undefined when there is no repository or anything is unusual
 * (GIT_DIR and the like, a missing ref, a shallow clone, grafts or replaced commits): the caller
 * then reads the history itself.
 */
export function headCommit(root: string): string | undefined {
  // Settings that move the repository or change what its history shows: let git decide.
  if (['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_NAMESPACE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_REPLACE_REF_BASE', 'GIT_NO_REPLACE_OBJECTS', 'GIT_GRAFT_FILE'].some((k) => process.env[k] !== undefined)) return undefined;
  try {
    const dir = repositoryFolder(path.resolve(root));
    if (dir === undefined) return undefined;
    let gitDir = path.join(dir, '.git');
    // A worktree or submodule: `.git` is a file naming the real folder.
    if (!statSync(gitDir).isDirectory()) {
      const m = /^gitdir: (.+)$/m.exec(readFileSync(gitDir, 'utf8'));
      if (!m) return undefined;
      gitDir = path.resolve(dir, m[1]!.trim());
    }
    const common = existsSync(path.join(gitDir, 'commondir')) ? path.resolve(gitDir, readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim()) : gitDir;
    // A shallow clone (deepened later), grafts or replaced commits: the history can change while
    // HEAD does not.
    if (['shallow', 'info/grafts', 'refs/replace'].some((f) => existsSync(path.join(common, f)))) return undefined;
    const packedText = existsSync(path.join(common, 'packed-refs')) ? readFileSync(path.join(common, 'packed-refs'), 'utf8') : undefined;
    if (packedText?.includes(' refs/replace/')) return undefined;
    const head = readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    if (/^[0-9a-f]{40,64}$/.test(head)) return head;
    const ref = /^ref: (refs\/[^\s]+)$/.exec(head)?.[1];
    if (!ref || ref.split('/').includes('..')) return undefined;
    for (const d of [gitDir, common]) {
      const loose = path.join(d, ref);
      if (existsSync(loose)) {
        const id = readFileSync(loose, 'utf8').trim();
        return /^[0-9a-f]{40,64}$/.test(id) ? id : undefined;
      }
    }
    if (packedText === undefined) return undefined;
    for (const line of packedText.split('\n')) {
      const [id, name] = line.trim().split(' ');
      if (name === ref && id && /^[0-9a-f]{40,64}$/.test(id)) return id;
    }
    return undefined;
  } catch {
    return undefined;
  }
}
