/**
 * Process -> Mermaid `swimlane-beta` text. Pure.
 *
 * swimlane-beta is Mermaid's flowchart grammar laid out in lanes: every top-level `subgraph` is a
 * lane. The output looks like this:
 *
 *   swimlane-beta TB
 *     accTitle: 员工工作调动流程
 *     accDescr: HR-ER-012: swimlane diagram, 10 steps in 5 lanes (被调动员工, 调出部门, ...)
 *     subgraph lane1["被调动员工"]
 *       s1["提出调动申请"]
 *     end
 *     subgraph lane2["调出部门"]
 *       s2{"调出部门审批"}
 *     end
 *     ...
 *     s1 --> s2
 *     s2 -->|"同意"| s4
 *     click s10 href "HR-CB-003.html"
 *     classDef fbStart stroke-width:3px
 *     class s1 fbStart
 *
 * Only generated tokens (lane ids, step keys, keywords, the class name) are written bare. Every
 * text from a document is written through `mermaidText`, which leaves letters, digits, spaces
 * and a few harmless punctuation marks as they are and writes everything else as a Mermaid
 * numeric entity (`#35;` for `#`). So no text can close a quoted label, start a directive
 * (`%%`), a comment, a markdown string or an HTML tag, or turn into a keyword or entity.
 */
import type { Language, Process, Step } from '../../model/types.js';

export interface MermaidSourceOptions {
  /** URL of a process's page from where the diagram is shown, or undefined when it is not published. */
  readonly href: (code: string) => string | undefined;
  /** Language of the accessible description; default English. */
  readonly language?: Language;
}

/** Class given to start steps; its classDef draws the thick border of the paper templates. */
export const START_CLASS = 'fbStart';
const START_CLASS_DEF = `classDef ${START_CLASS} stroke-width:3px`;

/** Mermaid node id of a step: its model key, checked so nothing else can reach the text. */
export function nodeId(step: Step): string {
  if (!/^s[1-9][0-9]*$/.test(step.key)) throw new Error(`step key "${step.key}" is not a generated key (s1, s2, ...)`);
  return step.key;
}

/** Mermaid id of the lane of role number `index` (0-based). */
export function laneId(index: number): string {
  return `lane${index + 1}`;
}

export function toMermaidSource(process: Process, options: MermaidSourceOptions): string {
  const out: string[] = ['swimlane-beta TB'];
  out.push(`  accTitle: ${mermaidText(process.name, 'line')}`);
  out.push(`  accDescr: ${mermaidText(describe(process, options.language ?? 'en'), 'line')}`);

  process.roles.forEach((role, lane) => {
    out.push(`  subgraph ${laneId(lane)}["${mermaidText(role, 'label')}"]`);
    for (const step of process.steps) if (step.lane === lane) out.push(`    ${nodeId(step)}${shape(step)}`);
    out.push('  end');
  });

  const byKey = new Map(process.steps.map((s) => [s.key, s]));
  for (const step of process.steps)
    for (const edge of step.next) {
      const from = nodeId(stepByKey(process, byKey, edge.from));
      const to = nodeId(stepByKey(process, byKey, edge.to));
      out.push(edge.label === undefined ? `  ${from} --> ${to}` : `  ${from} -->|"${mermaidText(edge.label, 'label')}"| ${to}`);
    }

  for (const step of process.steps) {
    if (step.type !== 'process' || step.ref === undefined) continue;
    const url = safeUrl(options.href(step.ref));
    if (url !== undefined) out.push(`  click ${nodeId(step)} href "${url}"`);
  }

  const starts = process.steps.filter((s) => s.start).map(nodeId);
  if (starts.length > 0) {
    out.push(`  ${START_CLASS_DEF}`);
    out.push(`  class ${starts.join(',')} ${START_CLASS}`);
  }
  return out.join('\n') + '\n';
}

function shape(step: Step): string {
  const text = mermaidText(step.text, 'label');
  switch (step.type) {
    case 'decision':
      return `{"${text}"}`;
    case 'process':
      return `(["${text}"])`;
    default:
      return `["${text}"]`;
  }
}

function stepByKey(process: Process, byKey: ReadonlyMap<string, Step>, key: string): Step {
  const step = byKey.get(key);
  if (!step) throw new Error(`${process.code}: edge names no step "${key}"`);
  return step;
}

function describe(process: Process, language: Language): string {
  const n = process.steps.length;
  const m = process.roles.length;
  return language === 'zh-CN'
    ? `${process.code}：泳道图,${n} 个步骤,${m} 个泳道(${process.roles.join('、')})`
    : `${process.code}: swimlane diagram, ${n} step${n === 1 ? '' : 's'} in ${m} lane${m === 1 ? '' : 's'} (${process.roles.join(', ')})`;
}

/**
 * ASCII kept as written: nothing here means anything inside a quoted label or an accTitle line,
 * nor to the Markdown pass Mermaid runs over every label when drawing it (`*`, `_` and `~` would
 * become emphasis, so they are entities; a list or heading marker is drawn as written).
 */
