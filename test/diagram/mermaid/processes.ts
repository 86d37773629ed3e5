/** Processes built directly as model objects, so any text at all can be put in them. */
import fc from 'fast-check';
import type { Edge, Process, Step, StepType } from '../../../src/model/types.js';

export interface StepSpec {
  role: string;
  text: string;
  type?: StepType;
  ref?: string;
  start?: boolean;
  /** Targets by 1-based step number, with optional branch labels. */
  next?: readonly (number | readonly [label: string, to: number])[];
}

/** A process from roles and steps; steps without `next` flow to the following step. */
export function makeProcess(opts: { code?: string; name?: string; roles: readonly string[]; steps: readonly StepSpec[] }): Process {
  const key = (n: number) => `s${n}`;
  const steps: Step[] = opts.steps.map((s, i) => {
    const from = key(i + 1);
    const next: Edge[] =
      s.next === undefined
        ? i + 1 < opts.steps.length
          ? [{ from, to: key(i + 2) }]
          : []
        : s.next.map((n) => (typeof n === 'number' ? { from, to: key(n) } : { from, to: key(n[1]), label: n[0] }));
    const lane = opts.roles.indexOf(s.role);
    if (lane < 0) throw new Error(`role ${s.role} not in roles`);
    return {
      key: from,
      number: i + 1,
      role: s.role,
      lane,
      text: s.text,
      type: s.type ?? 'action',
      ...(s.ref !== undefined ? { ref: s.ref } : {}),
      start: s.start ?? i === 0,
      end: next.length === 0,
      next,
    };
  });
  return {
    file: 'processes/test.md',
    code: opts.code ?? 'T-001',
    name: opts.name ?? 'Test process',
    status: 'controlled',
    owner: 'HR',
    control: 'HR director',
    roles: opts.roles,
    steps,
    revisions: [],
    tags: [],
    body: '',
    bodyLine: 1,
    starts: steps.filter((s) => s.start).map((s) => s.key),
    ends: steps.filter((s) => s.next.length === 0).map((s) => s.key),
    reachable: new Set(steps.map((s) => s.key)),
    linksTo: [...new Set(steps.flatMap((s) => (s.ref ? [s.ref] : [])))],
    linkedFrom: [],
  };
}

/** Every text slot of a small process (name, lane titles, step texts of all three shapes, branch labels) set to `text`. */
export function processWithText(text: string, code = 'T-001'): Process {
  return makeProcess({
    code,
    name: text,
    roles: [text, `${text}2`],
    steps: [
      { role: text, text, start: true },
      { role: `${text}2`, text, type: 'decision', next: [[text, 3], [`${text}b`, 4]] },
      { role: text, text, type: 'process', ref: 'OTHER-1' },
      { role: `${text}2`, text: `x${text}x` },
    ],
  });
}

/** Texts that have broken (or could break) Mermaid sources or the SVG drawn from them. */
export const HOSTILE_TEXTS: readonly string[] = [
  'say "hello"',
  // Font Awesome shorthand: Mermaid draws it as an icon (found by the property test).
  'endfa:fa-car|\n%%-->',
  'fab:fa-github and fas:fa-user-tie',
  // KaTeX math delimiters: Mermaid draws $$...$$ as a formula.
  'costs $$x^2$$ and $$\\frac{a}{b}$$ yuan',
  "it's [a] {b} (c) ([d]) ((e)) >f] {{g}} [/h/]",
  'a --> b -.-> c ==> d --- e ~~~ f',
  '%% a comment',
  '%%{init: {"theme": "dark", "securityLevel": "loose"}}%%',
  '%%{ init: { "flowchart": { "htmlLabels": false } } }%%',
  'end',
  'subgraph x\nend',
  'click s1 call alert(1)',
  'click s1 href "javascript:alert(1)"',
  'style s1 fill:#f00',
  'style s1 color:#f00;',
  'classDef fbStart fill:#f00;',
  'class s1 fbStart',
  '<b>bold</b> <i>x</i>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '`**markdown**`',
  '*em* _em_ __strong__ ~~struck~~ ~sub~ ==mark== ^sup^',
  '1. list\n- item\n+ item\n* item\n> quote\n# heading\n---\n===\n    code',
  '[link](https://example.com) ![img](x.png) <https://example.com> https://example.com',
  '\\*escaped\\* \\_x\\_',
  '"`not markdown`"',
  '#35; #quot; #lt; #9829;',
  '&amp; &lt; &#60; &nbsp;',
  'a;b; c',
  'line one\nline two',
  'windows\r\nline\rbreaks',
  'tab\there',
  'emoji 👩‍💼🎉 and 中文（全角）标点、。',
  'lone \ud800 high and \udc00 low surrogates',
  'nul \u0000 and bell \u0007 and del \u007f',
  'ﬂ°°35¶ß and ﬂ°lt¶ß',
  'x marker-end="url(abc#def) y',
  '  padded  ',
  ' ',
  '\u00a0no-break and ideographic spaces\u3000',
  '\u3000',
  '\nleading and trailing line breaks\n',
  'a|b|c',
  'back\\slash \\n',
  '@{ shape: circle }',
  'fa:fa-car',
  'accTitle: hijack',
  'accDescr { hijack }',
  ':::danger',
  'A & B',
  'line\u2028separator\u2029para',
  '\ufeffbom',
  '---\ntitle: x\n---',
  'https://example.com/?a=1&b=2#frag',
  '{}[]()<>"\'`~!@#$%^&*_+-=|\\:;,./?',
];

/** Random texts for property tests: any UTF-16 (lone surrogates too), graphemes, and mixes of risky pieces. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '"', '#', ';', '%%', '{', '}', '[', ']', '(', ')', '<', '>', '`', '|', '&', ':', '*', '_', '~', '\\', '\n', '\r',
          'end', '-->', 'ﬂ°°', '¶ß', 'marker-end="url(', '#35;', '\ud800', '  ', '\u00a0', '\u3000', '\u2028', '\u0085', '1. ', '- ', 'fa:fa-car',
        ),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 12 },
    )
    .map((a) => a.join('')),
);
