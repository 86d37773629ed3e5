/**
 * Property: the fingerprint depends on the content and not on how its YAML is written. Random
 * documents (odd Unicode, YAML-significant characters, text that looks like numbers, dates or
 * booleans) are written in several styles (indentation, flow or block, quoting, key order, CRLF,
 * trailing blank lines): every style has the same fingerprint, and a change to any one text
 * changes it. Then approving a random document and reading it back verifies.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { contentFingerprint } from '../../src/control/fingerprint.js';
import { approveText } from '../../src/control/approve.js';
import { parseProcessDocument } from '../../src/parse/document.js';
import { checkDocument } from '../../src/validate/document.js';
import { approvalState } from '../../src/control/fingerprint.js';
import { FUZZ_RUNS } from '../helpers/fuzz.js';

const RUNS = Math.max(20, Math.floor(FUZZ_RUNS / 4));

/** Text a writer might type: CJK, emoji, RTL, quotes, YAML indicators, number- and date-like. */
const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 20, unit: fc.constantFrom(...'请假流程审批人力资源部🙂שלום"\'#:{}[],&*!|>%@`- \\/é'.split('')) }).filter((s) => s.trim() !== ''),
  fc.constantFrom('2.0', '1.10', '007', '1e3', '2024-05-20', 'yes', 'no', 'on', 'null text', '~x', 'A/1', '- x', ': y', '#tag'),
);

const doc = fc.record({
  name: text,
  roles: fc.uniqueArray(text, { minLength: 1, maxLength: 4 }),
  texts: fc.array(text, { minLength: 1, maxLength: 6 }),
  note: fc.option(text, { nil: undefined }),
  tags: fc.array(text, { maxLength: 3 }),
  body: fc.string({ maxLength: 60 }),
});

type Doc = typeof doc extends fc.Arbitrary<infer T> ? T : never;

function data(d: Doc) {
  return {
    name: d.name,
    code: 'HR-AT-003',
    version: 'A/1',
    status: 'draft',
    owner: '人力资源部',
    control: '人力资源总监',
    roles: d.roles,
    steps: d.texts.map((t, i) => ({ role: d.roles[i % d.roles.length], text: t, ...(d.note !== undefined && i === 0 && { note: d.note }) })),
    ...(d.tags.length > 0 && { tags: d.tags }),
    signoff: { prepared: { by: '张敏', date: '2024-05-20' } },
    revisions: [{ version: 'A/1', date: '2024-06-01', change: '首次发布' }],
  };
}

/** One document written in one of several styles. */
function write(d: Doc, style: number): string {
  const body = d.body.replace(/\r/g, '');
  const options = [
    {},
    { indent: 4, indentSeq: false },
    { collectionStyle: 'flow' as const },
    { defaultStringType: 'QUOTE_DOUBLE' as const, defaultKeyType: 'PLAIN' as const },
    { defaultStringType: 'QUOTE_SINGLE' as const, sortMapEntries: (a: { key: unknown }, b: { key: unknown }) => (String(a.key) < String(b.key) ? 1 : -1) },
  ][style % 5]!;
  const yaml = stringify(data(d), { lineWidth: 0, ...options });
  const text = `---\n${yaml}---\n${style % 2 ? '\n\n' : ''}${body}${style % 3 === 0 ? '\n\n\n' : ''}`;
  return style >= 5 ? text.replace(/\n/g, '\r\n') : text;
}

const fingerprint = (text: string) => {
  const p = parseProcessDocument('processes/x.md', text);
  if (!p.data) throw new Error(`not read: ${JSON.stringify(p.diagnostics)}\n${text}`);
  return contentFingerprint(p.data, p.body);
};

describe('the fingerprint (property)', () => {
  it('is the same in every YAML style, and changes with any one text', () => {
    fc.assert(
      fc.property(doc, fc.nat(), (d, pick) => {
        const base = fingerprint(write(d, 0));
        for (let style = 1; style < 10; style++) expect(fingerprint(write(d, style))).toBe(base);
        // Change one text of the content: the fingerprint changes.
        const texts = [...d.texts];
        const i = pick % texts.length;
        texts[i] = texts[i] + '改';
        expect(fingerprint(write({ ...d, texts }, pick % 10))).not.toBe(base);
      }),
      { numRuns: RUNS },
    );
  });

  it('approving a random document writes an entry that reads back as verified', () => {
    fc.assert(
      fc.property(doc, text, fc.nat(), (d, by, style) => {
        const src = { file: 'processes/x.md', text: write(d, style % 10) };
        const a = approveText(src, { code: 'HR-AT-003', by, as: 'approved', date: '2026-12-01' });
        const back = checkDocument(parseProcessDocument(src.file, a.text));
        expect(back.doc?.signoff?.approved).toMatchObject({ by, date: '2026-12-01', sha256: a.sha256 });
        expect(approvalState({ signoff: back.doc!.signoff!, contentSha256: back.doc!.contentSha256! })).toBe('verified');
        expect(fingerprint(a.text)).toBe(fingerprint(src.text));
      }),
      { numRuns: RUNS },
    );
  });
});
