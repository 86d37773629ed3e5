/** Handbooks for print tests: a long process (several printed pages), a wide one, draft and obsolete ones. */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { check, doc } from '../helpers/handbook.js';

export const TODAY = '2026-11-27';

export function longSteps(n: number, roles: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`  - role: ${roles[i % roles.length]}\n    text: 第${i + 1}步 处理申请材料并登记\n    note: 说明文字 ${i + 1},核对后签字确认并转交下一环节办理。`);
  return out.join('\n') + '\n';
}

export const FILES: Record<string, string> = {
  'processes/long.md': doc({ code: 'HR-LONG-001', name: '长流程示例', roles: '[员工, 部门负责人, 人力资源部]', steps: longSteps(40, ['员工', '部门负责人', '人力资源部']), extra: 'version: A/2\nrevisions:\n  - { version: A/0, date: 2024-01-05, change: 首次发布 }\n  - { version: A/2, date: 2025-03-01, change: 增加步骤 }\n' }),
  'processes/wide.md': doc({
    code: 'HR-WIDE-001',
    name: '宽流程示例',
    roles: '[员工, 部门负责人, 分管副总, 总经理, 人力资源部, 财务部, 行政部]',
    steps: ['员工', '部门负责人', '分管副总', '总经理', '人力资源部', '财务部', '行政部'].map((r, i) => `  - role: ${r}\n    text: 宽步骤${i + 1}`).join('\n') + '\n',
    extra: 'version: B/0\nrevisions:\n  - { version: B/0, date: 2025-06-01, change: 重新发布 }\n',
  }),
  'processes/short.md': doc({ code: 'HR-AT-003', extra: 'version: A/0\nrevisions:\n  - { version: A/0, date: 2024-06-01, change: 首次发布 }\n' }),
  'processes/draft.md': doc({ code: 'HR-DR-001', name: '草稿流程', status: 'draft', signoff: null, extra: 'version: A/0\n' }),
  'processes/old.md': doc({ code: 'HR-OB-001', name: '作废流程', status: 'obsolete', extra: 'version: A/0\n' }),
};

export const SETTINGS = 'title: 人力资源管理流程手册\norganisation: 示例科技有限公司\nlanguage: zh-CN\n';

export function testHandbook() {
  const r = check(FILES, { settings: SETTINGS, today: TODAY });
  if (!r.handbook) throw new Error('test handbook has errors: ' + r.diagnostics.map((d) => d.message).join('; '));
  return r.handbook;
}

/** The same handbook on disk, for the CLI. */
export async function writeHandbook(extraSettings = ''): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'fb-print-'));
  await writeFile(path.join(root, 'flowbook.yml'), SETTINGS + extraSettings);
  for (const [f, text] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(root, f)), { recursive: true });
    await writeFile(path.join(root, f), text);
  }
  return root;
}

/**
 * Makes fresh copies of this handbook whose flowbook.yml names a browser that is not there (so no
 * PDF is made); each copy is removed after the calling test file's tests.
 */
export function browserlessHandbooks(): () => Promise<string> {
  const made: string[] = [];
  afterAll(async () => {
    for (const d of made) await rm(d, { recursive: true, force: true });
  });
  return async () => {
    const root = await writeHandbook('browser: /nonexistent/chrome\n');
    made.push(root);
    return root;
  };
}

/** pdftotext -layout, page by page (form feeds split pages). */
export function pdfPages(file: string): string[] {
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const pages = r.stdout.split('\f');
  if (pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}

export function pdfPageSizes(file: string): Array<[number, number]> {
  const r = spawnSync('pdfinfo', ['-f', '1', '-l', '999', file], { encoding: 'utf8' });
  return [...r.stdout.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** pdftotext and pdfinfo are installed (looked up on PATH: importing this file starts no process). */
export { hasPoppler } from '../helpers/tools.js';

/** Text without the spaces pdftotext puts between CJK glyphs. */
export const squash = (s: string) => s.replace(/\s+/g, '');
