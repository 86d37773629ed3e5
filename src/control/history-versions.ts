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

interface ParsedState {
  readonly state?: CommitState;
  readonly process: Process;
  readonly clean: boolean;
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
 * The versions of `current` (the model being built), newest first. `states` are its committed
 * texts, oldest first; the working copy counts as the newest state. Only a change of `version`
 * starts a new entry: edits within a version are folded into it.
 */
export function versionsOf(current: Process, states: readonly CommitState[], settings: Settings, names: ReadonlyMap<string, string>): VersionEntry[] {
  const parsed: ParsedState[] = [];
  for (const s of states) {
    const p = processFromText(s.file, s.text, settings, names);
    if (p) parsed.push({ state: s, process: p.process, clean: p.clean });
  }
  parsed.push({ process: current, clean: true });
  // Runs of equal `version`: each run is one version; its first state says when it began.
  const runs: ParsedState[][] = [];
  for (const s of parsed) {
    const last = runs[runs.length - 1];
    if (last && (last[0]!.process.version ?? '') === (s.process.version ?? '')) last.push(s);
    else runs.push([s]);
  }
  const out: VersionEntry[] = [];
  runs.forEach((run, i) => {
    const first = run[0]!;
    const last = run[run.length - 1]!;
    const prev = i > 0 ? runs[i - 1]![runs[i - 1]!.length - 1]! : undefined;
    const began = first.state;
    out.push({
      version: last.process.version ?? '',
      ...(began && { commit: began.commit, date: began.date, author: began.author, subject: began.subject }),
      to: last.process,
      ...(prev && { from: prev.process }),
      toClean: last.clean,
      fromClean: prev?.clean ?? false,
    });
  });
  return out.reverse();
}
