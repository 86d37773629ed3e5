/**
 * What the dev server adds to every HTML page it serves (never to the built site): the
 * live-reload script, and, while the handbook has errors, the error overlay over the last good
 * page. The overlay text is what `flowbook check` prints, HTML-escaped.
 */
import { formatDiagnostic } from '../diagnostics/format.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { MessageLanguage } from '../diagnostics/localize.js';
import { esc } from '../site/escape.js';
import { liveScript, OVERLAY_ID } from './client.js';

export { OVERLAY_ID };

export const EVENTS_PATH = '/__flowbook/events';

/** A problem to show: the handbook's errors, or a failure of Flowbook or a template. */
export interface Problem {
  readonly title: string;
  /** Lines as `flowbook check` prints them (one entry per diagnostic, hint included). */
  readonly entries: readonly string[];
  readonly footer: string;
  /** The language of the overlay's own words (its Hide button); English when not given. */
  readonly language?: MessageLanguage;
}

/** The errors over the page, in the handbook's language (see diagnostics/messages.ts for how it is chosen). */
export function checkProblem(diagnostics: readonly Diagnostic[], language: MessageLanguage = 'en'): Problem {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return {
    title: language === 'zh' ? `手册有 ${errors.length} 个错误` : `The handbook has ${errors.length} error${errors.length === 1 ? '' : 's'}`,
    entries: errors.map((d) => formatDiagnostic(d, { color: false, language })),
    footer:
      language === 'zh'
        ? '显示的是此页最后一个正确的版本。修改文件并保存后，此消息会自动消失。'
        : 'Showing the last good version of this page. Fix the file and save: this message goes away by itself.',
    language,
  };
}

/** What failed, as the overlay's title says it. */
export type FailureKind = 'template' | 'file' | 'rebuild';

const FAILURE_TITLE: Readonly<Record<MessageLanguage, Readonly<Record<FailureKind, string>>>> = {
  en: { template: 'A template has an error', file: 'A file cannot be read', rebuild: 'The site could not be rebuilt' },
  zh: { template: '模板有错误', file: '有文件无法读取', rebuild: '无法重新生成网站' },
};

/**
 * A failure of a template, a file or Flowbook itself, in the handbook's language: over the last
 * good page, or (`built` false: nothing was built yet) over the page that says the site is to come.
 */
export function internalProblem(message: string, kind: FailureKind = 'rebuild', language: MessageLanguage = 'en', built = true): Problem {
  const footer = built
    ? language === 'zh'
      ? '显示的是此页最后一个正确的版本。继续监视文件变化中。'
      : 'Showing the last good version of this page. Still watching for changes.'
    : language === 'zh'
      ? '修正后网站即会出现；继续监视文件变化中。'
      : 'The site appears when this is fixed. Still watching for changes.';
  return { title: FAILURE_TITLE[language][kind], entries: [message], footer, language };
}

const STYLE = `#${OVERLAY_ID}{position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.55);display:flex;align-items:flex-start;justify-content:center;padding:5vh 16px;box-sizing:border-box;font:15px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2328;text-align:left}
#${OVERLAY_ID} .fbo-box{background:#fff;border-top:6px solid #c62828;border-radius:6px;box-shadow:0 10px 40px rgba(0,0,0,.4);max-width:960px;width:100%;max-height:88vh;overflow:auto;padding:18px 22px}
#${OVERLAY_ID} h2{margin:0 0 10px;font-size:18px;color:#b71c1c;display:flex;justify-content:space-between;gap:12px;align-items:center}
#${OVERLAY_ID} pre{margin:0 0 10px;padding:10px 12px;background:#fdf3f3;border:1px solid #f3c7c7;border-radius:4px;white-space:pre-wrap;word-break:break-word;font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono CJK SC",monospace;color:#1f2328}
#${OVERLAY_ID} p{margin:8px 0 0;color:#57606a;font-size:13px}
#${OVERLAY_ID} button{font:inherit;font-size:13px;border:1px solid #d0d7de;background:#f6f8fa;border-radius:4px;padding:2px 10px;cursor:pointer;color:#1f2328}`;

export function overlayHtml(p: Problem): string {
  const hide = p.language === 'zh' ? '隐藏' : 'Hide';
  return (
    `<div id="${OVERLAY_ID}" role="alertdialog" aria-modal="false" aria-labelledby="${OVERLAY_ID}-title"><style>${STYLE}</style>` +
    `<div class="fbo-box"><h2><span id="${OVERLAY_ID}-title">Flowbook: ${esc(p.title)}</span>` +
    `<button type="button" onclick="this.closest('#${OVERLAY_ID}').remove()" aria-label="${hide}">${hide}</button></h2>` +
    p.entries.map((e) => `<pre>${esc(e)}</pre>`).join('') +
    `<p>${esc(p.footer)}</p></div></div>`
  );
}

/** Add the live-reload script (and the overlay) before the page's last `</body>`. */
export function injectDev(html: string, problem: Problem | undefined, version = 0): string {
  // `version`: the site version the page was served at, so a reload sent while the page was still
  // connecting is not lost (the server replays it when the page's event stream opens).
  const add = (problem ? overlayHtml(problem) : '') + liveScript(EVENTS_PATH, version);
  const i = html.lastIndexOf('</body>');
  return i < 0 ? html + add : html.slice(0, i) + add + html.slice(i);
}

/**
 * The page for a path the site does not have, in the handbook's language; before a first good
 * build (`built` false) it says the site appears when the errors shown over it are fixed.
 */
export function notFoundPage(sitePath: string, problem: Problem | undefined, o: { version?: number; built?: boolean; language?: MessageLanguage } = {}): string {
  const zh = o.language === 'zh';
  const [title, text] =
    o.built === false
      ? zh
        ? ['网站尚未生成', '修正错误后，网站即会出现。']
        : ['Not built yet', 'The site appears when the errors are fixed.']
      : zh
        ? ['找不到页面', `网站中没有页面 <code>${esc(sitePath)}</code>。`]
        : ['Not found', `The site has no page <code>${esc(sitePath)}</code>.`];
  return injectDev(
    `<!doctype html><html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font:16px system-ui,sans-serif;margin:3em">` +
      `<h1>${title}</h1><p>${text}</p><p><a href="/">${zh ? '首页' : 'Home'}</a></p></body></html>`,
    problem,
    o.version ?? 0,
  );
}
