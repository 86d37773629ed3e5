/**
 * One cold site build, measured from inside (bench/site.ts runs it in a fresh process). It runs
 * the compiled dist/ (what `npx flowbook build` runs; `npm run bench` compiles first), so worker
 * threads start from JavaScript rather than through tsx.
 */
const dist = (m: string) => new URL(`../dist/${m}`, import.meta.url).href;
const { build } = (await import(dist('build.js'))) as typeof import('../src/build.js');
const { loadHandbook } = (await import(dist('load.js'))) as typeof import('../src/load.js');
const { markdownToHtml } = (await import(dist('view/markdown.js'))) as typeof import('../src/view/markdown.js');

const [root, out] = process.argv.slice(2) as [string, string];
let peak = process.memoryUsage.rss();
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
const threads = process.env.FLOWBOOK_BENCH_THREADS === undefined ? undefined : Number(process.env.FLOWBOOK_BENCH_THREADS);
const c0 = process.cpuUsage();
const t = performance.now();
const r = await build({ root, out, today: '2026-01-15', cache: false, force: true, ...(threads !== undefined && { threads }) });
const ms = performance.now() - t;
const cu = process.cpuUsage(c0);
const cpuMs = (cu.user + cu.system) / 1000;
peak = Math.max(peak, process.memoryUsage.rss());
clearInterval(timer);
if (!r.ok) throw new Error('bench handbook has errors');
// The floor: the same bodies through the unified pipeline alone, in this (warm) process, one thread.
const loaded = await loadHandbook(root, { today: '2026-01-15' });
const bodies = loaded.handbook!.processes.filter((p) => p.status !== 'draft').map((p) => p.body);
const f0 = performance.now();
for (const b of bodies) markdownToHtml(b, 'zh-CN');
const floorMs = performance.now() - f0;
const stages: Record<string, number> = {};
for (const s of r.stages) stages[s.name] = s.ms;
const workers = r.stages.find((s) => s.threads !== undefined)?.threads ?? 1;
console.log(JSON.stringify({ ms, cpuMs, threads: workers, pages: r.pages, rss: peak, stages, floorMs }));
