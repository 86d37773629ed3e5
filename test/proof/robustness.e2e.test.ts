/**
 * Proof: a `flowbook build` killed at any moment (SIGKILL, spread delays) leaves the previous site
 * byte-identical, and no garbage that blocks or pollutes the next build (which succeeds and cleans
 * up). Huge inputs, built in process: robustness-size.e2e.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, REPO } from '../helpers/cli.js';
import { listFiles, removeDir, tempDir, TODAY } from '../helpers/browser.js';

const timings: string[] = [];

/** Run `flowbook build` as a child process; resolves with its exit code and signal. */
function spawnBuild(root: string, out: string, killAfterMs?: number, extra: string[] = []): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'build', root, '--out', out, '--today', TODAY, ...extra], { cwd: REPO, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
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
    // Kill delays are spread over a whole build. With the cache a build of an unchanged handbook
    // writes almost nothing and ends in a few hundred ms, so every killed build renders and writes
    // every page: half run with --no-cache, half with the cache removed first (so a kill may land
    // while the cache is written, and the build after it must cope with what is left).
    const t0 = performance.now();
    const second = await spawnBuild(root, site, undefined, ['--no-cache']);
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
    // A round whose build ended before its kill proves less; its duration then becomes the span the
    // later delays are spread over (the machine's speed varies, e.g. under a full test run's load),
    // so six kills land within a few extra rounds.
    let spanMs = fullMs;
    let landed = 0;
    for (let i = 0; landed < 6 && i < 14; i++) {
      const delay = Math.round(50 + next() * Math.max(spanMs * 0.9 - 50, 400));
      if (i % 2 === 1) rmSync(path.join(root, '.flowbook-cache'), { recursive: true, force: true });
      const t0 = performance.now();
      const r = await spawnBuild(root, site, delay, i % 2 === 0 ? ['--no-cache'] : []);
      if (r.signal === 'SIGKILL') landed++;
      else spanMs = Math.min(spanMs, performance.now() - t0);
      kills.push(`${delay}ms:${r.signal ?? `exit ${r.code}`}`);
      // Killed or finished: either way the site is whole and the same as the reference build.
      const now = snapshot(site);
      expect([...now.keys()], `after kill at ${delay} ms`).toEqual([...reference.keys()]);
      for (const [f, b] of reference) expect(now.get(f)!.equals(b), `${f} after kill at ${delay} ms`).toBe(true);
    }
    timings.push(`kill-test full build ${Math.round(fullMs)} ms; kills ${kills.join(', ')}`);
    expect(landed, kills.join(', ')).toBe(6);
    // The next build succeeds and removes what the killed ones left.
    const after = await spawnBuild(root, site);
    expect(after.code, after.stderr).toBe(0);
    expect(readdirSync(tmp).sort()).toEqual(['handbook', 'site']);
    const final = snapshot(site);
    expect([...final.keys()]).toEqual([...reference.keys()]);
    for (const [f, b] of reference) expect(final.get(f)!.equals(b), f).toBe(true);
    console.info(`[proof/robustness] ${timings.at(-1)}`);
  }, 240_000);

  it('a rebuild after one edit (the site patched in place) killed at any moment: the next build finishes it, as a build without the cache would make it', async () => {
    const doc = path.join(root, 'processes', 'p007.md');
    const original = readFileSync(doc, 'utf8');
    try {
      // Timed on the second edit: the first after a cold build does more (e.g. the search index
      // made whole), and kills timed by it would land after the later, faster rebuilds ended.
      writeFileSync(doc, original.replace(/(\n\s*text: )/, '$1改改 '));
      expect((await spawnBuild(root, site)).code).toBe(0);
      writeFileSync(doc, original.replace(/(\n\s*text: )/, '$1改 '));
      const t0 = performance.now();
      const edited = await spawnBuild(root, site);
      let editMs = performance.now() - t0;
      expect(edited.code, edited.stderr).toBe(0);
      const cold = path.join(tmp, 'cold');
      expect((await spawnBuild(root, cold, undefined, ['--no-cache'])).code).toBe(0);
      const expected = snapshot(cold);
      removeDir(cold);
      const kills: string[] = [];
      let landed = 0;
      // Delays spread over the rebuild; one that ended before its kill re-times the later rounds by
      // its own duration (the machine's speed varies under load), so six kills land.
      for (let i = 0; landed < 6 && i < 12; i++) {
        // Each round edits the document again (a text of its own, then back), so every build patches.
        writeFileSync(doc, original.replace(/(\n\s*text: )/, `$1改${i}改 `));
        const delay = Math.round(40 + (((i % 6) + 0.5) / 6) * (editMs - 40));
        const t1 = performance.now();
        const r = await spawnBuild(root, site, delay);
        if (r.signal === 'SIGKILL') landed++;
        else editMs = Math.min(editMs, performance.now() - t1);
        kills.push(`${delay}ms:${r.signal ?? `exit ${r.code}`}`);
        writeFileSync(doc, original.replace(/(\n\s*text: )/, '$1改 '));
        const next = await spawnBuild(root, site);
        expect(next.code, next.stderr).toBe(0);
        const now = snapshot(site);
        expect([...now.keys()], `after kill at ${delay} ms`).toEqual([...expected.keys()]);
        for (const [f, b] of expected) expect(now.get(f)!.equals(b), `${f} after kill at ${delay} ms`).toBe(true);
        expect(readdirSync(tmp).sort()).toEqual(['handbook', 'site']);
      }
      timings.push(`one-edit rebuild ${Math.round(editMs)} ms; kills ${kills.join(', ')}`);
      console.info(`[proof/robustness] ${timings.at(-1)}`);
      // Six kills landed while a rebuild ran (else this would test nothing).
      expect(landed, kills.join(', ')).toBe(6);
    } finally {
      writeFileSync(doc, original);
      expect((await spawnBuild(root, site)).code).toBe(0);
    }
  }, 240_000);

  it('a killed build leaves no temp folder that blocks or pollutes the next one, even in the handbook', async () => {
    await spawnBuild(root, site, Math.round(fullMs / 2), ['--no-cache']);
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
