import './dom.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadHandbook } from '../../../src/load.js';
import type { Process } from '../../../src/model/types.js';
import { escapeEach, mermaidText, safeUrl, shownText, toMermaidSource } from '../../../src/diagram/mermaid/source.js';
import { check, doc } from '../../helpers/handbook.js';
import { parseDiagram, type ParsedDiagram } from './dom.js';
import { HOSTILE_TEXTS, makeProcess, processWithText, randomText } from './processes.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const FUZZ_RUNS = Number(process.env.FLOWBOOK_FUZZ_RUNS ?? 150);
/**
 * Cases that go through Mermaid's parser (~30 ms each): 50 in `npm test`, where the hostile texts,
 * the example handbook and the hostile handbook above go through it too; FLOWBOOK_FUZZ_RUNS in
 * `npm run fuzz`.
 */
const PARSED_RUNS = process.env.FLOWBOOK_FUZZ_RUNS === undefined ? 50 : FUZZ_RUNS;
const href = (code: string) => `${code}.html`;

/** The example handbook's processes (being written alongside; whatever is there now). */
async function exampleProcesses(): Promise<readonly Process[]> {
  const result = await loadHandbook(REPO, { today: '2026-11-27' });
  if (!result.handbook) throw new Error(`example handbook has errors:\n${result.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n')}`);
  return result.handbook.processes;
}

/** Mermaid holds exactly the lanes, nodes, shapes, edges, links and starts of the process, with the text as written. */
function expectSameGraph(parsed: ParsedDiagram, process: Process, link: (code: string) => string | undefined = href): void {
  expect(parsed.type).toBe('swimlane');
  expect(parsed.accTitle).toBe(shownText(process.name, 'line'));
  expect(parsed.accDescr).toContain(process.code);
  expect(parsed.lanes.map((l) => l.title)).toEqual(process.roles.map((r) => shownText(r, 'label')));
  process.roles.forEach((_, lane) => {
    expect(new Set(parsed.lanes[lane]!.nodes)).toEqual(new Set(process.steps.filter((s) => s.lane === lane).map((s) => s.key)));
  });
  expect([...parsed.nodes.keys()].sort()).toEqual(process.steps.map((s) => s.key).sort());
  for (const step of process.steps) {
    const node = parsed.nodes.get(step.key)!;
    expect(node.text).toBe(shownText(step.text, 'label'));
    expect(node.shape).toBe({ action: 'square', decision: 'diamond', process: 'stadium' }[step.type]);
    expect(node.classes.includes('fbStart')).toBe(step.start);
    expect(node.link).toBe(step.type === 'process' && step.ref ? link(step.ref) : undefined);
  }
  const edges = process.steps.flatMap((s) => s.next.map((e) => ({ from: e.from, to: e.to, text: e.label === undefined ? '' : shownText(e.label, 'label') })));
  expect(parsed.edges).toEqual(edges);
}

