/**
 * What changed between two versions of a process, as data: fields, roles, steps (added, removed,
 * changed: text, lane, type, branches, links, note) and the body, each text change as a list of
 * equal / deleted / inserted segments. Pure; the page (history-page.ts) turns it into a redline.
 */
import type { Process, Step } from '../model/types.js';

export type Op = 'eq' | 'del' | 'ins';
export interface Segment {
  readonly op: Op;
  readonly text: string;
}

/* ----------------------------------------------------------------- diff core */

/** Edit script between two token lists: Myers' O(ND) with shared prefix and suffix trimmed. */
export function diffTokens(a: readonly string[], b: readonly string[], maxEdits = 1000): Array<{ op: Op; token: string }> {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) endA--, endB--;
  const out: Array<{ op: Op; token: string }> = [];
  for (let i = 0; i < start; i++) out.push({ op: 'eq', token: a[i]! });
  out.push(...myers(a.slice(start, endA), b.slice(start, endB), maxEdits));
  for (let i = endA; i < a.length; i++) out.push({ op: 'eq', token: a[i]! });
  return out;
}

function myers(a: readonly string[], b: readonly string[], maxEdits: number): Array<{ op: Op; token: string }> {
  const n = a.length;
  const m = b.length;
  const replaceAll = () => [...a.map((token) => ({ op: 'del' as const, token })), ...b.map((token) => ({ op: 'ins' as const, token }))];
  if (n === 0 || m === 0) return replaceAll();
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) x++, y++;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return replaceAll(); // too different to be worth a word-by-word redline
  // Walk the trace back from the end.
  const ops: Array<{ op: Op; token: string }> = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ op: 'eq', token: a[--x]! }), y--;
    if (x === prevX) ops.push({ op: 'ins', token: b[--y]! });
    else ops.push({ op: 'del', token: a[--x]! });
  }
  while (x > 0 && y > 0) ops.push({ op: 'eq', token: a[--x]! }), y--;
  return ops.reverse();
}

/** Words, single CJK characters, runs of spaces, single other characters: what a redline marks. */
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}\p{M}_]+|[^\S\n]+|\n|[\s\S]/gu;
export const tokens = (text: string): string[] => text.match(TOKEN) ?? [];

/** Merge neighbouring segments of one kind; deletions before insertions within a changed stretch. */
function segments(ops: ReadonlyArray<{ op: Op; token: string }>): Segment[] {
  const out: Segment[] = [];
  let del = '';
  let ins = '';
  let eq = '';
  const flushChange = () => {
    if (del) out.push({ op: 'del', text: del });
    if (ins) out.push({ op: 'ins', text: ins });
    del = ins = '';
  };
  const flushEq = () => {
    if (eq) out.push({ op: 'eq', text: eq });
    eq = '';
  };
  for (const { op, token } of ops) {
    if (op === 'eq') {
      flushChange();
      eq += token;
    } else {
      flushEq();
      if (op === 'del') del += token;
      else ins += token;
    }
  }
  flushChange();
  flushEq();
  return out;
}

/** Word-level redline of two short texts (a field, a step's text). */
export function diffText(a: string, b: string): Segment[] {
  if (a === b) return a === '' ? [] : [{ op: 'eq', text: a }];
  return segments(diffTokens(tokens(a), tokens(b)));
}

/**
 * Redline of two long texts (a body): lines first, then words within the lines that changed, so a
 * long body costs little. Segments keep the line breaks.
 */
export function diffLines(a: string, b: string): Segment[] {
  if (a === b) return a === '' ? [] : [{ op: 'eq', text: a }];
  const la = splitLines(a);
  const lb = splitLines(b);
  const ops = diffTokens(la, lb);
  const out: Array<{ op: Op; token: string }> = [];
  for (let i = 0; i < ops.length; ) {
    if (ops[i]!.op === 'eq') {
      out.push(ops[i]!);
      i++;
      continue;
    }
    let del = '';
    let ins = '';
    while (i < ops.length && ops[i]!.op !== 'eq') {
      if (ops[i]!.op === 'del') del += ops[i]!.token;
      else ins += ops[i]!.token;
      i++;
    }
    // Words within a changed stretch when both sides have one; a whole new or gone stretch as is.
    if (del && ins) out.push(...diffTokens(tokens(del), tokens(ins), 1000));
    else if (del) out.push({ op: 'del', token: del });
    else out.push({ op: 'ins', token: ins });
  }
  return segments(out);
}

