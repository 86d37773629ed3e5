/**
 * Property test over site page rendering: random handbooks (1-3 documents) whose every field and
 * body mixes random text with markup payloads (`<x-pwn data-pwn>`, `" onmouseover=`, `' onfocus='`,
 * script, javascript: links, Handlebars, Mermaid directives) build, and no built page holds an
 * element or attribute that came from document text (test/proof/inject.ts: no x-pwn element, no
 * on* attribute, no foreign script, frame or dangerous URL).
 * A whole build per case, so fewer cases: FUZZ_RUNS / 40, between 4 and 250.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from '../../src/build.js';
import { FUZZ_RUNS } from '../helpers/fuzz.js';
import { listFiles, removeDir, tempDir, TODAY } from '../helpers/browser.js';
import { injected } from '../proof/inject.js';
import { text as hardText } from './native-gen.js';

const RUNS = Math.max(4, Math.min(250, Math.round(FUZZ_RUNS / 40)));

const PAYLOADS = [
  '<x-pwn data-pwn>',
  '</x-pwn>',
  '" onmouseover="alert(1)" x="',
  "' onfocus='alert(1)' autofocus='",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{name}}',
  '{{{body}}}',
  '{{#each this}}x{{/each}}',
  '%%{init: {"securityLevel":"loose"}}%%',
  'click s1 call alert(1)',
  '</title></style></script><x-pwn data-pwn onclick=alert(1)>',
  '&lt;x-pwn&gt;',
  '<!--',
  ']]>',
];
const BODY = [
  ...PAYLOADS,
  '<div onclick="alert(1)">d</div>',
  '[a](javascript:alert(1))',
  '[b](vbscript:x)',
  '[c](data:text/html,<script>alert(1)</script>)',
  '<a href="javascript:alert(1)">a</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<style>*{x:expression(alert(1))}</style>',
  '![i](javascript:alert(1))',
  '```mermaid\n%%{init: {"securityLevel":"loose"}}%%\ngraph TD\nA["<x-pwn data-pwn>"]-->B\nclick A call alert(1)\n```',
  '| a | <x-pwn data-pwn> |\n| - | - |\n| <img src=x onerror=alert(1)> | b |',
  '# <x-pwn data-pwn onmouseover=alert(1)>',
  '> <x-pwn data-pwn>',
  '- [ ] <x-pwn data-pwn>',
  'x[^1]\n\n[^1]: <x-pwn data-pwn>',
];

/** A field: hard random text with a payload somewhere in it. */
const field = fc.tuple(hardText, fc.constantFrom(...PAYLOADS), fc.nat(3)).map(([t, p, where]) => (where === 0 ? p + t : where === 1 ? t + p : where === 2 ? `${t} ${p} ${t}` : p));
const body = fc.array(fc.oneof(fc.constantFrom(...BODY), hardText, field), { maxLength: 8 }).map((parts) => parts.join('\n\n'));
const q = (s: string) => JSON.stringify(s);

const document = (i: number, count: number) =>
  fc
    .record({
      name: field,
      roles: fc.uniqueArray(field, { minLength: 1, maxLength: 4 }),
      steps: fc.array(fc.record({ role: fc.nat(3), text: field, note: fc.option(field, { nil: undefined }), labels: fc.option(fc.uniqueArray(field, { minLength: 2, maxLength: 3 }), { nil: undefined }), link: fc.boolean() }), { minLength: 1, maxLength: 6 }),
      category: field,
      owner: field,
      control: field,
      version: field,
      tags: fc.array(field, { maxLength: 3 }),
      by: fc.array(field, { minLength: 3, maxLength: 3 }),
      change: field,
      status: fc.constantFrom('controlled', 'uncontrolled', 'draft', 'obsolete'),
      body,
    })
    .map((d) => {
      const n = d.steps.length;
      const steps = d.steps
        .map((s, j) => {
          const role = q(d.roles[s.role % d.roles.length]!);
          if (s.link && count > 1) return `  - id: n${j}\n    role: ${role}\n    type: process\n    ref: FZ-${(i + 1) % count}\n`;
          let out = `  - id: n${j}\n    role: ${role}\n    text: ${q(s.text)}\n`;
          if (s.note !== undefined) out += `    note: ${q(s.note)}\n`;
          if (s.labels) out += `    type: decision\n    next: { ${s.labels.map((l, k) => `${q(l)}: n${(j + k + 1) % n}`).join(', ')} }\n`;
          return out;
        })
        .join('');
      return `---
name: ${q(d.name)}
code: FZ-${i}
version: ${q(d.version)}
status: ${d.status}
owner: ${q(d.owner)}
control: ${q(d.control)}
category: ${q(d.category)}
effective: 2025-01-01
review: 2027-01-01
roles: [${d.roles.map(q).join(', ')}]
steps:
${steps}signoff:
  prepared: { by: ${q(d.by[0]!)}, date: 2024-12-01 }
  reviewed: { by: ${q(d.by[1]!)}, date: 2024-12-02 }
  approved: { by: ${q(d.by[2]!)}, date: 2024-12-03 }
revisions:
  - { version: ${q(d.version)}, date: 2025-01-01, change: ${q(d.change)} }
tags: [${d.tags.map(q).join(', ')}]
---
${d.body}
`;
    });

const handbook = fc.integer({ min: 1, max: 3 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => document(i, count))));
const settings = fc.record({ title: field, organisation: field, controlledText: field, uncontrolledText: field }).map((s) => Object.entries(s).map(([k, v]) => `${k}: ${q(v)}`).join('\n') + '\nlanguage: zh-CN\n');

describe('site pages on random hostile handbooks', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = tempDir('fb-fuzz-pages-');
  });
  afterAll(() => removeDir(tmp));

  it('never carry an element or attribute from document text', async () => {
    let pages = 0;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(handbook, settings, async (docs, yml) => {
        const root = path.join(tmp, `hb-${run++}`);
        mkdirSync(path.join(root, 'processes'), { recursive: true });
        writeFileSync(path.join(root, 'flowbook.yml'), yml);
        docs.forEach((d, i) => writeFileSync(path.join(root, 'processes', `fz-${i}.md`), d));
        const out = path.join(tmp, 'site');
        try {
          const r = await build({ root, out, today: TODAY, drafts: true, force: true, cache: false, threads: 0 });
          const errors = r.diagnostics.filter((d) => d.severity === 'error');
          expect(errors, JSON.stringify(errors.slice(0, 2))).toEqual([]);
          const html = listFiles(out).filter((f) => f.endsWith('.html'));
          expect(html.length).toBeGreaterThanOrEqual(6);
          const found = html.flatMap((rel) => injected(readFileSync(path.join(out, rel), 'utf8'), rel));
          expect(found).toEqual([]);
          pages += html.length;
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS },
    );
    console.info(`[fuzz/pages] ${RUNS} handbooks, ${pages} pages checked`);
  }, 600_000);
});
