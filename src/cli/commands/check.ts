/** `flowbook check [root] [--strict] [--format text|json] [--today YYYY-MM-DD]` */
import type { Command } from 'commander';
import { EXIT_OK, EXIT_PROBLEMS } from '../errors.js';
import { formatOption, todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { messageLanguage } from '../messages.js';

export function registerCheck(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('check')
    .description('check every process document; exit 1 on errors (or warnings with --strict)')
    .argument('[root]', 'handbook folder (holds flowbook.yml and processes/)', '.')
    .option('--strict', 'treat warnings as errors')
    .option('--format <format>', 'text or json', 'text')
    .option('--today <date>', 'the date for review-date warnings (YYYY-MM-DD); default: SOURCE_DATE_EPOCH or the clock')
    .action(async (root: string, opts: { strict?: boolean; format?: string; today?: string }) => {
      const format = formatOption(opts.format, ['text', 'json'] as const, 'text');
      const today = todayOption(opts.today);
      const [{ loadHandbook }, { formatJson, formatText }] = await Promise.all([import('../../load.js'), import('../../diagnostics/format.js')]);
      const result = await loadHandbook(root, { today, strict: opts.strict });
      // Messages in the handbook's language (or FLOWBOOK_LANG's); codes, files and fields are the same in any.
      const language = messageLanguage(result.language.language);
      if (format === 'json') term.out(formatJson(result.diagnostics, result.documentCount, language));
      else (result.diagnostics.length ? term.err : term.out)(formatText(result.diagnostics, result.documentCount, { color: term.color, language }));
      done(result.diagnostics.some((d) => d.severity === 'error') ? EXIT_PROBLEMS : EXIT_OK);
    });
}
