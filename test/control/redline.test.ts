import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import { processFromText } from '../../src/control/history-versions.js';
import { diffLines, diffProcess, diffText, foldedRedlineHtml, markChangedSteps, matchSteps, redlineHtml, similarity, tokens } from '../../src/control/redline.js';
import { summaryText } from '../../src/control/history-labels.js';
import { renderNativeSvg } from '../../src/diagram/native/index.js';
import { doc } from '../helpers/handbook.js';

const settings = defaultSettings();
const model = (text: string) => {
  const r = processFromText('processes/x.md', text, settings, new Map());
  if (!r) throw new Error('not a document');
  return r.process;
};
const apply = (segs: ReturnType<typeof diffText>, side: 'before' | 'after') => segs.filter((s) => s.op === 'eq' || s.op === (side === 'before' ? 'del' : 'ins')).map((s) => s.text).join('');

describe('text redline', () => {
  it('marks CJK characters and Latin words, and gives both texts back', () => {
    const segs = diffText('填写请假条 by hand', '在系统中填写请假申请 by system');
    expect(segs).toEqual([
      { op: 'ins', text: '在系统中' },
      { op: 'eq', text: '填写请假' },
      { op: 'del', text: '条' },
      { op: 'ins', text: '申请' },
      { op: 'eq', text: ' by ' },
      { op: 'del', text: 'hand' },
      { op: 'ins', text: 'system' },
    ]);
    expect(apply(segs, 'before')).toBe('填写请假条 by hand');
    expect(apply(segs, 'after')).toBe('在系统中填写请假申请 by system');
  });

  it('escapes everything it marks', () => {
    const html = redlineHtml(diffText('a <b>', 'a <script>alert("x")</script> & "q"'));
    expect(html).not.toMatch(/<script|<b>/);
    expect(html).toBe('a &lt;<del>b</del><ins>script</ins>&gt;<ins>alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;q&quot;</ins>');
  });

  it('works line by line on long bodies, quickly, and round-trips', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `第 ${i} 行：员工按制度办理手续，部门负责人审批。`);
    const a = lines.join('\n');
    const changedLines = [...lines];
    changedLines[10] = '第 10 行：员工在系统中办理手续，部门负责人审批。';
    changedLines.splice(2000, 1);
    changedLines.push('新增一行');
    const b = changedLines.join('\n');
    const t = performance.now();
    const segs = diffLines(a, b);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(apply(segs, 'before')).toBe(a);
    expect(apply(segs, 'after')).toBe(b);
    expect(segs.filter((s) => s.op === 'ins').map((s) => s.text)).toEqual(['在系统中', '\n新增一行']);
  });

  it('gives a whole replacement for texts with nothing in common (no runaway diff)', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 5000 }, (_, i) => `b${i}`).join(' ');
    const segs = diffText(a, b);
    expect(apply(segs, 'before')).toBe(a);
    expect(apply(segs, 'after')).toBe(b);
  });

  it('folds long unchanged stretches of a body', () => {
    const a = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n');
    const b = a.replace('line 20', 'line twenty');
    const html = foldedRedlineHtml(diffLines(a, b), (n) => `[${n} folded]`);
    expect(html).toContain('<del>20</del><ins>twenty</ins>');
    expect(html).toMatch(/\[\d+ folded\]/g);
    expect(html).not.toContain('line 5\n');
    expect(html).toContain('line 18');
  });

  it('tokenises odd Unicode without losing characters', () => {
    const s = 'a\u200bb 😀 é\u0301 𠀀\r\n\t中';
    expect(tokens(s).join('')).toBe(s);
  });
});