describe('toMermaidSource', () => {
  it('writes lanes in role order, shapes by step type, labelled branches, links, starts and accessibility text', () => {
    const process = makeProcess({
      code: 'HR-ER-012',
      name: '员工工作调动流程',
      roles: ['员工', '部门', '人力资源部'],
      steps: [
        { role: '员工', text: '提出申请' },
        { role: '部门', text: '审批', type: 'decision', next: [['同意', 3], ['不同意', 4]] },
        { role: '人力资源部', text: '薪酬调整', type: 'process', ref: 'HR-CB-003' },
        { role: '员工', text: '维持现状', start: true, next: [] },
      ],
    });
    expect(toMermaidSource(process, { href })).toBe(
      [
        'swimlane-beta TB',
        '  accTitle: 员工工作调动流程',
        '  accDescr: HR-ER-012#58; swimlane diagram, 4 steps in 3 lanes (员工, 部门, 人力资源部)',
        '  subgraph lane1["员工"]',
        '    s1["提出申请"]',
        '    s4["维持现状"]',
        '  end',
        '  subgraph lane2["部门"]',
        '    s2{"审批"}',
        '  end',
        '  subgraph lane3["人力资源部"]',
        '    s3(["薪酬调整"])',
        '  end',
        '  s1 --> s2',
        '  s2 -->|"同意"| s3',
        '  s2 -->|"不同意"| s4',
        '  s3 --> s4',
        '  click s3 href "HR-CB-003.html"',
        '  classDef fbStart stroke-width:3px',
        '  class s1,s4 fbStart',
        '',
      ].join('\n'),
    );
  });

  it('writes no link for a process that is not published, and describes in Chinese when asked', () => {
    const process = makeProcess({ roles: ['甲'], steps: [{ role: '甲', text: '子流程', type: 'process', ref: 'HR-X-1' }] });
    const source = toMermaidSource(process, { href: () => undefined, language: 'zh-CN' });
    expect(source).not.toContain('click');
    expect(source).toContain('accDescr: T-001：泳道图,1 个步骤,1 个泳道(甲)');
  });

  it('draws an empty lane for a role without steps', async () => {
    const process = makeProcess({ roles: ['A', 'B', 'C'], steps: [{ role: 'A', text: 'one' }, { role: 'C', text: 'two' }] });
    const parsed = await parseDiagram(toMermaidSource(process, { href }));
    expect(parsed.lanes.map((l) => [l.title, l.nodes.length])).toEqual([['A', 1], ['B', 0], ['C', 1]]);
  });

  it('parses, with the same graph, for every process of the example handbook', async () => {
    const processes = await exampleProcesses();
    expect(processes.length).toBeGreaterThan(0);
    for (const process of processes) expectSameGraph(await parseDiagram(toMermaidSource(process, { href })), process);
  });

  it('parses a handbook read from documents with hostile text in every field', async () => {
    const texts = HOSTILE_TEXTS.filter((t) => !/[\u0000-\u0008\u000b-\u001f\ud800-\udfff\ufeff\u2028\u2029\r]/.test(t) && t.trim() !== '');
    // JSON strings are YAML double-quoted scalars: every text arrives in the model exactly.
    const q = (s: string) => JSON.stringify(s);
    const files: Record<string, string> = {};
    texts.forEach((text, i) => {
      files[`processes/p${i}.md`] = doc({
        code: `T-${100 + i}`,
        name: q(text),
        roles: `[${q(text)}, ${q(`${text} 2`)}]`,
        steps: [
          `  - { id: a, role: ${q(text)}, text: ${q(text)} }`,
          `  - { id: b, role: ${q(`${text} 2`)}, text: ${q(text)}, type: decision, next: { ${q(text)}: c, ${q(`no ${text}`)}: a } }`,
          `  - { id: c, role: ${q(text)}, type: process, ref: T-100 }`,
          '',
        ].join('\n'),
      });
    });
    const result = check(files);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const process of result.handbook!.processes) expectSameGraph(await parseDiagram(toMermaidSource(process, { href })), process);
  });

  it.each(HOSTILE_TEXTS.map((t) => [JSON.stringify(t), t]))('keeps %s as written in every text slot', async (_, text) => {
    const process = processWithText(text);
    expectSameGraph(await parseDiagram(toMermaidSource(process, { href })), process);
  });

  it('lets no document text out of quoted labels and the accTitle/accDescr lines', () => {
    // Every line is one of the forms below; only labels (quoted) and acc lines carry document text.
    const lineForms = [
      /^swimlane-beta TB$/,
      /^ {2}acc(Title|Descr): [^\n]*$/,
      /^ {2}subgraph lane[1-9][0-9]*\["[^"]*"\]$/,
      /^ {4}s[1-9][0-9]*(\["[^"]*"\]|\{"[^"]*"\}|\(\["[^"]*"\]\))$/,
      /^ {2}end$/,
      /^ {2}s[1-9][0-9]* --> s[1-9][0-9]*$/,
      /^ {2}s[1-9][0-9]* -->\|"[^"]*"\| s[1-9][0-9]*$/,
      /^ {2}click s[1-9][0-9]* href "[A-Za-z0-9\-._~/?&=+,!*'()@:$#%]*"$/,
      /^ {2}classDef fbStart stroke-width:3px$/,
      /^ {2}class s[1-9][0-9]*(,s[1-9][0-9]*)* fbStart$/,
    ];
    for (const text of HOSTILE_TEXTS) {
      const source = toMermaidSource(processWithText(text), { href: () => `p/${text}.html` });
      const lines = source.trimEnd().split('\n');
      for (const line of lines) expect(lineForms.some((form) => form.test(line)), line).toBe(true);
      // Nothing that starts a directive, a comment, an HTML tag, a markdown string or an entity of the author's.
      const texts = lines.map((l) => l.replace(/^ {2}acc(Title|Descr): /, ''));
      for (const t of texts) {
        expect(t).not.toMatch(/%%|<(?!br>)|"`|;(?<!#\d+;)/);
      }
    }
  });

  it('keeps random text as written (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(randomText, async (t) => {
        const process = processWithText(t);
        expectSameGraph(await parseDiagram(toMermaidSource(process, { href })), process);
      }),
      { numRuns: PARSED_RUNS },
    );
  }, Math.max(60_000, PARSED_RUNS * 300));
});

