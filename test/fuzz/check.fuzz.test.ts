/**
 * Property tests over the reader and checker: random and mutated documents never crash Flowbook;
 * they give either a model or structured diagnostics that name a file and say what to do.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check, doc } from '../helpers/handbook.js';
import { FUZZ_RUNS } from '../helpers/fuzz.js';

/** The long profile (100,000 cases) runs far past the 60 s default. */
const TIMEOUT = 60_000 + FUZZ_RUNS * 10;
import { CATALOGUE } from '../../src/diagnostics/diagnostic.js';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../helpers/cli.js';

function assertStructured(r: ReturnType<typeof check>, files: string[]) {
  for (const d of r.diagnostics) {
    expect(d.code in CATALOGUE).toBe(true);
    expect(files).toContain(d.file);
    expect(typeof d.message).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
    if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
    if (d.column !== undefined) expect(d.column).toBeGreaterThanOrEqual(1);
  }
  const hasError = r.diagnostics.some((d) => d.severity === 'error');
  expect(hasError ? r.handbook === undefined : r.handbook !== undefined).toBe(true);
}

// Real documents to mutate: the example handbook.
const examples: string[] = [];
(function walk(dir: string) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) walk(path.join(dir, e.name));
    else if (e.name.endsWith('.md')) examples.push(readFileSync(path.join(dir, e.name), 'utf8'));
  }
})(path.join(REPO, 'processes'));

const yamlish = fc.stringMatching(/^[a-z:\-\[\]{}'" #|>&*!%@`,\n\t0-9是否]{0,80}$/);

describe('reader and checker never crash', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        assertStructured(check({ 'processes/x.md': text }), ['processes/x.md']);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, TIMEOUT);

  it('on frontmatter made of YAML punctuation', () => {
    fc.assert(
      fc.property(yamlish, (fm) => {
        assertStructured(check({ 'processes/x.md': `---\n${fm}\n---\nbody` }), ['processes/x.md']);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, TIMEOUT);

  it('on mutated example documents (lines deleted, duplicated, swapped, characters inserted)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: examples.length - 1 }),
        fc.array(fc.tuple(fc.constantFrom('delete', 'dup', 'swap', 'insert', 'indent'), fc.nat(), fc.nat(), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 5 }),
        (which, mutations) => {
          const lines = examples[which]!.split('\n');
          for (const [op, a, b, s] of mutations) {
            const i = a % lines.length;
            const j = b % lines.length;
            if (op === 'delete') lines.splice(i, 1);
            else if (op === 'dup') lines.splice(i, 0, lines[i]!);
            else if (op === 'swap') [lines[i], lines[j]] = [lines[j]!, lines[i]!];
            else if (op === 'insert') lines[i] = lines[i]!.slice(0, j % (lines[i]!.length + 1)) + s + lines[i]!.slice(j % (lines[i]!.length + 1));
            else lines[i] = ' ' + lines[i];
            if (lines.length === 0) lines.push('');
          }
          assertStructured(check({ 'processes/x.md': lines.join('\n'), 'processes/y.md': examples[(which + 1) % examples.length]! }), ['processes/x.md', 'processes/y.md']);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  }, TIMEOUT);

  it('on random but well-formed step graphs: starts, ends and reachability agree with the warnings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ role: fc.constantFrom('A', 'B', 'C'), next: fc.option(fc.array(fc.nat(12), { minLength: 1, maxLength: 3 })), end: fc.boolean(), start: fc.boolean() }), { minLength: 1, maxLength: 12 }),
        (steps) => {
          const n = steps.length;
          const yaml = steps
            .map((s, i) => {
              let out = `  - id: n${i}\n    role: ${s.role}\n    text: 第${i}步\n`;
              if (s.start) out += '    start: true\n';
              if (s.end) out += '    end: true\n';
              else if (s.next) out += `    next: [${s.next.map((t) => `n${t % n}`).join(', ')}]\n`;
              return out;
            })
            .join('');
          const r = check({ 'processes/x.md': doc({ roles: '[A, B, C]', steps: yaml }) });
          const p = r.handbook?.processes[0];
          const unreachable = r.diagnostics.filter((d) => d.code === 'unreachable-step').length;
          const errors = r.diagnostics.filter((d) => d.severity === 'error');
          expect(errors).toEqual([]);
          expect(p).toBeDefined();
          expect(p!.steps.length - p!.reachable.size).toBe(unreachable);
          for (const s of p!.steps) expect(s.end).toBe(s.next.length === 0);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  }, TIMEOUT);
});

describe('hostile documents', () => {
  it('billion-laughs aliases, deep nesting and huge lines are handled', () => {
    const laughs = '---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nroles: *e\n---\n';
    const r = check({ 'processes/x.md': laughs });
    expect(r.handbook).toBeUndefined();
    const deep = '---\nname: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n---\n';
    assertStructured(check({ 'processes/x.md': deep }), ['processes/x.md']);
    const long = doc({ name: '流'.repeat(200_000) });
    assertStructured(check({ 'processes/x.md': long }), ['processes/x.md']);
  });

  it('__proto__, constructor and prototype as keys, codes, roles and ids do not pollute anything', () => {
    const text = doc({
      code: '__proto__',
      roles: '[__proto__, constructor]',
      steps: '  - id: __proto__\n    role: __proto__\n    text: toString\n    next: { constructor: constructor, __proto__: __proto__ }\n    type: decision\n  - id: constructor\n    role: constructor\n    text: x\n',
      extra: '__proto__: { polluted: 1 }\nconstructor: 1\n',
    });
    const r = check({ 'processes/x.md': text });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toContain('invalid-code');
    const ok = check({ 'processes/x.md': text.replace('code: __proto__', 'code: PROTO-1') });
    expect(ok.diagnostics.every((d) => d.code === 'unknown-key' || d.code === 'unreachable-step' || d.code === 'decision-branches')).toBe(true);
  });

  it('odd Unicode: RTL marks, zero-width joiners, emoji, lone surrogates, NUL', () => {
    const names = ['\u202Eevil\u202C', 'a\u200Db', '👩‍👩‍👧 流程', '\uD800x', 'nul\u0000byte'];
    for (const name of names) {
      const r = check({ 'processes/x.md': doc({ name: JSON.stringify(name), roles: `[${JSON.stringify(name)}, 部门负责人]`, steps: `  - role: ${JSON.stringify(name)}\n    text: ${JSON.stringify(name)}\n  - role: 部门负责人\n    text: ok\n` }) });
      assertStructured(r, ['processes/x.md']);
    }
  });
});
