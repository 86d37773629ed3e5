/**
 * A document's committed texts -> its versions: each commit where `version` changed starts a
 * version, and the version's last state (its last commit, or for the version being built, the
 * document as it is now) is what the next version is compared with. Pure.
 */
import type { Process, Settings } from '../model/types.js';
import { parseProcessDocument } from '../parse/document.js';
import { checkDocument } from '../validate/document.js';
import { buildHandbook } from '../model/build.js';
import type { CommitState } from './history.js';

/** One version of a document, with where it came from and the state it replaced. */
export interface VersionEntry {
  /** `version` as written ('' when the document had none). */
  readonly version: string;
  /** The commit where `version` took this value (absent: not committed yet). */
  readonly commit?: string;
  readonly date?: string;
  readonly author?: string;
  readonly subject?: string;
  /** The version's last state (the model being built, for the current version). */
  readonly to: Process;
  /** The previous version's last state; absent for the first version found. */
  readonly from?: Process;
  /** Whether `to`/`from` passed the checker (a chart is drawn only for those). */
  readonly toClean: boolean;
  readonly fromClean: boolean;
}

/** A committed text as a process model; undefined when it cannot be read as a document at all. */
export function processFromText(file: string, text: string, settings: Settings, names: ReadonlyMap<string, string>): { process: Process; clean: boolean } | undefined {
  const checked = checkDocument(parseProcessDocument(file, text));
  const doc = checked.doc;
  if (!doc) return undefined;
  try {
    const built = buildHandbook('', settings, [doc]).processes[0]!;
    // A `type: process` step without text shows the linked process's name, as the current model does.
    const steps = built.steps.map((s, i) => (s.type === 'process' && s.ref !== undefined && doc.steps[i]?.text === undefined ? Object.freeze({ ...s, text: names.get(s.ref) ?? s.ref }) : s));
    const process = Object.freeze({ ...built, steps: Object.freeze(steps) }) as Process;
    return { process, clean: !checked.diagnostics.some((d) => d.severity === 'error') };
  } catch {
    return undefined;
  }
}

/**
 * A committed text's `version` read without parsing the document: the top-level `version:` line
 * of the frontmatter, a plain or quoted scalar. Undefined when it is written some other way (then
 * the document is parsed). Parsing every committed text costs ~1 ms each; only the last text of
 * each version needs it.
 */
export function quickVersion(text: string): string | undefined {
  const t = text.replace(/^\uFEFF/, '');
  if (!/^---[ \t]*\r?\n/.test(t)) return undefined;
  const end = t.search(/\n---[ \t]*(\r?\n|$)/);
  if (end < 0) return undefined;
  const front = t.slice(0, end);
  if (/^["']version["'][ \t]*:/m.test(front)) return undefined;
  const lines = [...front.matchAll(/^version[ \t]*:(.*)$/gm)];
  if (lines.length === 0) return '';
  if (lines.length > 1) return undefined;
  const raw = lines[0]![1]!.replace(/\r$/, '').trim();
  const plain = /^([^\s"'#&*!|>%@`{[,\]}-][^#]*?|-[^\s#][^#]*?)(\s+#.*)?$/.exec(raw);
  if (raw === '' || /^(~|null)(\s+#.*)?$/i.test(raw)) return '';
  if (plain) return plain[1]!.trim();
  const single = /^'((?:[^']|'')*)'(\s+#.*)?$/.exec(raw);
  if (single) return single[1]!.replace(/''/g, "'");
  const double = /^"([^"\\]*)"(\s+#.*)?$/.exec(raw);
  if (double) return double[1]!;
  return undefined;
}

/**
 * The versions of `current` (the model being built), newest first. `states` are its committed
 * texts, oldest first; the working copy counts as the newest state. Only a change of `version`
 * starts a new entry: edits within a version are folded into it. Only the last text of each
 * version is parsed (see `quickVersion`).
 */
export function versionsOf(current: Process, states: readonly CommitState[], settings: Settings, names: ReadonlyMap<string, string>): VersionEntry[] {
  // Each committed text with its version; a text whose version cannot be read quickly is parsed now.
  const early = new Map<CommitState, { process: Process; clean: boolean } | undefined>();
  const versioned: Array<{ state: CommitState; version: string }> = [];
  for (const s of states) {
    let v = quickVersion(s.text);
    if (v === undefined) {
      const p = processFromText(s.file, s.text, settings, names);
      early.set(s, p);
      if (!p) continue;
      v = p.process.version ?? '';
    }
    versioned.push({ state: s, version: v });
  }
  const parse = (s: CommitState) => (early.has(s) ? early.get(s) : processFromText(s.file, s.text, settings, names));
  // Runs of equal `version`: each run is one version; its first state says when it began.
  const runs: Array<{ version: string; states: CommitState[] }> = [];
  for (const x of versioned) {
    const last = runs[runs.length - 1];
    if (last && last.version === x.version) last.states.push(x.state);
    else runs.push({ version: x.version, states: [x.state] });
  }
  const currentVersion = current.version ?? '';
  const lastRun = runs[runs.length - 1];
  const working = { process: current, clean: true };
  // The working copy is the newest state: of the last committed version, or a version of its own.
  const parsed: ParsedRun[] = [];
  runs.forEach((run, i) => {
    const isLast = i === runs.length - 1 && run.version === currentVersion;
    let end: { process: Process; clean: boolean } | undefined = isLast ? working : undefined;
    for (let k = run.states.length - 1; k >= 0 && !end; k--) end = parse(run.states[k]!);
    if (end) parsed.push({ first: run.states[0]!, end });
  });
  if (!lastRun || lastRun.version !== currentVersion) parsed.push({ end: working });
  const out: VersionEntry[] = [];
  parsed.forEach((run, i) => {
    const prev = i > 0 ? parsed[i - 1]!.end : undefined;
    const began = run.first;
    out.push({
      version: run.end.process.version ?? '',
      ...(began && { commit: began.commit, date: began.date, author: began.author, subject: began.subject }),
      to: run.end.process,
      ...(prev && { from: prev.process }),
      toClean: run.end.clean,
      fromClean: prev?.clean ?? false,
    });
  });
  return out.reverse();
}

interface ParsedRun {
  readonly first?: CommitState;
  readonly end: { readonly process: Process; readonly clean: boolean };
}
