/** `flowbook approve <code> --by <name> [--as prepared|reviewed|approved] [--date YYYY-MM-DD] [--root dir]` */
import type { Command } from 'commander';
import { EXIT_OK, UsageError } from '../errors.js';
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { isRealDate } from '../../util/dates.js';

const ROLES = ['prepared', 'reviewed', 'approved'] as const;

export function registerApprove(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('approve')
    .summary("record a sign-off bound to the document's content")
    .description(
      'record a sign-off (编制/审核/批准) in the document\'s frontmatter together with the SHA-256 ' +
        'fingerprint of its content; "flowbook check" then reports changed-after-approval when a ' +
        'controlled document is edited after its approval. Only the sign-off entry\'s line changes.',
    )
    .argument('<code>', 'code of the process document')
    .requiredOption('--by <name>', 'who signs')
    .option('--as <role>', 'prepared, reviewed or approved', 'approved')
    .option('--date <date>', 'date of the sign-off (YYYY-MM-DD); default: today')
    .option('--root <dir>', 'handbook folder', '.')
    .option('--today <date>', 'today (YYYY-MM-DD); default: SOURCE_DATE_EPOCH or the clock')
    .action(async (code: string, opts: { by: string; as: string; date?: string; root: string; today?: string }) => {
      if (!(ROLES as readonly string[]).includes(opts.as)) throw new UsageError(`--as must be prepared, reviewed or approved, not "${opts.as}".`);
      const by = opts.by.trim();
      // eslint-disable-next-line no-control-regex
      if (by === '' || /[\u0000-\u001f\u007f\u2028\u2029]/.test(by)) throw new UsageError('--by must be a name on one line, e.g. --by 王军.');
      if (opts.date !== undefined && !isRealDate(opts.date)) throw new UsageError(`--date "${opts.date}" is not a real date; write it as YYYY-MM-DD, e.g. --date 2025-01-31.`);
      const date = opts.date ?? todayOption(opts.today);
      const { approve } = await import('../../control/approve.js');
      const r = await approve(opts.root, { code, by, as: opts.as as (typeof ROLES)[number], date });
      const what = r.previous === undefined ? 'recorded' : r.previous === r.sha256 ? 'recorded again (content unchanged)' : 'recorded for the changed content';
      term.out(`${r.code}${r.version !== undefined ? ` ${r.version}` : ''}: ${r.role} by ${r.by} on ${r.date}, ${what}.\n`);
      term.out(`  ${r.file}:${r.line} sha256: ${r.sha256}\n`);
      for (const n of r.notes) term.out(`  note: ${n}\n`);
      done(EXIT_OK);
    });
}
