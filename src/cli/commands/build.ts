/** `flowbook build [root] [--out site] [--drafts] [--strict] [--today YYYY-MM-DD] [--renderer native|mermaid] [--force]` */
import path from 'node:path';
import type { Command } from 'commander';
import type { BuildResult, StageName } from '../../build.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, UserError } from '../errors.js';
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { count, languageNote, messageLanguage, say, type MessageLanguage } from '../messages.js';
import { inLanguage, words } from '../words.js';

interface BuildFlags {
  out?: string;
  drafts?: boolean;
  strict?: boolean;
  today?: string;
  renderer?: string;
  force?: boolean;
  cache?: boolean;
  timings?: boolean;
}

/** A one-line progress bar on stderr, redrawn at most every 80 ms, for interactive terminals only. */
function progressBar(term: Terminal) {
  let last = 0;
  let shown = false;
  return {
    update(stage: StageName, done: number, total: number) {
      const now = Date.now();
      if (total < 50 || (now - last < 80 && done < total)) return;
      last = now;
      shown = true;
      const width = 24;
      const filled = Math.round((done / Math.max(1, total)) * width);
      term.err(`\r\u001b[2K${stage.padEnd(9)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
    },
    clear() {
      if (shown) term.err('\r\u001b[2K');
      shown = false;
    },
  };
}

export function registerBuild(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('build')
    .description('check the handbook and build the website')
    .argument('[root]', 'handbook folder (holds flowbook.yml and processes/)', '.')
    .option('--out <folder>', 'output folder (default: site/ in the handbook folder)')
    .option('--drafts', 'publish draft processes too (marked as drafts)')
    .option('--strict', 'treat warnings as errors')
    .option('--today <date>', 'the build date (YYYY-MM-DD); default: SOURCE_DATE_EPOCH or the clock')
    .option('--renderer <renderer>', 'diagram renderer: native or mermaid (default: flowbook.yml, else native)')
    .option('--force', 'replace the output folder even if Flowbook did not write it')
    .option('--no-cache', 'do not read or write .flowbook-cache/')
    .option('--timings', "print each stage's time (load, diagrams, markdown, pages, search, write)")
    .action(async (root: string, opts: BuildFlags) => {
      const today = todayOption(opts.today);
      if (opts.renderer !== undefined && opts.renderer !== 'native' && opts.renderer !== 'mermaid')
        throw new UsageError(words(`--renderer must be native or mermaid, not "${opts.renderer}".`, `--renderer 只能是 native 或 mermaid，不能是 "${opts.renderer}"。`));
      // Loaded here, not at start-up: `flowbook --version` must not pay for the build's modules.
      const [{ build, BuildRefused, TemplateError }, { formatText }] = await Promise.all([import('../../build.js'), import('../../diagnostics/format.js')]);
      const bar = term.interactive ? progressBar(term) : undefined;
      let result;
      try {
        result = await build({
          root,
          ...(opts.out !== undefined && { out: opts.out }),
          today,
          strict: opts.strict,
          drafts: opts.drafts,
          force: opts.force,
          ...(opts.renderer !== undefined && { renderer: opts.renderer as 'native' | 'mermaid' }),
          cache: opts.cache !== false,
          ...(bar && { onProgress: bar.update }),
        });
      } catch (e) {
        bar?.clear();
        // The refusal's reason in both languages (src/output/guard.ts), as a template error's.
        if (e instanceof BuildRefused) throw new UserError(words(`${e.reason.en} Nothing was written.`, `${e.reason.zh}未写入任何内容。`), EXIT_USAGE);
        if (e instanceof TemplateError) throw new UserError(words(`${e.message}\nThe previous site was left as it was.`, `${e.zh}\n原有网站保持不变。`));
        throw e;
      }
      bar?.clear();
      const lang = messageLanguage(result.language?.language);
      if (result.diagnostics.length) term.err(formatText(result.diagnostics, result.documentCount, { color: term.color, language: lang }));
      if (!result.ok) {
        term.err(say(lang, 'nothingBuilt') + '\n');
        return done(EXIT_PROBLEMS);
      }
      for (const n of result.notes) term.err(say(lang, 'note', { text: inLanguage(n, lang) }) + '\n');
      const chosen = languageNote(result, lang);
      if (chosen) term.err(chosen + '\n');
      const rel = path.relative(process.cwd(), result.out) || '.';
      const shown = (rel.startsWith('..') && rel.split(path.sep).length > 3 ? result.out : rel) + '/';
      term.out(builtLine(result, lang, shown) + '\n');
      if (result.reused > 0) term.out(say(lang, 'pagesReused', { reused: result.reused, pages: result.pages }) + '\n');
      if (opts.timings) term.out(timingsTable(result, lang));
      done(EXIT_OK);
    });
}

/** "Built 25 processes (1 draft left out: --drafts to include), 31 pages in 1.20 s -> site/" */
export function builtLine(result: Pick<BuildResult, 'processes' | 'draftsLeftOut' | 'pages' | 'ms'>, lang: MessageLanguage, out: string): string {
  const values = { processes: count(lang, result.processes, 'process'), drafts: count(lang, result.draftsLeftOut, 'draft'), pages: result.pages, seconds: (result.ms / 1000).toFixed(2), out };
  return say(lang, result.draftsLeftOut > 0 ? 'builtDraftsLeftOut' : 'built', values);
}

/** `--timings`: each stage's time, in the order they ran, then the whole build's. */
export function timingsTable(result: Pick<BuildResult, 'stages' | 'ms'>, lang: MessageLanguage): string {
  const names = [...result.stages.map((s) => s.name), say(lang, 'total')];
  const width = Math.max(...names.map((n) => n.length));
  const ms = (n: number) => (n < 10 ? n.toFixed(1) : String(Math.round(n))).padStart(6);
  const rows = result.stages.map((s) =>
    say(lang, s.threads !== undefined && s.threads > 1 ? 'timingsRowThreads' : 'timingsRow', { stage: s.name.padEnd(width), ms: ms(s.ms), threads: s.threads ?? 1 }),
  );
  rows.push(say(lang, 'timingsRow', { stage: say(lang, 'total').padEnd(width), ms: ms(result.ms) }));
  return [say(lang, 'timingsHeading'), ...rows].join('\n') + '\n';
}
