/** `flowbook review [root] [--within 30d] [--format text|json|csv] [--today YYYY-MM-DD] [--fail-if-due]` */
import type { Command } from 'commander';
import { EXIT_OK, EXIT_PROBLEMS, UsageError } from '../errors.js';
import { formatOption, todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { messageLanguage } from '../messages.js';
import { words } from '../words.js';
import { loadCheckedHandbook } from './mermaid.js';

export function registerReview(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('review')
    .summary('list processes whose review is overdue or due soon')
    .description(
      'list controlled and uncontrolled processes whose review date is past or within the window ' +
        '(drafts and obsolete processes are left out, as are processes without a review date); ' +
        'the handbook must pass "flowbook check" (errors are printed, exit 1)',
    )
    .argument('[root]', 'handbook folder (holds flowbook.yml and processes/)', '.')
    .option('--within <window>', 'how far ahead to look: days (30d or 30), weeks (8w) or calendar months (3m)', '30d')
    .option('--format <format>', 'text, json or csv', 'text')
    .option('--today <date>', 'the date to count from (YYYY-MM-DD); default: SOURCE_DATE_EPOCH or the clock')
    .option('--fail-if-due', 'exit 1 when any process is due (for CI reminders); otherwise exit 0 either way')
    .action(async (root: string, opts: { within: string; format?: string; today?: string; failIfDue?: boolean }) => {
      const format = formatOption(opts.format, ['text', 'json', 'csv'] as const, 'text');
      const [{ dueForReview }, { formatReviewCsv, formatReviewJson, formatReviewText }, { parseWindow, windowEnd }] = await Promise.all([
        import('../../review/due.js'),
        import('../../review/format.js'),
        import('../../review/window.js'),
      ]);
      const window = parseWindow(opts.within);
      if ('error' in window && window.error === 'too-long')
        throw new UsageError(words(`--within "${opts.within}" is too long; the longest window is 100 years.`, `--within "${opts.within}" 太长；最长只能是 100 年。`));
      if ('error' in window)
        throw new UsageError(
          words(
            `--within "${opts.within}" is not a window; write a number of days, weeks or months, e.g. 30d, 8w, 3m (or 30 for days).`,
            `--within "${opts.within}" 不是有效的时间范围；请写天数、周数或月数，例如 30d、8w、3m（只写数字如 30 表示天数）。`,
          ),
        );
      const today = todayOption(opts.today);
      const handbook = await loadCheckedHandbook(root, today, term, 'review');
      if (!handbook) return done(EXIT_PROBLEMS);
      const until = windowEnd(today, window);
      const report = { today, within: window.text, until, items: dueForReview(handbook, today, until) };
      term.out(format === 'json' ? formatReviewJson(report) : format === 'csv' ? formatReviewCsv(report) : formatReviewText(report, messageLanguage(handbook.settings.language)));
      done(opts.failIfDue && report.items.length > 0 ? EXIT_PROBLEMS : EXIT_OK);
    });
}
