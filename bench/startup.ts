/**
 * Start-up: wall time of `flowbook --version`, `--help` and `check` of the example handbook, each a
 * fresh `node bin/flowbook.js` process (what a user waits for), median of N runs after one warm-up
 * (the file cache). Next to them, `node -e 0`: what Node itself takes on this machine, a floor no
 * change to Flowbook lowers. Targets: 0.15 s for --version and --help, 0.5 s for check. With GNU
 * time installed, the child's CPU time (user + system) too: on a loaded machine the wall time
 * mostly measures the wait for a core, the CPU time what Flowbook costs.
 * Where the time goes: bin/flowbook.js is CommonJS and answers --version before Node's ES module
 * loader starts; anything else loads dist/cli/flowbook.js, one file bundled by scripts/bundle.mjs
 * (main.ts, every command's registration and commander), and a command's own code only when it runs.
 * `npx tsx bench/startup.ts [runs]` runs it alone (needs `npm run build:ts` first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'flowbook.js');

/** GNU time, where installed: the child's CPU time (user + system), which other work on a busy machine disturbs far less than wall time. */
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function time(args: readonly string[]): { wall: number; cpu?: number } {
  const env = { ...process.env, NO_COLOR: '1' };
  const t = performance.now();
  const r = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', '@@%U %S', process.execPath, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore', env });
  const wall = performance.now() - t;
  if (r.error) throw r.error;
  const m = GNU_TIME ? /@@([\d.]+) ([\d.]+)\s*$/.exec(String(r.stderr)) : null;
  return m ? { wall, cpu: (Number(m[1]) + Number(m[2])) * 1000 } : { wall };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function benchStartup(runs = 15): Promise<Array<Record<string, string | number>>> {
  const cases: Array<[string, string[], number | undefined]> = [
    ['node -e 0 (floor)', ['-e', '0'], undefined],
    ['flowbook --version', [BIN, '--version'], 150],
    ['flowbook --help', [BIN, '--help'], 150],
    ['flowbook check (example handbook)', [BIN, 'check', ROOT, '--today', '2026-12-06'], 500],
  ];
  const rows = [];
  let floor = 0;
  for (const [name, args, target] of cases) {
    time(args); // warm-up: the file cache
    const times = Array.from({ length: runs }, () => time(args));
    const ms = times.map((t) => t.wall);
    const cpu = times.flatMap((t) => (t.cpu === undefined ? [] : [t.cpu]));
    if (target === undefined) floor = median(ms);
    rows.push({
      command: name,
      'median ms': Math.round(median(ms)),
      'above node ms': target === undefined ? '' : Math.round(median(ms) - floor),
      'min ms': Math.round(Math.min(...ms)),
      'max ms': Math.round(Math.max(...ms)),
      'median cpu ms': cpu.length ? Math.round(median(cpu)) : '',
      'target ms': target ?? '',
      ...(target !== undefined && { 'within target': median(ms) <= target ? 'yes' : 'no' }),
    });
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.table(await benchStartup(Number(process.argv[2] ?? 15)));
}