/** Lines with their line break kept, so joining them gives the text back. */
const splitLines = (t: string): string[] => t.match(/[^\n]*\n|[^\n]+$/g) ?? [];

export const changed = (s: readonly Segment[]) => s.some((x) => x.op !== 'eq');

/* ------------------------------------------------------------ process diff */

export interface FieldChange {
  /** Field key: name, status, owner, control, category, effective, review, tags, prepared, reviewed, approved. */
  readonly field: string;
  readonly before: string;
  readonly after: string;
  readonly redline: readonly Segment[];
}

export type StepChangeKind = 'added' | 'removed' | 'changed' | 'same';

/** One branch of a step, as a reader names it: label and target step. */
export interface BranchText {
  readonly text: string;
  readonly op: Op;
}

export interface StepChange {
  readonly kind: StepChangeKind;
  readonly before?: Step;
  readonly after?: Step;
  /** Present for `changed`: what differs. */
  readonly text?: readonly Segment[];
  readonly role?: { readonly before: string; readonly after: string };
  readonly type?: { readonly before: string; readonly after: string };
  readonly ref?: { readonly before: string; readonly after: string };
  readonly note?: readonly Segment[];
  readonly flags?: { readonly before: string; readonly after: string };
  /** Branches (edges) of the step, old and new together; only when they differ. */
  readonly branches?: readonly BranchText[];
}

export interface ProcessDiff {
  readonly fields: readonly FieldChange[];
  readonly rolesAdded: readonly string[];
  readonly rolesRemoved: readonly string[];
  /** Lane order changed (same roles, other order). */
  readonly rolesReordered: boolean;
  /** Every step of both versions in reading order (new order, removed ones where they were). */
  readonly steps: readonly StepChange[];
  readonly body: readonly Segment[];
  readonly bodyChanged: boolean;
  readonly counts: { readonly added: number; readonly removed: number; readonly changed: number };
}

const signoffText = (e?: { by: string; date: string }) => (e ? `${e.by} ${e.date}` : '');

function fieldValues(p: Process): Array<[string, string]> {
  return [
    ['name', p.name],
    ['status', p.status],
    ['owner', p.owner],
    ['control', p.control],
    ['category', p.category ?? ''],
    ['effective', p.effective ?? ''],
    ['review', p.review ?? ''],
    ['tags', p.tags.join(', ')],
    ['prepared', signoffText(p.signoff?.prepared)],
    ['reviewed', signoffText(p.signoff?.reviewed)],
    ['approved', signoffText(p.signoff?.approved)],
  ];
}

/** Dice coefficient of character bigrams: how alike two step texts are (0..1). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const grams = (s: string) => {
    const chars = [...s];
    const m = new Map<string, number>();
    for (let i = 0; i + 1 < chars.length; i++) m.set(chars[i]! + chars[i + 1]!, (m.get(chars[i]! + chars[i + 1]!) ?? 0) + 1);
    if (chars.length === 1) m.set(chars[0]!, 1);
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let both = 0;
  let na = 0;
  let nb = 0;
  for (const n of ga.values()) na += n;
  for (const n of gb.values()) nb += n;
  for (const [g, n] of ga) both += Math.min(n, gb.get(g) ?? 0);
  return na + nb === 0 ? 0 : (2 * both) / (na + nb);
}

/**
 * Which old step became which new step: the same `id`; then the same text in the same order; then,
 * between those, steps alike enough in text (and preferably in lane). Returns new key -> old key.
 */
export function matchSteps(before: readonly Step[], after: readonly Step[]): Map<string, string> {
  const match = new Map<string, string>();
  const oldById = new Map(before.filter((s) => s.id !== undefined).map((s) => [s.id!, s]));
  const usedOld = new Set<string>();
  for (const s of after) {
    const o = s.id !== undefined ? oldById.get(s.id) : undefined;
    if (o) match.set(s.key, o.key), usedOld.add(o.key);
  }
  const restOld = before.filter((s) => !usedOld.has(s.key));
  const restNew = after.filter((s) => !match.has(s.key));
  const ops = diffTokens(
    restOld.map((s) => s.text),
    restNew.map((s) => s.text),
    2000,
  );
  // Pair exact matches, collecting the stretches between them.
  let i = 0;
  let j = 0;
  let gapOld: Step[] = [];
  let gapNew: Step[] = [];
  const closeGap = () => {
    pairGap(gapOld, gapNew, match);
    gapOld = [];
    gapNew = [];
  };
  for (const op of ops) {
    if (op.op === 'eq') {
      closeGap();
      match.set(restNew[j]!.key, restOld[i]!.key);
      i++, j++;
    } else if (op.op === 'del') gapOld.push(restOld[i++]!);
    else gapNew.push(restNew[j++]!);
  }
  closeGap();
  return match;
}

