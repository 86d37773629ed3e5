/** Generators for the native renderer fuzz (native.fuzz.test.ts): random valid process documents. */
import fc from 'fast-check';
import { check, doc } from '../helpers/handbook.js';
import type { Process } from '../../src/model/types.js';

const cjk = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 24 });
const emoji = fc.constantFrom('😀', '👩‍👩‍👧', '🇨🇳', '❤️', '🏳️‍🌈', '🧑🏽‍💻', '🀄');
const rtl = fc.constantFrom('\u202Eevil\u202C', 'שלום עולם', 'مرحبا بالعالم', '\u200Fא\u200E', '\u061Cي', 'عربي123');
const longWord = fc.oneof(
  fc.integer({ min: 40, max: 400 }).map((n) => 'W'.repeat(n)),
  fc.integer({ min: 40, max: 200 }).map((n) => '流'.repeat(n)),
  fc.integer({ min: 20, max: 100 }).map((n) => 'ab-'.repeat(n)),
);
const markup = fc.constantFrom('<b>', '</svg>', '&amp;', '&', '"', "'", ']]>', '<![CDATA[', '<!--', '-->', '{{x}}', '%%{init}%%', 'x-pwn', '\\', '$', 'javascript:');
const odd = fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u001f', '\u007f', '\u0085', '\ufffe', '\uffff', '\ud800', '\udfff', '\u2028', '\u2029', '\u00a0', '\u200b', '\ufeff', '\t', '\n', '  ');
const anyUnicode = fc.string({ unit: 'binary', maxLength: 12 });

/** Non-blank text mixing every kind of hard text. */
export const text = fc
  .array(fc.oneof({ weight: 4, arbitrary: cjk }, { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) }, emoji, rtl, longWord, markup, odd, anyUnicode), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(parts.length % 2 ? ' ' : ''))
  .map((t) => (t.trim() === '' ? `空${t}` : t));

export interface GenStep {
  role: number;
  kind: 'plain' | 'ids' | 'labels' | 'end' | 'process';
  targets: number[];
  labels: string[];
  start: boolean;
  text: string;
  note?: string;
}

export const graph = fc.integer({ min: 1, max: 12 }).chain((lanes) =>
  fc.record({
    roles: fc.uniqueArray(text, { minLength: lanes, maxLength: lanes }),
    steps: fc.array(
      fc.record({
        role: fc.nat(lanes - 1),
        kind: fc.constantFrom<GenStep['kind']>('plain', 'plain', 'plain', 'ids', 'labels', 'labels', 'end', 'process'),
        targets: fc.array(fc.nat(200), { minLength: 1, maxLength: 4 }),
        labels: fc.uniqueArray(text, { minLength: 2, maxLength: 5 }),
        start: fc.integer({ min: 0, max: 9 }).map((x) => x < 2),
        text,
        note: fc.option(text, { nil: undefined }),
      }),
      // Uniform lengths up to 60 (fast-check's default size would keep most flows under ten steps).
      { minLength: 1, maxLength: 60, size: 'max' },
    ),
    language: fc.constantFrom<'zh-CN' | 'en'>('zh-CN', 'en'),
  }),
);

const q = (s: string) => JSON.stringify(s);

/** The document the generator describes (YAML via JSON strings, every step with an id). */
export function toDocument(g: { roles: string[]; steps: GenStep[] }): string {
  const n = g.steps.length;
  const steps = g.steps
    .map((s, i) => {
      let out = `  - id: n${i}\n    role: ${q(g.roles[s.role]!)}\n`;
      if (s.kind === 'process') out += `    type: process\n    ref: REF-1\n`;
      else out += `    text: ${q(s.text)}\n`;
      if (s.note !== undefined) out += `    note: ${q(s.note)}\n`;
      if (s.start) out += `    start: true\n`;
      if (s.kind === 'end') out += `    end: true\n`;
      else if (s.kind === 'ids') out += `    next: [${s.targets.map((t) => `n${t % n}`).join(', ')}]\n`;
      else if (s.kind === 'labels') out += `    type: decision\n    next: { ${s.labels.map((l, j) => `${q(l)}: n${s.targets[j % s.targets.length]! % n}`).join(', ')} }\n`;
      return out;
    })
    .join('');
  // Every role needs a step (else only a warning, but keep the lanes honest either way).
  return doc({ code: 'FZ-1', name: q(g.roles.join(' / ').slice(0, 200) || 'x'), status: 'draft', roles: `[${g.roles.map(q).join(', ')}]`, steps, signoff: null });
}

export const REF = doc({ code: 'REF-1', name: '被引用的流程', status: 'draft', signoff: null });

/** Check the generated document with the real reader and checker; it must pass. */
export function toProcess(g: { roles: string[]; steps: GenStep[] }): Process {
  const r = check({ 'processes/fz.md': toDocument(g), 'processes/ref.md': REF });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`generated document does not check: ${JSON.stringify(errors.slice(0, 2))}`);
  const p = r.handbook!.byCode.get('FZ-1')!;
  if (p.steps.length !== g.steps.length) throw new Error('step count differs');
  return p;
}
