/**
 * Generated handbooks for benchmarks and scale tests: realistic Chinese/English HR-style processes
 * with 8-30 steps, decisions, loops, links between processes and bodies of a few paragraphs.
 * Deterministic for a given size and seed.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROLES_ZH = ['员工', '部门负责人', '分管总监', '人力资源部', '人力资源总监', '总经理', '财务部', '行政部', '用人部门', '总经理办公会议', '工会', '董事会'];
const ROLES_EN = ['Employee', 'Line manager', 'Director', 'HR department', 'HR director', 'General manager', 'Finance', 'Facilities'];
const VERBS_ZH = ['提交', '审核', '审批', '核实', '登记', '汇总', '通知', '归档', '评估', '签发', '复核', '确认', '安排', '培训', '核算', '发放', '备案', '面试', '沟通', '交接'];
const OBJECTS_ZH = ['请假申请', '加班记录', '调动通知', '考勤表', '工资表', '绩效考核表', '劳动合同', '招聘启事', '职位说明书', '培训计划', '出差派遣单', '离职手续', '员工档案', '编制方案', '转正申请', '报销单据'];
const VERBS_EN = ['Submit', 'Review', 'Approve', 'Verify', 'Record', 'Notify', 'Archive', 'Assess', 'Sign', 'Schedule', 'Pay', 'File'];
const OBJECTS_EN = ['leave request', 'overtime record', 'transfer notice', 'timesheet', 'payroll', 'appraisal form', 'contract', 'job posting', 'refund claim', 'travel plan', 'exit checklist'];
const CATEGORIES = ['组织与编制', '招聘与配置', '员工关系', '考勤与休假', '绩效管理', '薪酬福利', 'Training', 'Finance'];
const DEPTS = ['人力资源部', '各用人部门', '财务部', '行政部', 'HR Operations'];
const SENTENCES = [
  '本流程适用于公司全体正式员工及试用期员工。',
  '各级负责人审批权限可以根据企业具体情况而定,上述仅为参考。',
  '相关表单须在规定时限内提交人力资源部备案,逾期按相关制度处理。',
  'This process applies to all permanent and probationary staff.',
  'Approval limits may be adjusted to the organisation; the figures above are for reference.',
  '如遇特殊情况,由人力资源总监协调处理,并报总经理知悉。',
  'Records are kept for at least three years after the employee leaves.',
];

export interface GeneratedDocument {
  file: string;
  text: string;
}

export function generateDocuments(count: number, seed = 42): GeneratedDocument[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const codeOf = (i: number) => `GEN-${String(i + 1).padStart(5, '0')}`;
  const docs: GeneratedDocument[] = [];
  for (let i = 0; i < count; i++) {
    const english = rnd() < 0.25;
    const pool = english ? ROLES_EN : ROLES_ZH;
    const roleCount = 2 + Math.floor(rnd() * 4);
    const roles = [...new Set(Array.from({ length: roleCount + 3 }, () => pick(pool)))].slice(0, roleCount);
    const stepCount = 8 + Math.floor(rnd() * 23);
    const lines: string[] = [];
    for (let s = 0; s < stepCount; s++) {
      const role = s < roles.length ? roles[s]! : pick(roles);
      lines.push(`  - id: s${s}`, `    role: ${role}`);
      const last = s === stepCount - 1;
      const r = rnd();
      if (!last && s > 0 && r < 0.15) {
        const yes = `s${s + 1}`;
        const no = `s${Math.max(0, s - 1 - Math.floor(rnd() * 3))}`;
        lines.push(`    type: decision`, `    text: ${english ? 'Approved?' : '是否同意'}`, `    next: { ${english ? 'yes' : '同意'}: ${yes}, ${english ? 'no' : '不同意'}: ${no} }`);
      } else if (r < 0.22 && count > 1) {
        let target = Math.floor(rnd() * count);
        if (target === i) target = (target + 1) % count;
        lines.push(`    type: process`, `    ref: ${codeOf(target)}`);
      } else {
        lines.push(`    text: ${english ? `${pick(VERBS_EN)} ${pick(OBJECTS_EN)}` : `${pick(VERBS_ZH)}${pick(OBJECTS_ZH)}`}`);
        if (rnd() < 0.2) lines.push(`    note: ${pick(SENTENCES)}`);
      }
    }
    const name = english ? `${pick(OBJECTS_EN).replace(/^./, (c) => c.toUpperCase())} process ${i + 1}` : `${pick(OBJECTS_ZH)}管理流程${i + 1}`;
    const body = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => Array.from({ length: 3 }, () => pick(SENTENCES)).join('')).join('\n\n');
    const text = `---
name: ${name}
code: ${codeOf(i)}
version: A/${Math.floor(rnd() * 3)}
status: controlled
owner: ${pick(DEPTS)}
control: 人力资源总监
category: ${pick(CATEGORIES)}
effective: 2025-0${1 + Math.floor(rnd() * 9)}-15
review: 2027-0${1 + Math.floor(rnd() * 9)}-01
roles: [${roles.join(', ')}]
steps:
${lines.join('\n')}
signoff:
  prepared: { by: 张敏, date: 2024-12-01 }
  reviewed: { by: 李强, date: 2024-12-10 }
  approved: { by: 王军, date: 2024-12-20 }
revisions:
  - { version: A/0, date: 2024-01-01, change: 首次发布 }
tags: [${english ? 'hr, policy' : '人事, 制度'}]
---

## 相关说明

${body}

| 项目 | 说明 |
| --- | --- |
| 适用范围 | 全体员工 |
| 责任部门 | ${pick(DEPTS)} |
`;
    docs.push({ file: `processes/${pick(CATEGORIES).replace(/\s/g, '-')}/${codeOf(i)}.md`, text });
  }
  return docs;
}

/**
 * Write a generated handbook (flowbook.yml + processes/) into `dir`, replacing what is there, or
 * keep it when it already holds exactly these documents (a stamp file records their hash).
 *
 * Kept rather than rewritten because deleting thousands of files skews what comes next on this
 * machine: its ext4 has no journal, and there the kernel skips inodes freed in the last 60-360 s
 * when it picks one for a new file, scanning past each of them (`recently_deleted`, seen with
 * `perf`): after a mass delete every file created costs ~0.5 ms of kernel time instead of ~0.03.
 * A build timed right after the bench had deleted and rewritten its handbook measured that, not
 * Flowbook.
 */
