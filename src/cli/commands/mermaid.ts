/** `flowbook mermaid <code-or-file> [root] [--today YYYY-MM-DD]`: print a process's Mermaid swimlane source. */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Handbook, Process } from '../../model/types.js';
import { closest } from '../../util/suggest.js';
import { EXIT_OK, EXIT_PROBLEMS, UserError } from '../errors.js';
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { messageLanguage } from '../messages.js';
import { words } from '../words.js';

export function registerMermaid(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('mermaid')
    .summary("print a process's diagram as Mermaid swimlane-beta text")
    .description(
      "print a process's swimlane diagram as Mermaid swimlane-beta text (for Mermaid-aware editors, wikis and Git hosts); " +
        'the handbook must pass "flowbook check"',
    )
    .argument('<code-or-file>', 'the process code (HR-ER-012) or the path of its document')
    .argument('[root]', 'handbook folder (holds flowbook.yml and processes/)', '.')
    .option('--today <date>', 'the date for review-date checks (YYYY-MM-DD); default: SOURCE_DATE_EPOCH or the clock')
    .action(async (codeOrFile: string, root: string, opts: { today?: string }) => {
      const handbook = await loadCheckedHandbook(root, todayOption(opts.today), term, 'mermaid');
      if (!handbook) return done(EXIT_PROBLEMS);
      const process = findProcess(handbook, codeOrFile);
      const { toMermaidSource } = await import('../../diagram/mermaid/source.js');
      term.out(toMermaidSource(process, { href: (code) => linkFromProcessPage(handbook, code), language: handbook.settings.language }));
      done(EXIT_OK);
    });
}

/**
 * The handbook, or undefined after printing its errors (in its language). Either way `term.language`
 * is the handbook's from then on, so that an error ending the command is told in it.
 */
export async function loadCheckedHandbook(root: string, today: string, term: Terminal, command: string): Promise<Handbook | undefined> {
  const [{ loadHandbook }, { formatText }] = await Promise.all([import('../../load.js'), import('../../diagnostics/format.js')]);
  const result = await loadHandbook(root, { today });
  const lang = (term.language = messageLanguage(result.language.language));
  if (result.handbook) return result.handbook;
  term.err(formatText(result.diagnostics.filter((d) => d.severity === 'error'), result.documentCount, { color: term.color, language: lang }));
  const w = words(
    `flowbook ${command} needs a handbook without errors: fix them (see "flowbook check"), then run it again.`,
    `flowbook ${command} 要求手册没有错误：请先修正这些错误（可运行 "flowbook check" 查看），再重新运行。`,
  );
  term.err(w[lang] + '\n');
  return undefined;
}

/** A process by code, or by the path of its document (relative to the working folder, or to the handbook root). */
export function findProcess(handbook: Handbook, codeOrFile: string): Process {
  const byCode = handbook.byCode.get(codeOrFile);
  if (byCode) return byCode;
  const candidates = [path.resolve(codeOrFile), path.resolve(handbook.root, codeOrFile)];
  for (const file of candidates) {
    const relative = path.relative(path.resolve(handbook.root), file).split(path.sep).join('/');
    const match = handbook.processes.find((p) => p.file === relative);
    if (match) return match;
  }
  if (candidates.some((file) => existsSync(file)))
    throw new UserError(
      words(
        `"${codeOrFile}" is not a process document of the handbook at ${handbook.root} (documents live in its processes/ folder).`,
        `"${codeOrFile}" 不是 ${handbook.root} 处手册的流程文件（流程文件都在其 processes/ 文件夹中）。`,
      ),
    );
  const near = closest(codeOrFile, handbook.byCode.keys());
  throw new UserError(
    words(
      `no process has the code "${codeOrFile}", and no such document exists.${near ? ` Did you mean "${near}"?` : ''} ` + 'Run "flowbook check" to list the documents, or give the path of one.',
      `没有编码为 "${codeOrFile}" 的流程，也没有这个文件。${near ? `是不是要找 "${near}"？` : ''}运行 "flowbook check" 可列出全部文件，也可以直接给出文件路径。`,
    ),
  );
}

/** Process pages are siblings (p/<code>.html), so a page links another by its file name. */
function linkFromProcessPage(handbook: Handbook, code: string): string | undefined {
  return handbook.byCode.has(code) ? `${encodeURIComponent(code)}.html` : undefined;
}
