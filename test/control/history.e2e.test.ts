/**
 * What changed, from real git repositories the test makes (fixed dates): the redline of each
 * version, the marked chart, "what's new", byte-identical rebuilds, and builds without git.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { readGitHistory } from '../../src/control/history.js';
import { leave, Repo } from './history-repo.js';

const TODAY = '2026-06-01';
let tmp: string;
let root: string;

const SETTINGS = 'title: 人力资源流程手册\norganisation: 示例科技有限公司\nlanguage: zh-CN\n';
const rev = {
  a0: '{ version: A/0, date: 2024-01-10, change: 首次发布 }',
  a1: '{ version: A/1, date: 2025-03-01, change: 调整准假时限 }',
  b0: '{ version: B/0, date: 2026-02-01, change: "增加总经理审批 <b>重要</b>" }',
};
const body1 = '## 相关说明\n\n请假应事先办理。\n\n未经批准擅自离岗的,按旷工处理。\n';
const body2 = '## 相关说明\n\n请假应事先在系统中办理。\n\n未经批准擅自离岗的,按旷工处理。\n';
const body3 = body2 + '\n<script>alert("x")</script> 超过 5 天须总经理审批。\n';

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const f = path.join(d, n);
      if (statSync(f).isDirectory()) walk(f);
      else out.set(path.relative(dir, f), readFileSync(f));
    }
  };
  walk(dir);
  return out;
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'fb-history-'));
  root = path.join(tmp, 'handbook');
  const repo = new Repo(root);
  repo
    .write('flowbook.yml', SETTINGS)
    .write('processes/leave.md', leave({ version: 'A/0', first: '填写请假条', days: '5天', body: body1, revisions: [rev.a0] }))
    .write('processes/other.md', leave({ code: 'HR-AT-009', version: 'A/0', first: '填写', days: '5天', body: body1, revisions: [rev.a0] }))
    .commit('首次发布', '2024-01-10T09:00:00+08:00')
    // Same version, edited: folded into A/0.
    .write('processes/leave.md', leave({ version: 'A/0', first: '填写请假单', days: '5天', body: body1, revisions: [rev.a0] }))
    .commit('措辞', '2024-02-01T09:00:00+08:00')
    .write('processes/leave.md', leave({ version: 'A/1', first: '在系统中填写请假单', days: '5天', body: body2, revisions: [rev.a0, rev.a1] }))
    .commit('请假流程 A/1', '2025-03-01T09:00:00+08:00')
    // Renamed and changed in one commit: the history follows the file.
    .move('processes/leave.md', 'processes/attendance-leave.md')
    .write('processes/attendance-leave.md', leave({ version: 'B/0', first: '在系统中填写请假单', days: '5天', gm: true, control: '人力资源部', body: body3, revisions: [rev.a0, rev.a1, rev.b0] }))
    .commit('请假流程 B/0: 总经理审批', '2026-02-01T09:00:00+08:00');
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('changes from the git history', () => {
  let out: string;
  let page: string;
  beforeAll(async () => {
    out = path.join(tmp, 'site1');
    const r = await build({ root, out, today: TODAY, cache: false, threads: 0 });
    expect(r.ok).toBe(true);
    page = readFileSync(path.join(out, 'changes/HR-AT-003.html'), 'utf8');
  });

  it('links each process page to its changes page', () => {
    const p = readFileSync(path.join(out, 'p/HR-AT-003.html'), 'utf8');
    expect(p).toContain('<a href="../changes/HR-AT-003.html">变更对比</a>');
    expect(page).toContain('<a href="../p/HR-AT-003.html">');
  });

  it('lists one entry per version, newest first, with its commit, date and revision entry', () => {
    const headings = [...page.matchAll(/<h2 id="(v-\d)-h">([^<]*)(?:<time datetime="([^"]+)">)?/g)].map((m) => [m[1], m[2]!.trim(), m[3]]);
    expect(headings).toEqual([
      ['v-3', '版本 B/0 ·', '2026-02-01'],
      ['v-2', '版本 A/1 ·', '2025-03-01'],
      ['v-1', '版本 A/0 ·', '2024-01-10'],
    ]);
    expect(page).toContain('请假流程 B/0: 总经理审批');
    // The revision entry's markup is text, not markup.
    expect(page).toContain('增加总经理审批 &lt;b&gt;重要&lt;/b&gt;');
    expect(page).toContain('历史中最早的版本');
  });

  it('shows the redline of B/0 against A/1: fields, roles, steps, branches, body', () => {
    const b0 = page.slice(page.indexOf('id="v-3"'), page.indexOf('id="v-2"'));
    expect(b0).toContain('新增 1 个步骤；修改 1 个步骤；新增角色：总经理；字段：控制部门；正文有修改');
    expect(b0).toContain('<td class="fb-redline">人力资源<del>总监</del><ins>部</ins></td>');
    expect(b0).toContain('<ins>总经理</ins>');
    expect(b0).toMatch(/<tr class="fb-step-added">.*<ins>总经理审批\(5天以上\)<\/ins>/);
    expect(b0).toContain('<del>同意: → 4. 考勤备案</del><br><ins>同意: → 3. 总经理审批(5天以上)</ins>');
    expect(b0).toContain('<ins>\n&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 超过 5 天须总经理审批。\n</ins>');
    expect(b0).not.toContain('<script>alert');
    // The chart of B/0 marks the added and the changed step.
    expect(b0.match(/data-change="added"/g)).toHaveLength(1);
    expect(b0).toMatch(/fb-change-added" data-step="s3" data-change="added"/);
    expect(b0).toMatch(/fb-change-changed" data-step="s2" data-change="changed"/);
  });

  it('shows the redline of A/1 against the last state of A/0 (edits within a version folded)', () => {
    const a1 = page.slice(page.indexOf('id="v-2"'), page.indexOf('id="v-1"'));
    expect(a1).toContain('<ins>在系统中</ins>填写请假单');
    expect(a1).toContain('请假应事先<ins>在系统中</ins>办理。');
    expect(a1).toContain('修改 1 个步骤；正文有修改');
  });

  it("lists recent versions on the what's new page", () => {
    const html = readFileSync(path.join(out, 'whats-new.html'), 'utf8');
    const rows = [...html.matchAll(/<time datetime="([^"]+)">[^]*?<span class="fb-code">([^<]+)<\/span>[^]*?<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2], m[4], m[3]]);
    expect(rows).toEqual([
      ['2026-02-01', 'HR-AT-003', 'B/0', 'changes/HR-AT-003.html#v-3'],
      ['2025-03-01', 'HR-AT-003', 'A/1', 'changes/HR-AT-003.html#v-2'],
      ['2024-01-10', 'HR-AT-003', 'A/0', 'changes/HR-AT-003.html#v-1'],
      ['2024-01-10', 'HR-AT-009', 'A/0', 'changes/HR-AT-009.html#v-1'],
    ]);
  });

  it('builds byte-identical output from the same repository state', async () => {
    const again = path.join(tmp, 'site2');
    const r = await build({ root, out: again, today: TODAY, cache: false, threads: 0 });
    expect(r.ok).toBe(true);
    const a = files(out);
    const b = files(again);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [f, bytes] of a) expect(b.get(f)!.equals(bytes), f).toBe(true);
  });

  it('shows edits not yet committed as the newest state of the current version', async () => {
    const dirty = path.join(tmp, 'dirty');
    cpSync(root, dirty, { recursive: true });
    const text = readFileSync(path.join(dirty, 'processes/attendance-leave.md'), 'utf8');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dirty, 'processes/attendance-leave.md'), text.replace('version: B/0', 'version: B/1').replace('text: 考勤备案', 'text: 考勤系统备案'));
    const o = path.join(tmp, 'site-dirty');
    expect((await build({ root: dirty, out: o, today: TODAY, cache: false, threads: 0 })).ok).toBe(true);
    const html = readFileSync(path.join(o, 'changes/HR-AT-003.html'), 'utf8');
    expect(html).toMatch(/<h2 id="v-4-h">版本 B\/1 · 尚未提交<\/h2>/);
    expect(html).toContain('考勤<ins>系统</ins>备案');
  });
});

describe('without history', () => {
  it('builds without changes pages outside a repository; the page keeps its revision history', async () => {
    const plain = path.join(tmp, 'plain');
    cpSync(path.join(root, 'processes'), path.join(plain, 'processes'), { recursive: true });
    cpSync(path.join(root, 'flowbook.yml'), path.join(plain, 'flowbook.yml'));
    // os.tmpdir() could itself sit in a repository; a folder under / with GIT_CEILING_DIRECTORIES is sure not to.
    const before = process.env.GIT_CEILING_DIRECTORIES;
    process.env.GIT_CEILING_DIRECTORIES = tmp;
    try {
      const out = path.join(tmp, 'site-plain');
      const r = await build({ root: plain, out, today: TODAY, cache: false, threads: 0 });
      expect(r.ok).toBe(true);
      expect(r.notes).toEqual([]);
      expect(existsSync(path.join(out, 'changes'))).toBe(false);
      const p = readFileSync(path.join(out, 'p/HR-AT-003.html'), 'utf8');
      expect(p).not.toContain('changes/');
      expect(p).toContain('修订记录');
      // What's new lists the revision histories' entries instead.
      const html = readFileSync(path.join(out, 'whats-new.html'), 'utf8');
      expect(html).toContain('本手册不在 git 仓库中');
      expect(html.indexOf('2026-02-01')).toBeLessThan(html.indexOf('2025-03-01'));
    } finally {
      if (before === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
      else process.env.GIT_CEILING_DIRECTORIES = before;
    }
  });

  it('says why when git is missing, and never throws', async () => {
    const h = await readGitHistory(root, ['processes/attendance-leave.md'], { git: path.join(tmp, 'no-such-git') });
    expect(h).toEqual({ kind: 'none', reason: 'git is not installed' });
  });

  it('has no states for a file that was never committed', async () => {
    const h = await readGitHistory(root, ['processes/attendance-leave.md', 'processes/new.md']);
    expect(h.kind).toBe('git');
    if (h.kind !== 'git') return;
    expect(h.files.get('processes/new.md')).toEqual([]);
    expect(h.files.get('processes/attendance-leave.md')!.map((s) => [s.date, s.file])).toEqual([
      ['2024-01-10', 'processes/leave.md'],
      ['2024-02-01', 'processes/leave.md'],
      ['2025-03-01', 'processes/leave.md'],
      ['2026-02-01', 'processes/attendance-leave.md'],
    ]);
  });
});

describe('merges', () => {
  it('count a change merged from a branch at the merge commit, on the main line', async () => {
    const { git } = await import('./history-repo.js');
    const dir = path.join(tmp, 'merge');
    const repo = new Repo(dir);
    const text = (v: string, first: string) => leave({ version: v, first, days: '5天', body: body1, revisions: [rev.a0] });
    repo.write('flowbook.yml', SETTINGS).write('processes/leave.md', text('A/0', '填写')).commit('one', '2024-01-01T09:00:00+08:00');
    git(dir, ['checkout', '-q', '-b', 'topic']);
    repo.write('processes/leave.md', text('A/1', '在线填写')).commit('topic', '2024-02-01T09:00:00+08:00');
    git(dir, ['checkout', '-q', 'main']);
    repo.write('other.txt', 'x').commit('unrelated', '2024-03-01T09:00:00+08:00');
    git(dir, ['merge', '-q', '--no-ff', 'topic', '-m', 'merge topic'], '2024-04-01T09:00:00+08:00');
    const h = await readGitHistory(dir, ['processes/leave.md']);
    expect(h.kind === 'git' && h.files.get('processes/leave.md')!.map((s) => [s.date, s.subject])).toEqual([
      ['2024-01-01', 'one'],
      ['2024-04-01', 'merge topic'],
    ]);
  });
});