export async function writeGeneratedHandbook(dir: string, count: number, seed = 42): Promise<string> {
  const docs = generateDocuments(count, seed);
  const config = `title: 生成的流程手册 (${count})\norganisation: Bench Co.\nlanguage: zh-CN\n`;
  const hash = createHash('sha256').update(config);
  for (const d of docs) hash.update(`\0${d.file}\0${d.text}`);
  const stamp = path.join(dir, '.generated');
  const digest = hash.digest('hex');
  if ((await readFile(stamp, 'utf8').catch(() => '')) === digest) return dir;
  await rm(dir, { recursive: true, force: true });
  const folders = new Set(docs.map((d) => path.dirname(path.join(dir, d.file))));
  for (const f of folders) await mkdir(f, { recursive: true });
  await writeFile(path.join(dir, 'flowbook.yml'), config);
  await Promise.all(docs.map((d) => writeFile(path.join(dir, d.file), d.text)));
  await writeFile(stamp, digest);
  return dir;
}

/**
 * Where benchmarks put generated handbooks and sites: `.bench/` in the project (git-ignored), or
 * FLOWBOOK_BENCH_DIR. Not the system temp folder: a handbook lives on the user's disk, and test
 * runs keep deleting files in /tmp (see writeGeneratedHandbook on what that costs here).
 */
export function benchDir(name: string): string {
  const base = process.env.FLOWBOOK_BENCH_DIR ?? fileURLToPath(new URL('../.bench/', import.meta.url));
  return path.join(base, name);
}