/** Within a stretch of unmatched steps, pair each new step with the most alike old one left (in order). */
function pairGap(olds: readonly Step[], news: readonly Step[], match: Map<string, string>): void {
  let from = 0;
  for (const n of news) {
    let best = -1;
    let bestScore = 0.34;
    for (let k = from; k < olds.length; k++) {
      const o = olds[k]!;
      const score = similarity(o.text, n.text) + (o.role === n.role ? 0.15 : 0);
      if (score > bestScore) (best = k), (bestScore = score);
    }
    if (best >= 0) {
      match.set(n.key, olds[best]!.key);
      from = best + 1;
    }
  }
}

const flagText = (s: Step) => [s.start ? 'start' : '', s.end ? 'end' : ''].filter(Boolean).join(' ');

export function diffProcess(before: Process, after: Process): ProcessDiff {
  const fields: FieldChange[] = [];
  const bv = fieldValues(before);
  const av = fieldValues(after);
  bv.forEach(([field, b], i) => {
    const a = av[i]![1];
    if (a !== b) fields.push({ field, before: b, after: a, redline: diffText(b, a) });
  });

  const rolesAdded = after.roles.filter((r) => !before.roles.includes(r));
  const rolesRemoved = before.roles.filter((r) => !after.roles.includes(r));
  const common = (xs: readonly string[], ys: readonly string[]) => xs.filter((r) => ys.includes(r));
  const rolesReordered = common(before.roles, after.roles).join('\n') !== common(after.roles, before.roles).join('\n');

  const match = matchSteps(before.steps, after.steps);
  const oldByKey = new Map(before.steps.map((s) => [s.key, s]));
  const newByKey = new Map(after.steps.map((s) => [s.key, s]));
  const newOfOld = new Map([...match].map(([n, o]) => [o, n]));
  const steps: StepChange[] = [];
  const counts = { added: 0, removed: 0, changed: 0 };
  // Removed steps are listed where they stood: before the new step that follows them in the old order.
  const removed = before.steps.filter((s) => !newOfOld.has(s.key));
  const removedBefore = new Map<string, Step[]>(); // new key (or '' for the end) -> removed steps
  for (const r of removed) {
    let anchor = '';
    for (const s of before.steps.slice(r.number)) {
      const n = newOfOld.get(s.key);
      if (n !== undefined) {
        anchor = n;
        break;
      }
    }
    (removedBefore.get(anchor) ?? removedBefore.set(anchor, []).get(anchor)!).push(r);
  }
  const pushRemoved = (anchor: string) => {
    for (const r of removedBefore.get(anchor) ?? []) {
      steps.push({ kind: 'removed', before: r });
      counts.removed++;
    }
  };
  const branchesOf = (s: Step, byKey: ReadonlyMap<string, Step>, same: (target: Step) => string) =>
    s.next.map((e) => {
      const t = byKey.get(e.to)!;
      return { id: `${e.label ?? ''}\u0000${same(t)}`, text: `${e.label !== undefined ? `${e.label}: ` : ''}→ ${t.number}. ${t.text}` };
    });
  for (const a of after.steps) {
    pushRemoved(a.key);
    const oKey = match.get(a.key);
    if (oKey === undefined) {
      steps.push({ kind: 'added', after: a });
      counts.added++;
      continue;
    }
    const b = oldByKey.get(oKey)!;
    const text = diffText(b.text, a.text);
    const note = diffText(b.note ?? '', a.note ?? '');
    // Branches are the same when they lead (with the same label) to matching steps.
    const oldBranches = branchesOf(b, oldByKey, (t) => newOfOld.get(t.key) ?? `old:${t.key}`);
    const newBranches = branchesOf(a, newByKey, (t) => t.key);
    const oldIds = new Set(oldBranches.map((x) => x.id));
    const newIds = new Set(newBranches.map((x) => x.id));
    const branchesChanged = oldBranches.length !== newBranches.length || oldBranches.some((x) => !newIds.has(x.id));
    const change: {
      -readonly [K in keyof StepChange]: StepChange[K];
    } = { kind: 'same', before: b, after: a };
    if (changedSegs(text)) change.text = text;
    if (a.role !== b.role) change.role = { before: b.role, after: a.role };
    if (a.type !== b.type) change.type = { before: b.type, after: a.type };
    if ((a.ref ?? '') !== (b.ref ?? '')) change.ref = { before: b.ref ?? '', after: a.ref ?? '' };
    if (changedSegs(note)) change.note = note;
    if (flagText(a) !== flagText(b)) change.flags = { before: flagText(b), after: flagText(a) };
    if (branchesChanged)
      change.branches = [
        ...oldBranches.filter((x) => !newIds.has(x.id)).map((x) => ({ text: x.text, op: 'del' as const })),
        ...newBranches.map((x) => ({ text: x.text, op: oldIds.has(x.id) ? ('eq' as const) : ('ins' as const) })),
      ];
    if (change.text || change.role || change.type || change.ref || change.note || change.flags || change.branches) {
      change.kind = 'changed';
      counts.changed++;
    }
    steps.push(change);
  }
  pushRemoved('');
  const body = diffLines(before.body, after.body);
  return { fields, rolesAdded, rolesRemoved, rolesReordered, steps, body, bodyChanged: changedSegs(body), counts };
}

