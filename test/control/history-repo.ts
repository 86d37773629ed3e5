/** Git repositories for the history tests: a handbook committed version by version, with fixed dates. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function git(cwd: string, args: string[], date = '2025-01-01T09:00:00+08:00'): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: '张敏',
      GIT_AUTHOR_EMAIL: 'zm@example.com',
      GIT_COMMITTER_NAME: '张敏',
      GIT_COMMITTER_EMAIL: 'zm@example.com',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  });
}

export class Repo {
  constructor(readonly root: string) {
    mkdirSync(path.join(root, 'processes'), { recursive: true });
    git(root, ['init', '-q', '-b', 'main']);
  }
  write(rel: string, text: string): this {
    mkdirSync(path.dirname(path.join(this.root, rel)), { recursive: true });
    writeFileSync(path.join(this.root, rel), text);
    return this;
  }
  move(from: string, to: string): this {
    renameSync(path.join(this.root, from), path.join(this.root, to));
    return this;
  }
  commit(message: string, date: string): this {
    git(this.root, ['add', '-A', '.']);
    git(this.root, ['commit', '-q', '-m', message], date);
    return this;
  }
}

/** The leave process in a given version: step texts and branches vary with it. */
export function leave(o: { version: string; first: string; days: string; gm?: boolean; control?: string; body: string; revisions: string[]; code?: string }): string {
  return `---
name: 请假流程
code: ${o.code ?? 'HR-AT-003'}
version: ${o.version}
status: controlled
owner: 各用人部门
control: ${o.control ?? '人力资源总监'}
effective: 2025-07-01
roles: [请假人员, 部门负责人, ${o.gm ? '总经理, ' : ''}人力资源部]
steps:
  - role: 请假人员
    text: ${o.first}
  - role: 部门负责人
    type: decision
    text: 审批
    next: { 同意: ${o.gm ? 'gm' : 'record'}, 不同意: refused }
${
  o.gm
    ? `  - id: gm
    role: 总经理
    text: 总经理审批(${o.days}以上)
    next: record
`
    : ''
}  - id: refused
    role: 请假人员
    text: 不予准假,按时出勤
    end: true
  - id: record
    role: 人力资源部
    text: 考勤备案
signoff:
  prepared: { by: 陈静, date: 2024-01-02 }
  reviewed: { by: 李强, date: 2024-01-05 }
  approved: { by: 王军, date: 2024-01-08 }
revisions:
${o.revisions.map((r) => `  - ${r}`).join('\n')}
---
${o.body}`;
}