const PLAIN_ASCII = /^[A-Za-z0-9 ,.\-!?'/()+@$^=]$/;

/**
 * Non-ASCII characters written as entities: `°` and `¶` because Mermaid's entity placeholders
 * (`ﬂ°°35¶ß`) are built from them, line separators that end a line for Mermaid's regular
 * expressions, and the byte-order mark (invisible, easy to lose).
 */
const ENTITY_NON_ASCII = /^[\u00b0\u00b6\u2028\u2029\ufeff]$/u;

/**
 * Characters shown as U+FFFD: those no XML document can hold (C0 controls but tab, lone
 * surrogates, U+FFFE/U+FFFF) and C1 controls, which HTML reads as Windows-1252 characters
 * (`&#133;` is `…`) so no entity can show them as written.
 */
function unshowable(cp: number): boolean {
  return (cp < 0x20 && cp !== 0x09) || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff;
}

const ZERO_WIDTH_SPACE = '\u200b';
const WORD_JOINER = '\u2060';

/**
 * Line breaks as LF, and a (zero-width) word joiner into the few sequences that Mermaid's last
 * passes over the finished SVG text would rewrite even when they are plain text: its entity
 * markers `ﬂ°` and `¶ß`, `marker-end="url(` (cleanUpSvgCode in mermaidAPI), and the Font
 * Awesome shorthand `fa:fa-name` and KaTeX's `$$`, which its label drawing turns into an icon
 * or a formula.
 */
function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/ﬂ(?=°)|¶(?=ß)/g, `$&${WORD_JOINER}`)
    .replace(/marker-end(?=="url\()/g, `marker-end${WORD_JOINER}`)
    // Font Awesome shorthand (`fa:fa-car`) becomes an icon when Mermaid draws a label.
    .replace(/(fa[bklrs]?)(?=:fa-[\w-])/g, `$1${WORD_JOINER}`)
    // KaTeX delimiters: Mermaid draws `$$...$$` as a formula.
    .replace(/\$(?=\$)/g, () => `$${WORD_JOINER}`);
}

/**
 * Text from a document, written so Mermaid shows it as written.
 * `label` (inside `"..."`): line breaks become `<br>`, Mermaid's line break in labels.
 * `line` (the rest of an `accTitle:`/`accDescr:` line): line breaks become spaces.
 * Characters that cannot be shown (see `unshowable`) become U+FFFD; see `shownText`.
 */
export function mermaidText(text: string, mode: 'label' | 'line'): string {
  // Mermaid rejects an empty quoted label: an empty text is written as a zero-width space.
  if (text === '') return `#${ZERO_WIDTH_SPACE.codePointAt(0)};`;
  return WRITTEN_AS_IS.test(text) ? text : escapeEach(text, mode);
}

/**
 * Texts that `escapeEach` leaves as they are (most step texts): PLAIN_ASCII but `$` (which
 * `normalise` may change), non-ASCII but ENTITY_NON_ASCII, the C1 controls, U+FFFE/U+FFFF and lone
 * surrogates, with no white space at either end. Saves a pass per character over every label;
 * a property test holds it to `escapeEach`.
 */
const WRITTEN_AS_IS =
  /^(?!\s)(?:[A-Za-z0-9 ,.\-!?'/()+@^=\u00a0-\u00af\u00b1-\u00b5\u00b7-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]|[\ud800-\udbff][\udc00-\udfff])*(?<!\s)$/;

/** `mermaidText` the long way, character by character. Exported for the property test. */
export function escapeEach(text: string, mode: 'label' | 'line'): string {
  if (text === '') return `#${ZERO_WIDTH_SPACE.codePointAt(0)};`;
  const pieces: string[] = [];
  for (const ch of normalise(text)) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') pieces.push(mode === 'label' ? '<br>' : ' ');
    else if (unshowable(cp)) pieces.push('\ufffd');
    else if (cp < 0x80) pieces.push(PLAIN_ASCII.test(ch) ? ch : `#${cp};`);
    else pieces.push(ENTITY_NON_ASCII.test(ch) ? `#${cp};` : ch);
  }
  // Mermaid trims labels and titles (and `accTitle:\s*` would run on into the next line):
  // outer white space of any kind (space, NBSP, ideographic space...) is written as entities.
  const entity = (piece: string) => (/^\s$/u.test(piece) ? `#${piece.codePointAt(0)};` : piece);
  for (let i = 0; i < pieces.length && /^\s$/u.test(pieces[i]!); i++) pieces[i] = entity(pieces[i]!);
  for (let i = pieces.length - 1; i >= 0 && /^\s$/u.test(pieces[i]!); i--) pieces[i] = entity(pieces[i]!);
  return pieces.join('');
}

/** The text a label shows: what `mermaidText` keeps (see there and `normalise`), for comparing after a round trip. */
export function shownText(text: string, mode: 'label' | 'line'): string {
  if (text === '') return ZERO_WIDTH_SPACE;
  let out = '';
  for (const ch of normalise(text)) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') out += mode === 'label' ? '\n' : ' ';
    else if (unshowable(cp)) out += '\ufffd';
    else out += ch;
  }
  return out;
}

/**
 * A link target Mermaid cannot misread: relative, or http(s). Characters outside a plain URL
 * alphabet are percent-encoded (so no `"`, `;`, space or `%%`); other schemes give no link.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return undefined;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  if (scheme && !/^https?$/i.test(scheme[1]!)) return undefined;
  return Array.from(url, (ch) => {
    if (/^[A-Za-z0-9\-._~/?&=+,!*'()@:$#]$/.test(ch)) return ch;
    if (ch === '%') return ch; // fixed below when not an escape
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) return '%EF%BF%BD'; // a lone surrogate: U+FFFD
    return encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  })
    .join('')
    .replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
}