const changedSegs = changed;

/** Whether anything a reader would notice differs. */
export function hasChanges(d: ProcessDiff): boolean {
  return d.fields.length > 0 || d.rolesAdded.length > 0 || d.rolesRemoved.length > 0 || d.rolesReordered || d.bodyChanged || d.counts.added + d.counts.removed + d.counts.changed > 0;
}

/* ------------------------------------------------------------------ markup */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML[c]!);

/** Segments as HTML: `<del>`/`<ins>` around changes, every text escaped. */
export function redlineHtml(segs: readonly Segment[]): string {
  return segs.map((s) => (s.op === 'eq' ? escapeHtml(s.text) : `<${s.op}>${escapeHtml(s.text)}</${s.op}>`)).join('');
}

/**
 * A body redline for reading: unchanged stretches longer than `context * 2 + 1` lines are folded
 * to their first and last `context` lines around a marker (`fold(n)` gives its HTML).
 */
export function foldedRedlineHtml(segs: readonly Segment[], fold: (lines: number) => string, context = 2): string {
  const parts: string[] = [];
  segs.forEach((s, i) => {
    if (s.op !== 'eq') {
      parts.push(`<${s.op}>${escapeHtml(s.text)}</${s.op}>`);
      return;
    }
    const lines = s.text.split('\n');
    // Keep the partial lines that touch a change; fold full lines in between.
    const keepHead = i === 0 ? 0 : context + 1;
    const keepTail = i === segs.length - 1 ? 0 : context + 1;
    if (lines.length <= keepHead + keepTail + 2) {
      parts.push(escapeHtml(s.text));
      return;
    }
    const head = lines.slice(0, keepHead).join('\n');
    const tail = lines.slice(lines.length - keepTail).join('\n');
    const folded = lines.length - keepHead - keepTail;
    parts.push(escapeHtml(head ? `${head}\n` : ''), fold(folded), escapeHtml(tail ? `\n${tail}` : ''));
  });
  return parts.join('');
}

/**
 * Mark steps on a native chart: the step's group gets `fb-change-<kind>` and `data-change`. A pure
 * post-pass over the renderer's markup (it writes `<g class="fb-node ..." data-step="sN">`); the
 * layout is not touched.
 */
export function markChangedSteps(svg: string, marks: ReadonlyMap<string, 'added' | 'changed'>): string {
  if (marks.size === 0) return svg;
  return svg.replace(/<g class="(fb-node[^"]*)" data-step="(s\d+)">/g, (whole, classes: string, key: string) => {
    const kind = marks.get(key);
    return kind === undefined ? whole : `<g class="${classes} fb-change-${kind}" data-step="${key}" data-change="${kind}">`;
  });
}
