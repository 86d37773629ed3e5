/**
 * Proof: huge inputs are built or refused with a clear limit message, never hang; a build killed
 * at any moment leaves the previous site usable and no garbage that breaks the next build.
 * Inputs are generated at test time (test/fixtures/huge holds none). Each case's time is printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildResult } from '../../src/build.js';
import { MAX_DOCUMENT_BYTES, MAX_ROLES, MAX_STEPS } from '../../src/limits.js';
import { BIN, REPO } from '../helpers/cli.js';
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

/** Run `flowbook build` as a child process; resolves with its exit code and signal. */
function spawnBuild(root: string, out: string, killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'build', root, '--out', out, '--today', TODAY], { cwd: REPO, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

function snapshot(dir: string): Map<string, Buffer> {
  return new Map(listFiles(dir).map((f) => [f, readFileSync(path.join(dir, f))]));
}

describe('a build killed at any moment', () => {
  let tmp: string;
  let root: string;
  let site: string;
  let reference: Map<string, Buffer>;
  let fullMs = 0;

  beforeAll(async () => {
    tmp = tempDir('fb-proof-kill-');
    root = path.join(tmp, 'handbook');
    // 300 documents: the example handbook's 26, copied under new codes until there are 300.
    mkdirSync(path.join(root, 'processes'), { recursive: true });
    cpSync(path.join(REPO, 'flowbook.yml'), path.join(root, 'flowbook.yml'));
    const examples: string[] = [];
    (function walk(d: string) {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name.endsWith('.md')) examples.push(readFileSync(path.join(d, e.name), 'utf8'));
      }
    })(path.join(REPO, 'processes'));
    for (let i = 0; i < 300; i++) {
      const src = examples[i % examples.length]!;
      // Codes and refs get a per-copy suffix, so every copy is its own consistent handbook slice.
      const group = Math.floor(i / examples.length);
      const full = (group + 1) * examples.length <= 300;
      // The last, partial group keeps its own codes but points at group 0 for everything else.
      const copy = src
        .replace(/^code: (\S+)$/m, `code: $1-${group}`)
        .replace(/\b(HR-[A-Z]{2}-\d{3})\b(?!-)/g, `$1-${full ? group : 0}`);
      writeFileSync(path.join(root, 'processes', `p${String(i).padStart(3, '0')}.md`), copy);
    }
    site = path.join(tmp, 'site');
    const first = await spawnBuild(root, site);
    expect(first.code, first.stderr).toBe(0);
    // Kill delays are spread over a warm build (the first one also pays for cold caches).
    const t0 = performance.now();
    const second = await spawnBuild(root, site);
    fullMs = performance.now() - t0;
    expect(second.code, second.stderr).toBe(0);
    reference = snapshot(site);
    expect(reference.size).toBeGreaterThan(600);
  }, 180_000);
  afterAll(() => removeDir(tmp));

  it('leaves the previous site byte-identical, and the next build succeeds and cleans up', async () => {
    // Deterministic "random" delays spread over the whole build (a fixed LCG: same on every run).
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const kills: string[] = [];
    for (let i = 0; i < 6; i++) {
      const delay = Math.round(50 + next() * Math.max(fullMs - 50, 450));
      const r = await spawnBuild(root, site, delay);
      kills.push(`${delay}ms:${r.signal ?? `exit ${r.code}`}`);
      // Killed or finished: either way the site is whole and the same as the reference build.
      const now = snapshot(site);
      expect([...now.keys()], `after kill at ${delay} ms`).toEqual([...reference.keys()]);
      for (const [f, b] of reference) expect(now.get(f)!.equals(b), `${f} after kill at ${delay} ms`).toBe(true);
    }
    timings.push(`kill-test full build ${Math.round(fullMs)} ms; kills ${kills.join(', ')}`);
    expect(kills.filter((k) => k.includes('SIGKILL')).length).toBeGreaterThanOrEqual(3);
    // The next build succeeds and removes what the killed ones left.
    const after = await spawnBuild(root, site);
    expect(after.code, after.stderr).toBe(0);
    expect(readdirSync(tmp).sort()).toEqual(['handbook', 'site']);
    const final = snapshot(site);
    expect([...final.keys()]).toEqual([...reference.keys()]);
    for (const [f, b] of reference) expect(final.get(f)!.equals(b), f).toBe(true);
    console.info(`[proof/robustness] ${timings.at(-1)}`);
  }, 240_000);

  it('a killed build leaves no temp folder that blocks or pollutes the next one, even in the handbook', async () => {
    await spawnBuild(root, site, Math.round(fullMs / 2));
    const left = readdirSync(tmp).filter((n) => n.includes('.tmp-') || n.includes('.old-'));
    // Whatever is left is removed by the next build (its pid is dead).
    const r = await spawnBuild(root, site);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(tmp).filter((n) => n.includes('.tmp-') || n.includes('.old-'))).toEqual([]);
    expect(existsSync(path.join(site, 'index.html'))).toBe(true);
    timings.push(`left by one kill: ${left.join(', ') || 'nothing'}`);
    rmSync(path.join(tmp, 'nothing'), { force: true });
  }, 120_000);
});
