/**
 * A patched search index is the index made whole: after random changes to a few processes,
 * `patchIndex` on the last build's files gives the same files, byte for byte, as `searchIndexFiles`
 * on the changed processes, and it does patch (not give up) when few changed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Process } from '../../src/model/types.js';
import type { OutputFile } from '../../src/output/types.js';
import { indexedProcess, patchIndex, processTerms, searchIndexFiles, type LastIndex, type ProcessTerms } from '../../src/search/index.js';
import { contentKey } from '../../src/search/shard.js';
import { loadHandbook } from '../../src/load.js';
import { makeProcess } from './make.js';

const href = (c: string) => `p/${c}.html`;
const options = { pageHref: href, language: 'zh-CN' as const };
const example = (await loadHandbook(new URL('../../', import.meta.url).pathname, { today: '2026-11-27' })).handbook!.processes;

const WORDS = ['leave', 'payroll', 'overtime', 'Leave2026', '2026', '1200', '请假', '加班', '年假', '审批', '离职', 'résumé', 'HR-AT-003', '工资123'];

/** Generated processes, enough for several terms and docs shards. */
const generated = Array.from({ length: 160 }, (_, i) =>
  makeProcess({
    code: `GEN-${String(i).padStart(4, '0')}`,
    name: `${WORDS[i % WORDS.length]}流程${i}`,
    category: i % 3 ? '人事' : 'Finance',
    tags: [WORDS[(i * 7) % WORDS.length]!],
    steps: Array.from({ length: 3 + (i % 5) }, (_, k) => ({ role: k % 2 ? '员工' : '部门负责人', text: `${WORDS[(i + k) % WORDS.length]} 第${k}步 ${i * 31 + k}` })),
    body: `说明 ${WORDS[(i * 3) % WORDS.length]} ${i}`,
  }),
);

interface Built {
  readonly processes: readonly Process[];
  readonly keys: readonly string[];
  readonly files: Map<string, string>;
  readonly last: LastIndex;
  readonly terms: Map<string, ProcessTerms>;
}

const byCode = (a: Process, b: Process) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** The index made whole, with what the cache would keep; a process's key names its version. */
function buildWhole(processes: readonly Process[], versions: ReadonlyMap<string, number>): Built {
  const sorted = [...processes].sort(byCode);
  const keys = sorted.map((p) => `${p.code}@${versions.get(p.code) ?? 0}`);
  const terms = new Map(sorted.map((p, i) => [keys[i]!, processTerms(p)] as const));
  const made = searchIndexFiles(sorted, { ...options, terms: (p) => terms.get(keys[sorted.indexOf(p)]!) });
  return { processes: sorted, keys, files: filesMap(made.files), last: { codes: sorted.map((p) => p.code), keys, ...made.layout }, terms };
}

const filesMap = (files: readonly OutputFile[]) => new Map(files.map((f) => [f.path, f.content as string]));

/** The last build's files patched for `now`, as a whole set of files; undefined when the patch gave up. */
function patched(before: Built, now: Built): Map<string, string> | undefined {
  const rows = now.processes.map((p) => indexedProcess(p, '', href));
  const terms = new Map([...before.terms, ...now.terms]);
  const r = patchIndex({
    processes: rows,
    keys: now.keys,
    last: before.last,
    termsOf: (k) => terms.get(k),
    docOf: (i) => ({ ...rows[i]!.doc, body: terms.get(now.keys[i]!)!.body }),
    oldText: (f) => before.files.get(f),
    oldKey: (f) => (before.files.has(f) ? contentKey(before.files.get(f)!) : undefined),
    options: { language: 'zh-CN' },
  });
  if (!r) return undefined;
  expect(r.last).toEqual(now.last);
  const out = filesMap(r.made);
  for (const k of r.kept) {
    expect(out.has(k)).toBe(false);
    out.set(k, before.files.get(k)!);
  }
  return out;
}

