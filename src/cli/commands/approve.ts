/** `flowbook approve <code> --by <name> [--as prepared|reviewed|approved] [--date YYYY-MM-DD] [--root dir]` */
import type { Command } from 'commander';
import { EXIT_OK, UsageError } from '../errors.js';
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { messageLanguage } from '../messages.js';
import { inLanguage, words, type Words } from '../words.js';
import { isRealDate } from '../../util/dates.js';

const ROLES = ['prepared', 'reviewed', 'approved'] as const;
type Role = (typeof ROLES)[number];
const ROLES_ZH: Record<Role, string> = { prepared: '编制', reviewed: '审核', approved: '批准' };

/** A note of control/approve.ts's (its words in both languages) as a line of the result. */
export const approvalNote = (note: Words): Words => words(`  note: ${note.en}\n`, `  注意：${note.zh}。\n`);

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
      if (!(ROLES as readonly string[]).includes(opts.as))
        throw new UsageError(words(`--as must be prepared, reviewed or approved, not "${opts.as}".`, `--as 只能是 prepared（编制）、reviewed（审核）或 approved（批准），不能是 "${opts.as}"。`));
      const by = opts.by.trim();
      // eslint-disable-next-line no-control-regex
      if (by === '' || /[\u0000-\u001f\u007f\u2028\u2029]/.test(by)) throw new UsageError(words('--by must be a name on one line, e.g. --by 王军.', '--by 须为写在一行内的姓名，例如 --by 王军。'));
      if (opts.date !== undefined && !isRealDate(opts.date))
        throw new UsageError(
          words(`--date "${opts.date}" is not a real date; write it as YYYY-MM-DD, e.g. --date 2025-01-31.`, `--date "${opts.date}" 不是有效日期；请写成 YYYY-MM-DD，例如 --date 2025-01-31。`),
        );
      const date = opts.date ?? todayOption(opts.today);
      const { approve } = await import('../../control/approve.js');
      const r = await approve(opts.root, { code, by, as: opts.as as Role, date });
      const lang = (term.language = messageLanguage(r.language));
      const head = `${r.code}${r.version !== undefined ? ` ${r.version}` : ''}`;
      const role = ROLES_ZH[r.role];
      const signed = `（${r.by}，${r.date}）`;
      const said =
        r.previous === undefined
          ? words(`${head}: ${r.role} by ${r.by} on ${r.date}, recorded.\n`, `${head}：已记录${role}签署${signed}。\n`)
          : r.previous === r.sha256
            ? words(`${head}: ${r.role} by ${r.by} on ${r.date}, recorded again (content unchanged).\n`, `${head}：已重新记录${role}签署${signed}，内容未变。\n`)
            : words(`${head}: ${r.role} by ${r.by} on ${r.date}, recorded for the changed content.\n`, `${head}：已按修改后的内容记录${role}签署${signed}。\n`);
      term.out(inLanguage(said, lang));
      term.out(`  ${r.file}:${r.line} sha256: ${r.sha256}\n`);
      for (const n of r.notes) term.out(inLanguage(approvalNote(n), lang));
      done(EXIT_OK);
    });
}
