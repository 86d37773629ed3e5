/** `flowbook diagram <code> [root] [--renderer native|mermaid] [-o file.svg] [--today]`: one diagram as a standalone SVG file. */
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import type { Renderer } from '../../diagram/index.js';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, UserError } from '../errors.js';
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { messageLanguage } from '../messages.js';
import { words } from '../words.js';
import { findProcess, loadCheckedHandbook } from './mermaid.js';

export function registerDiagram(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('diagram')
    .summary("write a process's swimlane diagram as a standalone SVG file")
    .description(
      "write a process's swimlane diagram as a standalone SVG file (for slides and documents; no links, since the " +
        'site is not there); the handbook must pass "flowbook check"',
    )
    .argument('<code>', 'the process code (or the path of its document)')
    .argument('[root]', 'handbook folder (holds flowbook.yml and processes/)', '.')
    .option('--renderer <renderer>', 'native or mermaid (needs Chromium); default: "renderer" in flowbook.yml, else native')
    .option('-o, --output <file>', 'the SVG file to write; default: standard output')
    .option('--today <date>', 'the date for review-date checks (YYYY-MM-DD); default: SOURCE_DATE_EPOCH or the clock')
    .action(async (code: string, root: string, opts: { renderer?: string; output?: string; today?: string }) => {
      const [{ diagramIdPrefix, mermaidCacheDir, renderDiagrams, RENDERERS, toStandaloneSvg }, { renderNativeSvg }, { formatDiagnostic }, { fallbackDiagnostic }, { diskSvgCache }] = await Promise.all([
        import('../../diagram/index.js'),
        import('../../diagram/native/index.js'),
        import('../../diagnostics/format.js'),
        import('../../site/diagrams.js'),
        import('../../output/svg-cache.js'),
      ]);
      if (opts.renderer !== undefined && !(RENDERERS as readonly string[]).includes(opts.renderer))
        throw new UsageError(words(`--renderer must be one of ${RENDERERS.join(', ')}, not "${opts.renderer}".`, `--renderer 只能是 ${RENDERERS.join('、')} 之一，不能是 "${opts.renderer}"。`));
      const handbook = await loadCheckedHandbook(root, todayOption(opts.today), term, 'diagram');
      if (!handbook) return done(EXIT_PROBLEMS);
      const process = findProcess(handbook, code);
      const renderer = (opts.renderer as Renderer | undefined) ?? handbook.settings.renderer;
      const { language, browser } = handbook.settings;
      const lang = messageLanguage(language);
      // A file on its own has no site to link to and no step table to point at.
      const native = () => renderNativeSvg(process, { href: () => undefined, stepHref: () => undefined, idPrefix: diagramIdPrefix(process.code), language });
      let fellBack = false;
      const svg =
        renderer === 'native'
          ? native()
          : (
              await renderDiagrams([process], {
                renderer,
                href: () => undefined,
                browser,
                cache: diskSvgCache(mermaidCacheDir(root)),
                concurrency: 1,
                language,
                // What Mermaid cannot draw is drawn by the native renderer, with a warning.
                onFallback: (p, failure) => {
                  fellBack = true;
                  term.err(formatDiagnostic(fallbackDiagnostic(p, failure), { color: term.color, language: lang }) + '\n');
                },
              })
            ).get(process.code)!;
      const file = toStandaloneSvg(fellBack ? native() : svg);
      if (opts.output === undefined) term.out(file);
      else {
        try {
          await writeFile(opts.output, file, 'utf8');
        } catch (e) {
          const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
          throw new UserError(
            words(`cannot write ${opts.output}: ${missing ? 'its folder does not exist' : (e as Error).message}`, `无法写入 ${opts.output}：${missing ? '所在文件夹不存在。' : (e as Error).message}`),
          );
        }
        term.err(words(`wrote ${opts.output}`, `已写入 ${opts.output}`)[lang] + '\n');
      }
      done(EXIT_OK);
    });
}
