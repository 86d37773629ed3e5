import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import { fileTrails, parseBatch, parseLog, type CommitState, type LogCommit } from '../../src/control/history.js';
import { processFromText, quickVersion, versionsOf } from '../../src/control/history-versions.js';
import { doc } from '../helpers/handbook.js';

const RS = '\x1e';
const US = '\x1f';

describe('git log parsing', () => {
  it('reads commits with statuses, renames and odd subjects', () => {
    const text =
      `${RS}c2${US}2026-03-01T10:00:00+08:00${US}张敏${US}改 a${US}b\0\nM\0processes/b.md\0R087\0processes/a.md\0processes/c.md\0` +
      `${RS}c1${US}2025-07-01T09:00:00+08:00${US}Li${US}first\0\nA\0processes/a.md\0A\0processes/b.md\0`;
    expect(parseLog(text)).toEqual([
      {
        commit: 'c2',
        date: '2026-03-01',
        author: '张敏',
        subject: `改 a${US}b`,
        changes: [
          { status: 'M', file: 'processes/b.md' },
          { status: 'R', from: 'processes/a.md', file: 'processes/c.md' },
        ],
      },
      { commit: 'c1', date: '2025-07-01', author: 'Li', subject: 'first', changes: [{ status: 'A', file: 'processes/a.md' }, { status: 'A', file: 'processes/b.md' }] },
    ]);
    expect(parseLog('')).toEqual([]);
  });

  it('follows renames back, and stops at an add or a delete', () => {
    const c = (commit: string, changes: LogCommit['changes']): LogCommit => ({ commit, date: '2026-01-01', author: 'a', subject: commit, changes });
    const log = [
      c('c5', [{ status: 'M', file: 'processes/c.md' }]),
      c('c4', [{ status: 'R', from: 'processes/a.md', file: 'processes/c.md' }]),
      c('c3', [{ status: 'A', file: 'processes/d.md' }]),
      c('c2', [
        { status: 'M', file: 'processes/a.md' },
        { status: 'D', file: 'processes/d.md' },
      ]),
      c('c1', [
        { status: 'A', file: 'processes/a.md' },
        { status: 'A', file: 'processes/d.md' },
      ]),
    ];
    const trails = fileTrails(log, ['processes/c.md', 'processes/d.md', 'processes/new.md'], 60);
    expect(trails.get('processes/c.md')!.map((t) => [t.commit, t.file])).toEqual([
      ['c1', 'processes/a.md'],
      ['c2', 'processes/a.md'],
      ['c4', 'processes/c.md'],
      ['c5', 'processes/c.md'],
    ]);
    expect(trails.get('processes/d.md')!.map((t) => t.commit)).toEqual(['c3']);
    expect(trails.get('processes/new.md')).toEqual([]);
    expect(fileTrails(log, ['processes/c.md'], 2).get('processes/c.md')!.map((t) => t.commit)).toEqual(['c4', 'c5']);
  });

  it('reads cat-file --batch output by size, multibyte text and missing objects included', () => {
    const a = Buffer.from('---\nname: 请假\n---\n正文\n');
    const out = Buffer.concat([Buffer.from(`abc123 blob ${a.length}\n`), a, Buffer.from('\n'), Buffer.from('c9:processes/x.md missing\n'), Buffer.from('def456 blob 0\n\n')]);
    expect(parseBatch(out)).toEqual([a.toString('utf8'), undefined, '']);
  });
});

