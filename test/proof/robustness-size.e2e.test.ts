/**
 * Proof: huge inputs are built or refused with a clear limit message, never hang (a build killed
 * at any moment: robustness.e2e.test.ts). Inputs are generated at test time (test/fixtures/huge
 * holds none). Each case's time is printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildResult } from '../../src/build.js';
import { MAX_DOCUMENT_BYTES, MAX_ROLES, MAX_STEPS } from '../../src/limits.js';
import { listFiles, removeDir, tempDir, TODAY } from '../helpers/browser.js';

const timings: string[] = [];

/** A valid document with `steps` steps over `roles` roles (role names of `roleLength` characters). */
function bigDoc(o: { code: string; steps: number; roles: number; roleLength?: number; body?: string; text?: (i: number) => string }): string {
  const roles = Array.from({ length: o.roles }, (_, i) => {
    const base = `角色${i}-`;
    return (base + '部门负责人'.repeat(20)).slice(0, Math.max(o.roleLength ?? 6, base.length + 1));
  });
  const steps = Array.from({ length: o.steps }, (_, i) => `  - role: ${JSON.stringify(roles[i % roles.length])}\n    text: ${JSON.stringify(o.text ? o.text(i) : `第${i + 1}步 审核并提交`)}\n`).join('');
  return `---
name: 大流程 ${o.code}
code: ${o.code}
status: uncontrolled
owner: 人力资源部
control: 人力资源总监
roles: [${roles.map((r) => JSON.stringify(r)).join(', ')}]
steps:
${steps}---
${o.body ?? '## 说明\n'}`;
}

describe('huge documents: built or refused with a limit message, in bounded time', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = tempDir('fb-proof-huge-');
  });
  afterAll(() => {
    removeDir(tmp);
    console.info(`[proof/robustness] ${timings.join('; ')}`);
  });

  async function buildOne(name: string, files: Record<string, string | Buffer>): Promise<{ r: BuildResult; ms: number; site: string }> {
    const root = path.join(tmp, name);
    mkdirSync(path.join(root, 'processes'), { recursive: true });
    for (const [f, t] of Object.entries(files)) writeFileSync(path.join(root, 'processes', f), t);
    const site = path.join(tmp, `${name}-site`);
    const t0 = performance.now();
    const r = await build({ root, out: site, today: TODAY, cache: false, force: true });
    const ms = performance.now() - t0;
    timings.push(`${name} ${Math.round(ms)} ms`);
    return { r, ms, site };
  }
  const errors = (r: BuildResult) => r.diagnostics.filter((d) => d.severity === 'error');

  it(`${MAX_STEPS} steps (the limit) build; ${MAX_STEPS + 1} are refused with the limit`, async () => {
    const ok = await buildOne('steps-2000', { 'a.md': bigDoc({ code: 'BIG-1', steps: MAX_STEPS, roles: 8 }) });
    expect(errors(ok.r)).toEqual([]);
    expect(ok.r.ok).toBe(true);
    const html = readFileSync(path.join(ok.site, 'p/BIG-1.html'), 'utf8');
    expect(html).toContain(`id="step-${MAX_STEPS}"`);
    expect(html).toContain('<svg');
    // The print copies of a tall diagram must not repeat the whole figure per band (it made 240 MB).
    expect(html.length, 'page size').toBeLessThan(20_000_000);
    expect(ok.ms).toBeLessThan(60_000);
    const no = await buildOne('steps-2001', { 'a.md': bigDoc({ code: 'BIG-2', steps: MAX_STEPS + 1, roles: 8 }) });
    expect(no.r.ok).toBe(false);
    const e = errors(no.r);
    expect(e.map((d) => d.code)).toEqual(['too-large']);
    expect(e[0]!.message).toBe(`the process has ${MAX_STEPS + 1} steps; the limit is ${MAX_STEPS}`);
    expect(e[0]!.file).toBe('processes/a.md');
    expect(existsSync(no.site)).toBe(false);
  }, 120_000);

  it(`${MAX_ROLES} roles with 60-character names build; ${MAX_ROLES + 1} are refused`, async () => {
    const ok = await buildOne('roles-100', { 'a.md': bigDoc({ code: 'WIDE-1', steps: 150, roles: MAX_ROLES, roleLength: 60 }) });
    expect(errors(ok.r)).toEqual([]);
    expect(ok.r.ok).toBe(true);
    expect(listFiles(path.join(ok.site, 'role'))).toHaveLength(MAX_ROLES);
    const no = await buildOne('roles-101', { 'a.md': bigDoc({ code: 'WIDE-2', steps: 150, roles: MAX_ROLES + 1, roleLength: 60 }) });
    expect(errors(no.r).map((d) => d.message)).toContain(`the process has ${MAX_ROLES + 1} roles; the limit is ${MAX_ROLES}`);
  }, 120_000);

  it('a 3.9 MB body builds; a 5 MB file is refused with the size limit', async () => {
    const para = '本制度适用于公司全体员工，各部门应严格执行请假审批流程。'.repeat(20) + '\n\n';
    let body = '';
    while (Buffer.byteLength(body) < 3_900_000) body += para;
    const text = bigDoc({ code: 'LONG-1', steps: 3, roles: 2, body });
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_DOCUMENT_BYTES);
    const ok = await buildOne('body-3.9MB', { 'a.md': text });
    expect(errors(ok.r)).toEqual([]);
    expect(ok.r.ok).toBe(true);
    expect(readFileSync(path.join(ok.site, 'p/LONG-1.html')).byteLength).toBeGreaterThan(3_900_000);
    const huge = bigDoc({ code: 'HUGE-1', steps: 3, roles: 2, body: body + 'x'.repeat(5_300_000 - Buffer.byteLength(body)) });
    expect(Buffer.byteLength(huge)).toBeGreaterThan(5_000_000);
    const no = await buildOne('file-5MB', { 'a.md': huge, 'b.md': bigDoc({ code: 'OK-1', steps: 2, roles: 1 }) });
    expect(no.r.ok).toBe(false);
    const e = errors(no.r);
    expect(e.map((d) => [d.code, d.file])).toEqual([['too-large', 'processes/a.md']]);
    expect(e[0]!.message).toMatch(/^the document is 5\.\d MiB; the limit is 4 MiB$/);
    expect(e[0]!.hint).toMatch(/Split it/);
  }, 120_000);

  it('a 200,000-character single line (step text, name, body line) builds or is refused, quickly', async () => {
    const line = '流程'.repeat(100_000);
    const r1 = await buildOne('line-step', { 'a.md': bigDoc({ code: 'LINE-1', steps: 2, roles: 2, text: (i) => (i === 0 ? line : '结束') }) });
    const r2 = await buildOne('line-body', { 'a.md': bigDoc({ code: 'LINE-2', steps: 2, roles: 2, body: line + '\n' }) });
    const r3 = await buildOne('line-word', { 'a.md': bigDoc({ code: 'LINE-3', steps: 2, roles: 2, text: () => 'x'.repeat(200_000) }) });
    for (const x of [r1, r2, r3]) {
      // Either built, or refused with a message that names a limit.
      if (!x.r.ok) expect(errors(x.r).map((d) => d.message).join(' ')).toMatch(/limit/);
      expect(x.ms).toBeLessThan(60_000);
    }
    expect(r2.r.ok).toBe(true);
  }, 180_000);
});
