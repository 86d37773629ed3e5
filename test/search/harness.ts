/**
 * A minimal static site with the search contract markup (header form on every page, the script at
 * the end of <body>, search.html with #fb-search-page), the real assets and index files from
 * buildSearchIndex. Stands in for the site build in browser tests, the benchmark and screenshots.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Process } from '../../src/model/types.js';
import { buildSearchIndex } from '../../src/search/index.js';
import { BROWSER_SCRIPTS_DIR } from '../../src/site/assets.js';

const ASSETS = fileURLToPath(new URL('../../assets/', import.meta.url));

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(root: string, lang: string, title: string, main: string, headCss: boolean): string {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;margin:0}header{display:flex;gap:1rem;align-items:center;padding:.6rem 1rem;background:#14315e;color:#fff}header .fb-search{flex:0 1 24rem;margin-left:auto}header input{width:100%;font:inherit;padding:.35em .7em}main{max-width:60rem;margin:0 auto;padding:1rem}:focus-visible{outline:3px solid #f2a900}</style>
${headCss ? `<link rel="stylesheet" href="${root}assets/search.css">` : ''}
</head>
<body>
<header><a href="${root}index.html" style="color:#fff">Handbook</a>
<form class="fb-search" role="search" action="${root}search.html" method="get"><label for="fb-q" class="visually-hidden">搜索</label><input id="fb-q" type="search" name="q" placeholder="搜索流程、角色、步骤…" autocomplete="off"></form>
</header>
<main id="main">
${main}
</main>
<script src="${root}assets/search.js" defer></script>
</body>
</html>
`;
}

export interface HarnessOptions {
  readonly language?: 'zh-CN' | 'en';
  /** Link search.css from <head> like the site layout does (else the script injects it). */
  readonly headCss?: boolean;
  readonly termsShardBytes?: number;
  /** Write a page per process (default true; the benchmark needs only the home page). */
  readonly processPages?: boolean;
  /** flowbook.yml `synonyms:`. */
  readonly synonyms?: readonly (readonly string[])[];
}

/** Writes the site into `dir`; returns the index files' paths. */
export function writeHarness(dir: string, processes: readonly Process[], options: HarnessOptions = {}): string[] {
  const lang = options.language ?? 'zh-CN';
  const headCss = options.headCss ?? false;
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  mkdirSync(path.join(dir, 'p'), { recursive: true });
  mkdirSync(path.join(dir, 'search'), { recursive: true });
  copyFileSync(path.join(BROWSER_SCRIPTS_DIR, 'search.js'), path.join(dir, 'assets/search.js'));
  copyFileSync(path.join(ASSETS, 'search.css'), path.join(dir, 'assets/search.css'));
  const files = buildSearchIndex(processes, {
    pageHref: (c) => `p/${c}.html`,
    language: lang,
    ...(options.termsShardBytes ? { termsShardBytes: options.termsShardBytes } : {}),
    ...(options.synonyms ? { synonyms: options.synonyms } : {}),
  });
  for (const f of files) writeFileSync(path.join(dir, f.path), f.content);
  const pages = options.processPages ?? true;
  const list = (pages ? processes : []).map((p) => `<li><a href="p/${esc(p.code)}.html">${esc(p.code)} ${esc(p.name)}</a></li>`).join('\n');
  writeFileSync(path.join(dir, 'index.html'), page('', lang, 'Home', `<h1>Handbook</h1><ul>${list}</ul>`, headCss));
  writeFileSync(
    path.join(dir, 'search.html'),
    page('', lang, 'Search', '<h1>搜索</h1><div id="fb-search-page"></div><noscript><p>Search needs JavaScript.</p></noscript>', headCss),
  );
  for (const p of pages ? processes : []) {
    const steps = p.steps
      .map((s) => `<tr id="step-${s.number}"><td>${s.number}</td><td>${esc(s.role)}</td><td>${esc(s.text)}</td><td>${esc(s.note ?? '')}</td></tr>`)
      .join('\n');
    writeFileSync(
      path.join(dir, `p/${p.code}.html`),
      page('../', lang, p.name, `<h1>${esc(p.name)}</h1><p>${esc(p.code)}</p><table>${steps}</table><textarea id="other"></textarea>`, headCss),
    );
  }
  return files.map((f) => f.path);
}
