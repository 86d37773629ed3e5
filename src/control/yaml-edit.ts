/**
 * Writing one sign-off entry into a document's frontmatter with the smallest change to its text:
 * the author's comments, key order, quoting, indentation and every other line stay as written.
 *
 * The `yaml` package's parsed document gives each node its place in the text; the edit replaces
 * the values of `by`, `date` and `sha256` where they are written and adds what is missing after
 * the last entry of its mapping, in that mapping's style (`{ a: b }` or one key per line).
 * Re-stringifying the whole document instead would re-indent lists, re-fold long lines and
 * requote values. The caller checks the result by reading it again (see approve.ts). Pure.
 */
import { isMap, isScalar, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { loadYaml } from '../parse/yaml.js';

export type SignoffRole = 'prepared' | 'reviewed' | 'approved';

/** What to write: `by`, `date` and `sha256`, in this order. */
export type EntryFields = readonly (readonly [key: string, value: string])[];

interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

/**
 * A scalar as YAML text: plain when our reader reads it back as the same text in both block and
 * flow context, otherwise double-quoted (JSON's escapes are YAML's).
 */
export function yamlScalar(value: string): string {
  if (value !== '' && !/[\n\r\t]/.test(value) && value.trim() === value) {
    try {
      const block = loadYaml(`k: ${value}\n`) as Record<string, unknown> | null;
      const flow = loadYaml(`{ k: ${value}, x: y }\n`) as Record<string, unknown> | null;
      if (block?.k === value && flow?.k === value && flow?.x === 'y' && !value.includes('#')) return value;
    } catch {
      // not plain: quoted below
    }
  }
  return JSON.stringify(value);
}

const flowMap = (fields: EntryFields) => `{ ${fields.map(([k, v]) => `${k}: ${yamlScalar(v)}`).join(', ')} }`;

const pairKey = (p: Pair): string | undefined => (isScalar(p.key) ? String(p.key.value) : undefined);
const findPair = (m: YAMLMap, key: string) => (m.items as Pair[]).find((p) => pairKey(p) === key);

/** 0-based column of `offset` in `text`. */
const columnOf = (text: string, offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);

/** Where the last pair of a block mapping ends: after its value's line (and trailing comment). */
function endOfBlock(text: string, m: YAMLMap): number {
  const last = m.items[m.items.length - 1] as Pair;
  const value = last.value as Node | null;
  const end = value?.range?.[1] ?? (last.key as Node).range?.[1] ?? m.range?.[1] ?? text.length;
  if (end > 0 && text[end - 1] === '\n') return end - 1;
  const nl = text.indexOf('\n', end);
  return nl < 0 ? text.length : nl;
}

/** Edits that add `key: value` pairs (values already YAML text) to a mapping, in its style. */
function addPairs(text: string, m: YAMLMap, pairs: readonly (readonly [string, string])[], blockIndent: string): Edit[] {
  if (pairs.length === 0) return [];
  if (m.flow) {
    const [start, end] = m.range ?? [0, 0];
    if (m.items.length === 0) return [{ at: start, remove: end - start, insert: `{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')} }` }];
    const last = m.items[m.items.length - 1] as Pair;
    const at = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range![1];
    return [{ at, remove: 0, insert: pairs.map(([k, v]) => `, ${k}: ${v}`).join('') }];
  }
  const first = m.items[0] as Pair;
  const indent = ' '.repeat(columnOf(text, (first.key as Node).range![0]));
  const at = endOfBlock(text, m);
  return [{ at, remove: 0, insert: pairs.map(([k, v]) => `\n${indent || blockIndent}${k}: ${v}`).join('') }];
}

/** Replace a pair's value (a scalar, an empty value, or anything else) with `valueText`. */
function replaceValue(text: string, p: Pair, valueText: string): Edit {
  const v = p.value as Node | null;
  const keyEnd = (p.key as Node).range![1];
  if (!v?.range || (isScalar(v) && (v.value === null || v.value === '') && v.range[0] === v.range[1])) {
    // `key:` with nothing after it: write after the colon.
    const colon = text.indexOf(':', keyEnd);
    return { at: colon + 1, remove: 0, insert: ` ${valueText}` };
  }
  return { at: v.range[0], remove: v.range[1] - v.range[0], insert: valueText };
}

/**
 * The frontmatter text (between the `---` lines, LF line endings) with `signoff.<role>` set to
 * `fields`. Throws when the frontmatter is not a mapping (the checker reports that first).
 */
export function setSignoffEntry(frontmatter: string, role: SignoffRole, fields: EntryFields): string {
  const doc = parseDocument(frontmatter, { schema: 'failsafe', uniqueKeys: false, strict: false });
  const root = doc.contents;
  if (!isMap(root)) throw new Error('the frontmatter is not a mapping');
  const edits: Edit[] = [];
  const signoff = findPair(root, 'signoff');
  const entryText = flowMap(fields);
  if (!signoff) {
    const block = `signoff:\n  ${role}: ${entryText}`;
    if (root.flow) edits.push(...addPairs(frontmatter, root, [['signoff', `{ ${role}: ${entryText} }`]], ''));
    else if (root.items.length === 0) edits.push({ at: frontmatter.length, remove: 0, insert: (frontmatter === '' || frontmatter.endsWith('\n') ? '' : '\n') + block + '\n' });
    else edits.push({ at: endOfBlock(frontmatter, root), remove: 0, insert: `\n${block}` });
  } else if (!isMap(signoff.value)) {
    edits.push(replaceValue(frontmatter, signoff, `{ ${role}: ${entryText} }`));
  } else {
    const so = signoff.value;
    const entry = findPair(so, role);
    if (!entry) edits.push(...addPairs(frontmatter, so, [[role, entryText]], '  '));
    else if (!isMap(entry.value)) edits.push(replaceValue(frontmatter, entry, entryText));
    else {
      const m = entry.value;
      const missing: Array<readonly [string, string]> = [];
      for (const [k, v] of fields) {
        const p = findPair(m, k);
        if (p) edits.push(replaceValue(frontmatter, p, yamlScalar(v)));
        else missing.push([k, yamlScalar(v)]);
      }
      edits.push(...addPairs(frontmatter, m, missing, '    '));
    }
  }
  let out = frontmatter;
  for (const e of [...edits].sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.insert + out.slice(e.at + e.remove);
  return out;
}
