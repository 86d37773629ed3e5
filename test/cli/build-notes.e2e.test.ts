/**
 * build's notes (things the author should know that are not problems of a document) are in the
 * handbook's language: here, why a handbook in a git repository has no changes pages when git is
 * missing. Through the real command, with a PATH where no git is found.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flowbook } from '../helpers/cli.js';
import { removeDir, tempDir } from '../helpers/browser.js';

const DOC = `---
name: 请假流程
code: HR-AT-001
status: uncontrolled
owner: 人力资源部
control: 人力资源部
roles: [员工, 人力资源部]
steps:
  - role: 员工
    text: 提交请假申请
  - role: 人力资源部
    text: 审核并存档
---
`;

describe("build's notes", () => {
  const tmp = tempDir('fb-build-notes-');
  afterAll(() => removeDir(tmp));

  it('say why there are no changes pages, in the handbook language (git missing in a repository)', () => {
    const root = path.join(tmp, 'handbook');
    mkdirSync(path.join(root, 'processes'), { recursive: true });
    mkdirSync(path.join(root, '.git'));
    writeFileSync(path.join(root, 'processes', 'a.md'), DOC);
    const args = ['build', root, '--out', path.join(tmp, 'site'), '--today', '2026-12-06', '--no-cache'];
    const zh = flowbook(args, { env: { PATH: tmp, FLOWBOOK_LANG: '' } });
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stderr).toContain('注意：未生成变更页：未安装 git（流程页面仍显示修订记录）。\n');
    const en = flowbook(args, { env: { PATH: tmp, FLOWBOOK_LANG: 'en' } });
    expect(en.stderr).toContain('note: No changes pages: git is not installed (process pages show their revision history).\n');
  });
});
