/** Build in-memory handbooks for tests: no files, same code path as the CLI after reading. */
import { checkSources, type CheckResult } from '../../src/load.js';

export const TODAY = '2026-11-27';

/** A minimal valid controlled document; override fields with `extra` YAML lines or replace parts. */
export function doc(opts: { code?: string; name?: string; status?: string; roles?: string; steps?: string; extra?: string; signoff?: string | null; body?: string } = {}): string {
  const signoff =
    opts.signoff === null
      ? ''
      : (opts.signoff ??
        `signoff:
  prepared: { by: 张敏, date: 2024-05-20 }
  reviewed: { by: 李强, date: 2024-05-25 }
  approved: { by: 王军, date: 2024-05-28 }
`);
  return `---
name: ${opts.name ?? '请假流程'}
code: ${opts.code ?? 'HR-AT-003'}
status: ${opts.status ?? 'controlled'}
owner: 人力资源部
control: 人力资源总监
roles: ${opts.roles ?? '[员工, 部门负责人]'}
steps:
${
  opts.steps ??
  `  - role: 员工
    text: 填写请假条
  - role: 部门负责人
    text: 审批
`
}${signoff}${opts.extra ?? ''}---
${opts.body ?? '## 相关说明\n'}`;
}

export function check(files: Record<string, string>, options: { strict?: boolean; today?: string; settings?: string } = {}): CheckResult {
  return checkSources(
    {
      root: '/virtual',
      settingsText: options.settings,
      documents: Object.entries(files)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([file, text]) => ({ file, text })),
      diagnostics: [],
    },
    { today: options.today ?? TODAY, strict: options.strict },
  );
}

/** Line number (1-based) of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  throw new Error(`"${needle}" not found`);
}
