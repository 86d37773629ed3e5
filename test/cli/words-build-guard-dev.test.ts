/**
 * build's refused output folder and dev's own terminal lines speak the handbook's language: each
 * refusal (a file, the handbook itself, a folder holding it, processes/, a folder of someone
 * else's files) in Chinese under FLOWBOOK_LANG=zh or in a handbook whose flowbook.yml says zh-CN,
 * in English (word for word) under FLOWBOOK_LANG=en, with nothing written; dev's lines about a
 * broken template, a failed rebuild, the search index and the watcher likewise, and the overlay's.
 * In-process: the command line through runInProcess, the dev server through startDev (no browser).
 */
import fs, { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDev, type DevHandle } from '../../src/dev/index.js';
import { DevSite } from '../../src/dev/incremental.js';
import { overlayHtml } from '../../src/dev/overlay.js';
import { doc } from '../helpers/handbook.js';
import { runInProcess } from '../helpers/run-cli.js';

const processDoc = (code: string, name: string) => doc({ code, name: JSON.stringify(name) });

const TODAY = '2026-11-27';


let dir: string;
/** A Chinese handbook (flowbook.yml says zh-CN) with a site built into site/. */
let hb: string;

/** Every file under `folder` (path -> bytes as base64), and every folder (path -> 'dir'). */
function tree(folder: string, base = '', out = new Map<string, string>()): Map<string, string> {
  for (const e of readdirSync(path.join(folder, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) {
      out.set(rel, 'dir');
      tree(folder, rel, out);
    } else out.set(rel, readFileSync(path.join(folder, rel)).toString('base64'));
  }
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fb-words-guard-'));
  hb = path.join(dir, 'handbook');
  await mkdir(path.join(hb, 'processes'), { recursive: true });
  await writeFile(path.join(hb, 'flowbook.yml'), 'language: zh-CN\n');
  await writeFile(path.join(hb, 'processes', 'hr-a.md'), processDoc('HR-A', '招聘流程'));
  await writeFile(path.join(hb, 'processes', 'hr-b.md'), processDoc('HR-B', '请假流程'));
  const built = await cli('en', 'build', hb, '--today', TODAY, '--no-cache');
  expect(built.code, built.err).toBe(0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (lang: 'zh' | 'en' | undefined, ...args: string[]) => runInProcess(args, { NO_COLOR: '1', FLOWBOOK_LANG: lang });

describe('flowbook build: a refused output folder, in the handbook’s language, nothing written', () => {
  /** Each refusal: the --out to give, extra flags, the English and the Chinese reason. */
  const kinds = () => {
    const file = path.join(dir, 'notes.txt');
    const foreign = path.join(dir, 'foreign');
    const processes = path.join(hb, 'processes', 'site');
    return [
      {
        kind: 'a file',
        out: file,
        flags: [] as string[],
        en: `the output "${file}" is a file, not a folder. Choose another --out.`,
        zh: `输出位置 "${file}" 是文件，不是文件夹。请另选 --out。`,
      },
      {
        kind: 'a file, even with --force',
        out: file,
        flags: ['--force'],
        en: `the output "${file}" is a file, not a folder. Choose another --out.`,
        zh: `输出位置 "${file}" 是文件，不是文件夹。请另选 --out。`,
      },
      {
        kind: 'the handbook itself',
        out: hb,
        flags: [],
        en: `the output folder "${hb}" is the handbook itself; building there would delete it. Choose another --out, e.g. --out site.`,
        zh: `输出文件夹 "${hb}" 就是手册本身；在此生成会将其删除。请另选 --out，例如 --out site。`,
      },
      {
        kind: 'a folder holding the handbook',
        out: dir,
        flags: [],
        en: `the output folder "${dir}" contains the handbook; building there would delete it. Choose a folder inside or beside the handbook, e.g. --out site.`,
        zh: `输出文件夹 "${dir}" 包含手册；在此生成会将其删除。请选择手册内或手册旁的文件夹，例如 --out site。`,
      },
      {
        kind: 'a folder inside processes/',
        out: processes,
        flags: [],
        en: `the output folder "${processes}" is inside processes/, where the process documents live. Choose another --out, e.g. --out site.`,
        zh: `输出文件夹 "${processes}" 位于存放流程文件的 processes/ 中。请另选 --out，例如 --out site。`,
      },
      {
        kind: 'a folder of files Flowbook did not write',
        out: foreign,
        flags: [],
        en: `the output folder "${foreign}" already holds files that Flowbook did not write (it has no .flowbook-site file), and a build replaces the whole folder. Empty it, choose another --out, or pass --force to replace it anyway.`,
        zh: `输出文件夹 "${foreign}" 中已有不是 Flowbook 写入的文件（其中没有 .flowbook-site 文件），而生成会替换整个文件夹。请清空它、另选 --out，或加 --force 强制替换。`,
      },
    ];
  };

  beforeAll(async () => {
    await writeFile(path.join(dir, 'notes.txt'), 'mine');
    await mkdir(path.join(dir, 'foreign'));
    await writeFile(path.join(dir, 'foreign', 'thesis.docx'), 'precious');
  });

  it('each kind, in Chinese (FLOWBOOK_LANG=zh, and a zh-CN handbook without it) and word for word in English; exit 2; every file as it was', async () => {
    for (const k of kinds()) {
      const before = tree(dir);
      for (const lang of ['zh', undefined] as const) {
        const r = await cli(lang, 'build', hb, '--out', k.out, '--today', TODAY, ...k.flags);
        expect(r.code, `${k.kind} (${lang})`).toBe(2);
        expect(r.out).toBe('');
        expect(r.err, `${k.kind} (${lang})`).toBe(`flowbook: ${k.zh}未写入任何内容。\n`);
      }
      const en = await cli('en', 'build', hb, '--out', k.out, '--today', TODAY, ...k.flags);
      expect(en.code, k.kind).toBe(2);
      expect(en.err, k.kind).toBe(`flowbook: ${k.en} Nothing was written.\n`);
      expect(tree(dir), k.kind).toEqual(before);
    }
    expect(existsSync(path.join(hb, 'processes', 'site'))).toBe(false);
    expect(readFileSync(path.join(dir, 'foreign', 'thesis.docx'), 'utf8')).toBe('precious');
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('an English handbook under FLOWBOOK_LANG=zh: Chinese too', async () => {
    const en = path.join(dir, 'english');
    await mkdir(path.join(en, 'processes'), { recursive: true });
    await writeFile(path.join(en, 'flowbook.yml'), 'language: en\n');
    await writeFile(path.join(en, 'processes', 'a.md'), processDoc('EN-A', 'Hiring'));
    expect((await cli(undefined, 'build', en, '--out', en, '--today', TODAY)).err).toBe(
      `flowbook: the output folder "${en}" is the handbook itself; building there would delete it. Choose another --out, e.g. --out site. Nothing was written.\n`,
    );
    expect((await cli('zh', 'build', en, '--out', en, '--today', TODAY)).err).toBe(`flowbook: 输出文件夹 "${en}" 就是手册本身；在此生成会将其删除。请另选 --out，例如 --out site。未写入任何内容。\n`);
    await rm(en, { recursive: true });
  });

  it('--force replaces the foreign folder; its site is then Flowbook’s and needs no force', async () => {
    const foreign = path.join(dir, 'foreign-forced');
    await mkdir(foreign);
    await writeFile(path.join(foreign, 'old.txt'), 'x');
    expect((await cli(undefined, 'build', hb, '--out', foreign, '--today', TODAY, '--force', '--no-cache')).code).toBe(0);
    expect(existsSync(path.join(foreign, '.flowbook-site'))).toBe(true);
    expect((await cli(undefined, 'build', hb, '--out', foreign, '--today', TODAY, '--no-cache')).code).toBe(0);
    await rm(foreign, { recursive: true });
  });
});

/** Waits (polling, no fixed sleep) until `cond` holds. */
async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('flowbook dev: its own terminal lines and overlay in the handbook’s language', () => {
  let root: string;
  let dev: DevHandle | undefined;
  let logs: string[] = [];
  const text = () => logs.join('');

  /** A fresh copy of the Chinese handbook, `templates` (name -> text) added. */
  async function handbook(templates: Record<string, string> = {}, language = 'zh-CN'): Promise<string> {
    const r = await mkdtemp(path.join(dir, 'dev-'));
    await mkdir(path.join(r, 'processes'));
    await writeFile(path.join(r, 'flowbook.yml'), `language: ${language}\n`);
    await writeFile(path.join(r, 'processes', 'hr-a.md'), processDoc('HR-A', '招聘流程'));
    for (const [name, t] of Object.entries(templates)) {
      await mkdir(path.dirname(path.join(r, 'templates', name)), { recursive: true });
      await writeFile(path.join(r, 'templates', name), t);
    }
    return r;
  }

  async function start(r: string, env: 'zh' | 'en' | undefined): Promise<DevHandle> {
    vi.stubEnv('FLOWBOOK_LANG', env);
    logs = [];
    root = r;
    dev = await startDev({ root: r, today: TODAY, port: 0, threads: 0, searchDelay: 20, stableMs: 0, log: (s) => logs.push(s), logError: (s) => logs.push(s) });
    return dev;
  }

  async function stop(): Promise<void> {
    const d = dev;
    dev = undefined;
    await d?.close();
  }

  afterEach(async () => {
    await stop();
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  const BROKEN = '<footer>{{#if}}</footer>\n';
  const FOOTER = 'partials/site-footer.hbs';

  it('a template broken from the start, then fixed: Chinese in a zh-CN handbook (no FLOWBOOK_LANG), the overlay too', async () => {
    const d = await start(await handbook({ [FOOTER]: BROKEN }), undefined);
    await d.settled();
    const file = path.join(root, 'templates', FOOTER);
    expect(text()).toMatch(new RegExp(`^flowbook dev: 模板 ${escape(file)}.*：.+\\n尚未开始预览：请修正上面的错误，修正后网站即会出现。\\n$`, 's'));
    expect(d.language()).toBe('zh');
    const p = d.problem()!;
    expect(p.title).toBe('模板有错误');
    expect(p.entries[0]).toMatch(/^模板 /);
    // Nothing was built before the template broke: no last good version is promised.
    expect(p.footer).toBe('修正后网站即会出现；继续监视文件变化中。');
    expect(overlayHtml(p)).toContain('>隐藏</button>');
    // Nothing was built: a page says so, and the problem over it promises no last good version.
    const before = await fetch(`${d.url}index.html`);
    expect(before.status).toBe(404);
    const beforeHtml = await before.text();
    expect(beforeHtml).toContain('<h1>网站尚未生成</h1><p>修正错误后，网站即会出现。</p><p><a href="/">首页</a></p>');
    expect(beforeHtml).toContain('修正后网站即会出现；继续监视文件变化中。');
    expect(beforeHtml).not.toContain('最后一个正确的版本');
    logs = [];
    await rm(path.join(root, 'templates'), { recursive: true });
    await until(() => d.problem() === undefined && text().includes('\n'), 'the fix');
    await d.settled();
    expect(text()).toContain('已修正：错误都已消除。\n');
    // Built: a missing page is one the site does not have, in Chinese.
    const missing = await fetch(`${d.url}p/NOPE.html`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<title>找不到页面</title></head><body style="font:16px system-ui,sans-serif;margin:3em"><h1>找不到页面</h1><p>网站中没有页面 <code>p/NOPE.html</code>。</p>');
  });

  it('the same under FLOWBOOK_LANG=zh in an English handbook, and in English (word for word) under FLOWBOOK_LANG=en', async () => {
    const zh = await start(await handbook({ [FOOTER]: BROKEN }, 'en'), 'zh');
    await zh.settled();
    expect(text()).toMatch(/^flowbook dev: 模板 .*\n尚未开始预览：请修正上面的错误，修正后网站即会出现。\n$/s);
    expect(zh.problem()!.title).toBe('模板有错误');
    await stop();
    const en = await start(await handbook({ [FOOTER]: BROKEN }), 'en');
    await en.settled();
    const file = path.join(root, 'templates', FOOTER);
    expect(text()).toMatch(new RegExp(`^flowbook dev: template ${escape(file)}.*: .+\\nNot served yet: fix the errors above; the site appears when they are fixed\\.\\n$`, 's'));
    const p = en.problem()!;
    expect(p.title).toBe('A template has an error');
    expect(p.footer).toBe('The site appears when this is fixed. Still watching for changes.');
    expect(overlayHtml(p)).toContain('aria-label="Hide">Hide</button>');
  });

  it('a rebuild that fails inside Flowbook: "internal error … Still watching." in both languages, the overlay too', async () => {
    for (const [env, expected] of [
      [undefined, { line: 'flowbook dev: 内部错误：boom\n继续监视中。\n', title: '无法重新生成网站', entry: '内部错误：boom\n这是 Flowbook 的缺陷，不是手册的问题。设置 FLOWBOOK_DEBUG=1 可查看详情，请报告此问题。' }],
      [
        'en',
        {
          line: 'flowbook dev: internal error: boom\nStill watching.\n',
          title: 'The site could not be rebuilt',
          entry: 'internal error: boom\nThis is a bug in Flowbook, not in your handbook. Set FLOWBOOK_DEBUG=1 for details, and please report it.',
        },
      ],
    ] as const) {
      const d = await start(await handbook(), env);
      await d.settled();
      expect(text()).toBe('');
      vi.stubEnv('FLOWBOOK_DEBUG', undefined);
      // Every rebuild fails while the spy is on (one save may come as more than one batch).
      const spy = vi.spyOn(DevSite.prototype, 'rebuild').mockRejectedValue(new Error('boom'));
      await writeFile(path.join(root, 'processes', 'hr-a.md'), processDoc('HR-A', '招聘流程（新）'));
      await until(() => d.problem() !== undefined, 'the failed rebuild');
      await d.settled();
      expect(logs.length).toBeGreaterThan(0);
      for (const l of logs) expect(l).toBe(expected.line);
      spy.mockRestore();
      expect(d.problem()!.title).toBe(expected.title);
      expect(d.problem()!.entries).toEqual([expected.entry]);
      // The site was built before: its last good version stays under the overlay.
      expect(d.problem()!.footer).toBe(env === 'en' ? 'Showing the last good version of this page. Still watching for changes.' : '显示的是此页最后一个正确的版本。继续监视文件变化中。');
      await stop();
    }
  });

  it('a search index that cannot be built, in both languages', async () => {
    for (const [env, line] of [
      [undefined, 'flowbook dev: 无法生成搜索索引：disk full\n'],
      ['en', 'flowbook dev: the search index could not be built: disk full\n'],
    ] as const) {
      vi.spyOn(DevSite.prototype, 'buildSearch').mockRejectedValueOnce(new Error('disk full'));
      const d = await start(await handbook(), env);
      await d.settled();
      expect(text()).toBe(line);
      await stop();
      vi.restoreAllMocks();
    }
  });

  it('a watcher that fails, in both languages', async () => {
    // node:fs's own watch is swapped (and the ESM named exports synced) for the test's handbooks
    // only: chokidar reports the error, as it does when the system runs out of watchers.
    const realWatch = fs.watch;
    fs.watch = ((p: fs.PathLike, ...rest: unknown[]) => {
      if (String(p).startsWith(dir)) throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
      return (realWatch as (...a: unknown[]) => fs.FSWatcher)(p, ...rest);
    }) as typeof fs.watch;
    syncBuiltinESMExports();
    try {
      for (const [env, line] of [
        [undefined, 'flowbook dev: 监视文件变化时出错：ENOSPC: System limit for number of file watchers reached\n'],
        ['en', 'flowbook dev: watching: ENOSPC: System limit for number of file watchers reached\n'],
      ] as const) {
        const d = await start(await handbook(), env);
        await d.settled();
        expect(logs.length).toBeGreaterThan(0);
        for (const l of logs) expect(l).toBe(line);
        await stop();
      }
    } finally {
      fs.watch = realWatch;
      syncBuiltinESMExports();
    }
  });
});

describe('the source', () => {
  it('src/dev/index.ts writes none of its old English lines directly', () => {
    const src = readFileSync('src/dev/index.ts', 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const old of ['internal error', 'Still watching', 'still watching', 'watching:', 'could not be built', 'A template has an error', 'A file cannot be read', "'everything'"])
      expect(src, old).not.toContain(old);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