describe('step matching and the process diff', () => {
  const v1 = doc({
    roles: '[员工, 部门负责人, 人力资源部]',
    steps: `  - role: 员工
    text: 填写请假条
  - role: 部门负责人
    type: decision
    text: 审批
    next: { 同意: record, 不同意: reject }
  - id: reject
    role: 员工
    text: 撤回申请
    end: true
  - id: record
    role: 人力资源部
    text: 考勤备案
`,
    extra: 'version: A/1\n',
    body: '## 相关说明\n\n请假应事先办理。\n',
  });
  const v2 = doc({
    roles: '[员工, 部门负责人, 人力资源部, 总经理]',
    steps: `  - role: 员工
    text: 在系统中填写请假申请
  - role: 部门负责人
    type: decision
    text: 审批
    next: { 同意: gm, 不同意: reject }
  - id: gm
    role: 总经理
    text: 总经理审批
    next: record
  - id: reject
    role: 员工
    text: 撤回申请
    end: true
  - id: record
    role: 部门负责人
    text: 考勤备案
`,
    extra: 'version: B/0\n',
    name: '请假管理流程',
    body: '## 相关说明\n\n请假应事先在系统中办理。\n',
  });

  it('finds added, changed (text, lane, branches) and unchanged steps', () => {
    const d = diffProcess(model(v1), model(v2));
    const kinds = d.steps.map((s) => [s.kind, s.after?.text ?? s.before?.text]);
    expect(kinds).toEqual([
      ['changed', '在系统中填写请假申请'],
      ['changed', '审批'],
      ['added', '总经理审批'],
      ['same', '撤回申请'],
      ['changed', '考勤备案'],
    ]);
    expect(d.counts).toEqual({ added: 1, removed: 0, changed: 3 });
    const approve = d.steps[1]!;
    expect(approve.text).toBeUndefined();
    expect(approve.branches).toEqual([
      { op: 'del', text: '同意: → 4. 考勤备案' },
      { op: 'ins', text: '同意: → 3. 总经理审批' },
      { op: 'eq', text: '不同意: → 4. 撤回申请' },
    ]);
    expect(d.steps[4]!.role).toEqual({ before: '人力资源部', after: '部门负责人' });
    expect(d.rolesAdded).toEqual(['总经理']);
    expect(d.fields.map((f) => f.field)).toEqual(['name']);
    expect(redlineHtml(d.fields[0]!.redline)).toBe('请假<ins>管理</ins>流程');
    expect(d.bodyChanged).toBe(true);
    expect(redlineHtml(d.body)).toContain('请假应事先<ins>在系统中</ins>办理。');
    expect(summaryText(d, 'zh-CN')).toBe('新增 1 个步骤；修改 3 个步骤；新增角色：总经理；字段：流程名称；正文有修改');
    expect(summaryText(d, 'en')).toBe('1 step added; 3 steps changed; Role added: 总经理; Fields: process name; description changed');
  });

  it('lists removed steps where they stood', () => {
    const d = diffProcess(model(v2), model(v1));
    expect(d.steps.map((s) => s.kind)).toEqual(['changed', 'changed', 'removed', 'same', 'changed']);
    expect(d.steps[2]!.before!.text).toBe('总经理审批');
    expect(d.rolesRemoved).toEqual(['总经理']);
  });

  it('matches by id first, even when the text changed completely', () => {
    const a = model(doc({ steps: '  - id: x\n    role: 员工\n    text: 甲乙丙\n  - role: 部门负责人\n    text: 审批\n' }));
    const b = model(doc({ steps: '  - role: 部门负责人\n    text: 新的第一步\n  - id: x\n    role: 员工\n    text: 完全不同\n  - role: 部门负责人\n    text: 审批\n' }));
    const m = matchSteps(a.steps, b.steps);
    expect(m.get('s2')).toBe('s1');
    expect(m.get('s3')).toBe('s2');
    expect(m.has('s1')).toBe(false);
  });

  it('reports nothing for the same document', () => {
    const d = diffProcess(model(v1), model(v1));
    expect(d.steps.every((s) => s.kind === 'same')).toBe(true);
    expect(d.fields).toEqual([]);
    expect(d.bodyChanged).toBe(false);
    expect(summaryText(d, 'en')).toBe('no content change');
  });

  it('similarity is 1 for equal texts and low for unrelated ones', () => {
    expect(similarity('审批', '审批')).toBe(1);
    expect(similarity('填写请假条', '总经理审批')).toBeLessThan(0.2);
  });

  it('marks changed steps on the native chart without touching the geometry', () => {
    const p = model(v2);
    const svg = renderNativeSvg(p, { href: () => undefined });
    const marked = markChangedSteps(
      svg,
      new Map([
        ['s1', 'changed'],
        ['s3', 'added'],
      ]),
    );
    expect(marked).toContain('class="fb-node fb-action fb-start fb-change-changed" data-step="s1" data-change="changed"');
    expect(marked).toContain('fb-change-added" data-step="s3" data-change="added"');
    expect(marked.match(/data-change=/g)).toHaveLength(2);
    // Only the two groups' opening tags differ.
    const strip = (s: string) => s.replace(/ fb-change-\w+" data-step="(s\d+)" data-change="\w+"/g, '" data-step="$1"');
    expect(strip(marked)).toBe(svg);
  });
});