describe('versions from committed states', () => {
  const settings = defaultSettings();
  const state = (commit: string, date: string, text: string): CommitState => ({ commit, date, author: '张敏', subject: commit, file: 'processes/leave.md', text });
  const v = (version: string, text: string, extra = '') => doc({ extra: `version: ${version}\n${extra}`, steps: `  - role: 员工\n    text: ${text}\n  - role: 部门负责人\n    text: 审批\n` });

  it('starts a version where `version` changed and compares the last states of consecutive versions', () => {
    const states = [state('c1', '2024-01-01', v('A/0', '填写请假条')), state('c2', '2024-02-01', v('A/0', '填写请假单')), state('c3', '2025-01-01', v('A/1', '在线填写请假单')), state('c4', '2025-02-01', v('A/1', '在线填写'))];
    const current = processFromText('processes/leave.md', v('B/0', '在系统中填写'), settings, new Map())!.process;
    const versions = versionsOf(current, states, settings, new Map());
    expect(versions.map((x) => [x.version, x.commit ?? '', x.date ?? '', x.from?.steps[0]!.text ?? '', x.to.steps[0]!.text])).toEqual([
      ['B/0', '', '', '在线填写', '在系统中填写'],
      ['A/1', 'c3', '2025-01-01', '填写请假单', '在线填写'],
      ['A/0', 'c1', '2024-01-01', '', '填写请假单'],
    ]);
  });

  it('folds the working copy into the last committed version when the version did not change', () => {
    const states = [state('c1', '2024-01-01', v('A/0', '甲')), state('c2', '2025-01-01', v('A/1', '乙'))];
    const current = processFromText('processes/leave.md', v('A/1', '丙'), settings, new Map())!.process;
    const versions = versionsOf(current, states, settings, new Map());
    expect(versions.map((x) => [x.version, x.commit, x.to.steps[0]!.text])).toEqual([
      ['A/1', 'c2', '丙'],
      ['A/0', 'c1', '甲'],
    ]);
  });

  it('skips committed texts that are not documents, and keeps broken ones without a chart', () => {
    const broken = v('A/0', '甲').replace('role: 员工', 'role: 不存在的角色');
    const states = [state('c0', '2023-01-01', 'not a document'), state('c1', '2024-01-01', broken)];
    const current = processFromText('processes/leave.md', v('A/1', '乙'), settings, new Map())!.process;
    const versions = versionsOf(current, states, settings, new Map());
    expect(versions.map((x) => [x.version, x.commit ?? '', x.fromClean])).toEqual([
      ['A/1', '', false],
      ['A/0', 'c1', false],
    ]);
    expect(versions[1]!.toClean).toBe(false);
  });

  it('a `type: process` step without text gets the linked name, as in the current model', () => {
    const text = doc({ steps: '  - role: 员工\n    type: process\n    ref: HR-AT-001\n' });
    expect(processFromText('processes/x.md', text, settings, new Map([['HR-AT-001', '考勤管理流程']]))!.process.steps[0]!.text).toBe('考勤管理流程');
  });
});

describe('reading `version` without parsing', () => {
  const settings = defaultSettings();
  const written = ['A/1', "'A/1'", '"B/0"', 'A/1 # comment', "'it''s'", '2', '1.0', 'v-1', '', '~', 'null', '"a # b"', '[A]', '{ x: 1 }', '|\n  A/1', '&x A/1', '"esc\\"q"', '-1', 'A: B'];
  it.each(written)('agrees with the parser, or leaves it to the parser: version: %s', (v) => {
    const text = doc({ extra: `version: ${v}\n` });
    const quick = quickVersion(text);
    const parsed = processFromText('processes/x.md', text, settings, new Map());
    if (quick !== undefined && parsed) expect(quick).toBe(parsed.process.version ?? '');
  });
  it('knows the common forms and a missing version', () => {
    expect(quickVersion(doc({ extra: 'version: A/1\n' }))).toBe('A/1');
    expect(quickVersion(doc({ extra: "version: 'B/0' # x\n" }))).toBe('B/0');
    expect(quickVersion(doc())).toBe('');
    expect(quickVersion('no frontmatter')).toBeUndefined();
    // Only the top-level key: revision entries' versions do not count.
    expect(quickVersion(doc({ extra: 'revisions:\n  - version: A/0\n    change: x\nversion: A/1\n' }))).toBe('A/1');
  });
});