/** One process changed in one way. */
type Change = { kind: 'step'; word: string } | { kind: 'body'; word: string } | { kind: 'name'; word: string } | { kind: 'tags'; word: string } | { kind: 'empty' };

function change(p: Process, c: Change): Process {
  switch (c.kind) {
    case 'step':
      return { ...p, steps: p.steps.map((s, i) => (i === 0 ? { ...s, text: `${s.text} ${c.word}` } : s)) };
    case 'body':
      return { ...p, body: `${c.word} ${p.body}` };
    case 'name':
      return { ...p, name: `${c.word}${p.name}` };
    case 'tags':
      return { ...p, tags: p.tags.length > 0 ? [] : [c.word] };
    case 'empty':
      // Its own words gone: terms no other process has leave the index (and the vocabulary).
      return { ...p, name: '', tags: [], body: '', steps: p.steps.map((s) => ({ ...s, text: '', next: s.next.map((e) => ({ from: e.from, to: e.to })) })) };
  }
}

const word = fc.oneof(fc.constantFrom(...WORDS), fc.stringMatching(/^[a-z]{3,8}$/), fc.stringMatching(/^[0-9]{1,6}$/), fc.constantFrom('招聘', '培训', '转正'));
const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('step' as const), word }),
  fc.record({ kind: fc.constant('body' as const), word }),
  fc.record({ kind: fc.constant('name' as const), word }),
  fc.record({ kind: fc.constant('tags' as const), word }),
  fc.constant({ kind: 'empty' as const }),
);

describe('patchIndex', () => {
  for (const [name, base] of [
    ['the example handbook', example],
    ['160 generated processes', generated],
  ] as const) {
    it(`gives the whole index's bytes after random changes to a few processes (${name})`, () => {
      const before = buildWhole(base, new Map());
      let patchedRuns = 0;
      fc.assert(
        fc.property(fc.uniqueArray(fc.tuple(fc.nat({ max: base.length - 1 }), changeArb), { minLength: 1, maxLength: 3, selector: ([i]) => i }), (changes) => {
          const sorted = before.processes;
          const versions = new Map<string, number>();
          const now = sorted.map((p) => p);
          for (const [i, c] of changes) {
            now[i] = change(now[i]!, c);
            versions.set(now[i]!.code, 1);
          }
          const after = buildWhole(now, versions);
          const got = patched(before, after);
          if (got === undefined) return;
          patchedRuns++;
          expect([...got.keys()].sort()).toEqual([...after.files.keys()].sort());
          for (const [f, text] of after.files) expect(got.get(f), f).toBe(text);
        }),
        { numRuns: 120, seed: 7 },
      );
      // Few changed: it patched (a patch that always gave up would pass the loop above).
      expect(patchedRuns).toBeGreaterThan(100);
    });
  }

  it('gives up when the processes are not the same ones, or too many changed', () => {
    const before = buildWhole(generated, new Map());
    const fewer = buildWhole(generated.slice(1), new Map());
    expect(patched(before, fewer)).toBeUndefined();
    const most = new Map(generated.slice(0, 60).map((p) => [p.code, 1]));
    expect(patched(before, buildWhole(generated.map((p, i) => (i < 60 ? change(p, { kind: 'body', word: 'x' }) : p)), most))).toBeUndefined();
  });

  it('gives up when an old file it needs cannot be read', () => {
    const before = buildWhole(generated, new Map());
    const after = buildWhole(
      generated.map((p, i) => (i === 5 ? change(p, { kind: 'step', word: 'zzzq' }) : p)),
      new Map([[generated[5]!.code, 1]]),
    );
    expect(patched(before, after)).toBeDefined();
    const broken: Built = { ...before, files: new Map([...before.files].map(([f, t]) => [f, f.startsWith('search/terms-') ? t.slice(0, 10) : t])) };
    expect(patched(broken, after)).toBeUndefined();
  });
});