describe('mermaidText', () => {
  it('writes characters that mean something to Mermaid, HTML or XML as numeric entities', () => {
    expect(mermaidText('a"b#c;d%e<f>g`h&i:j', 'label')).toBe('a#34;b#35;c#59;d#37;e#60;f#62;g#96;h#38;i#58;j');
    expect(mermaidText('中文 ok, fine.', 'label')).toBe('中文 ok, fine.');
  });

  it('makes line breaks <br> in labels and spaces in acc lines', () => {
    expect(mermaidText('a\r\nb\nc\rd', 'label')).toBe('a<br>b<br>c<br>d');
    expect(mermaidText('a\nb', 'line')).toBe('a b');
  });

  it('keeps outer spaces, which Mermaid would trim, as entities', () => {
    expect(mermaidText('  a b ', 'label')).toBe('#32;#32;a b#32;');
  });

  it('replaces characters no XML document can hold with U+FFFD', () => {
    expect(mermaidText('a\u0000b\ud800c\ufffe', 'label')).toBe('a\ufffdb\ufffdc\ufffd');
    expect(shownText('a\u0000b\ud800c\ufffe', 'label')).toBe('a\ufffdb\ufffdc\ufffd');
    expect(mermaidText('\u{1F389}', 'label')).toBe('\u{1F389}');
  });
  it('takes its short cut (text kept as is) only where the character-by-character way keeps the text too (fast-check)', () => {
    const samples = [...HOSTILE_TEXTS, '请假申请', 'Submit leave request', ' 前后空格 ', '\u3000全角\u3000', 'a\u00a0b', '$$x$$', 'ﬂ°', '¶ß', 'a\ufeff', '\ud83d\ude00', '\ud83d', 'x\u0085y'];
    for (const t of samples) for (const mode of ['label', 'line'] as const) expect(mermaidText(t, mode), JSON.stringify(t)).toBe(escapeEach(t, mode));
    expect(mermaidText('请假申请 leave', 'label')).toBe('请假申请 leave');
    fc.assert(
      fc.property(fc.oneof(randomText, fc.string({ unit: 'binary', maxLength: 12 })), fc.constantFrom('label' as const, 'line' as const), (t, mode) => {
        expect(mermaidText(t, mode)).toBe(escapeEach(t, mode));
      }),
      { numRuns: FUZZ_RUNS * 20 },
    );
  });
});

describe('safeUrl', () => {
  it('keeps relative and http(s) URLs, and drops other schemes', () => {
    expect(safeUrl('../p/HR-1.html')).toBe('../p/HR-1.html');
    expect(safeUrl('https://example.com/a?b=1#c')).toBe('https://example.com/a?b=1#c');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('JavaScript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,x')).toBeUndefined();
    expect(safeUrl('')).toBeUndefined();
  });

  it('percent-encodes quotes, spaces, semicolons, stray percent signs and lone surrogates', () => {
    expect(safeUrl('p/a "b";c.html')).toBe('p/a%20%22b%22%3Bc.html');
    expect(safeUrl('p/100%%{init}.html')).toBe('p/100%25%25%7Binit%7D.html');
    expect(safeUrl('p/%41.html')).toBe('p/%41.html');
    expect(safeUrl('p/\ud800.html')).toBe('p/%EF%BF%BD.html');
  });
});
