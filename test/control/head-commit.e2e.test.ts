/** HEAD's commit read from the repository's files equals what git says, in the layouts git uses. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { headCommit } from '../../src/control/history.js';
import { git, Repo } from './history-repo.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const fresh = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'fb-head-'));
  dirs.push(d);
  return d;
};

describe('headCommit', () => {
  it('reads a branch (loose and packed refs), a detached HEAD and a worktree as git does', () => {
    const root = fresh();
    const repo = new Repo(root).write('processes/a.md', 'a').commit('one', '2025-01-01T09:00:00+08:00');
    const head = () => git(root, ['rev-parse', 'HEAD']).trim();
    expect(headCommit(root)).toBe(head());
    // From a folder inside the repository.
    expect(headCommit(path.join(root, 'processes'))).toBe(head());
    repo.write('processes/a.md', 'b').commit('two', '2025-01-02T09:00:00+08:00');
    git(root, ['pack-refs', '--all']);
    expect(headCommit(root)).toBe(head());
    const first = git(root, ['rev-parse', 'HEAD~1']).trim();
    git(root, ['checkout', '-q', '--detach', first]);
    expect(headCommit(root)).toBe(first);
    git(root, ['checkout', '-q', 'main']);
    const wt = path.join(fresh(), 'wt');
    git(root, ['worktree', 'add', '-q', '-b', 'other', wt, first]);
    expect(headCommit(wt)).toBe(first);
  });

  it('says nothing for a shallow clone or replaced commits, whose history can change while HEAD does not', () => {
    const root = fresh();
    new Repo(root).write('processes/a.md', 'a').commit('one', '2025-01-01T09:00:00+08:00').write('processes/a.md', 'b').commit('two', '2025-01-02T09:00:00+08:00');
    expect(headCommit(root)).toBeDefined();
    const clone = path.join(fresh(), 'clone');
    git(root, ['clone', '-q', '--depth', '1', `file://${root}`, clone]);
    expect(headCommit(clone)).toBeUndefined();
    const [one, two] = [git(root, ['rev-parse', 'HEAD~1']).trim(), git(root, ['rev-parse', 'HEAD']).trim()];
    git(root, ['replace', two, one]);
    expect(headCommit(root)).toBeUndefined();
    // Packed: only packed-refs names it (git leaves the emptied folder; gone here).
    git(root, ['pack-refs', '--all']);
    rmSync(path.join(root, '.git', 'refs', 'replace'), { recursive: true, force: true });
    expect(headCommit(root)).toBeUndefined();
  });

  it('says nothing outside a repository, or for a branch with no commit yet', () => {
    expect(headCommit(fresh())).toBeUndefined();
    const root = fresh();
    new Repo(root);
    expect(headCommit(root)).toBeUndefined();
  });
});
