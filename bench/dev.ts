/**
 * Dev server benchmark: edit-to-reloaded-page time on a generated handbook of 1,000 processes.
 * Starts `flowbook dev` (in this process), opens a process page in headless Chromium, then edits
 * that document's step text ~10 times (one edit at a time, after the previous settled) and times
 * from the file write until the reloaded page shows the new text. Reports the median.
 * The end time is taken in the page (Date.now() in the frame where the text first shows; the same
 * system clock as Node's): the server runs in this process, and a timestamp taken here would also
 * count the server's work on other pages after the edited one is out, which the reader does not wait for.
 * `fullReloads` counts edits where the page reloaded instead of being updated in place.
 * Run: npx tsx bench/dev.ts [count]   (or through `npm run bench dev`, which calls benchDev()).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDir, writeGeneratedHandbook } from './generate.js';
import { startDev } from '../src/dev/index.js';
import { findChromium, launchChromium } from '../src/util/browser.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function benchDev(count = 1000, edits = 10) {
  const chromium = findChromium();
  if (!chromium) throw new Error('no Chromium found');
  const dir = benchDir(`dev-${count}`);
  await writeGeneratedHandbook(dir, count);
  const code = 'GEN-00500';
  const file = (await import('node:fs/promises')).readdir(path.join(dir, 'processes'), { recursive: true }).then((fs) => fs.find((f) => f.endsWith(`${code}.md`))!);
  const abs = path.join(dir, 'processes', await file);
  const t0 = performance.now();
  const dev = await startDev({ root: dir, today: '2026-02-01', port: 0, log: () => undefined, logError: () => undefined });
  const startMs = performance.now() - t0;
  await dev.settled();
  const browser = await launchChromium(chromium);
  const times: number[] = [];
  let navigated = 0;
  let fullReloads = 0;
  try {
    const page = await browser.newPage();
    await page.goto(`${dev.url}p/${code}.html`);
    page.on('framenavigated', (f) => f === page.mainFrame() && navigated++);
    const original = await readFile(abs, 'utf8');
    const step = /^    text: (.+)$/m.exec(original)![1]!;
    for (let i = 0; i < edits + 1; i++) {
      const marker = `${step} 修订${i}-${Date.now() % 100000}`;
      const shown = page.waitForFunction((t) => document.body?.innerText.includes(t) && Date.now(), marker, { timeout: 20_000, polling: 'raf' });
      const navigations = navigated;
      const t = Date.now();
      await writeFile(abs, original.replace(`    text: ${step}`, `    text: ${marker}`));
      const ms = ((await (await shown).jsonValue()) as number) - t;
      if (i > 0 && navigated > navigations) fullReloads++;
      if (i > 0) times.push(ms); // the first edit warms up
      await dev.settled();
      await new Promise((r) => setTimeout(r, 300));
    }
  } finally {
    await browser.close();
    await dev.close();
    await rm(dir, { recursive: true, force: true });
  }
  return {
    processes: count,
    edits: times.length,
    startSeconds: +(startMs / 1000).toFixed(2),
    medianEditToReloadMs: Math.round(median(times)),
    minMs: Math.round(Math.min(...times)),
    maxMs: Math.round(Math.max(...times)),
    fullReloads,
    load: loadavg()[0]!.toFixed(2),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(await benchDev(Number(process.argv[2] ?? 1000)));
}
