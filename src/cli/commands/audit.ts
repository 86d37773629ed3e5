/** `flowbook audit [root] [--since YYYY-MM-DD] [--pdf] [--out file.html] [--today YYYY-MM-DD]` */
import type { Command } from 'commander';
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { EXIT_OK, EXIT_PROBLEMS, UsageError } from '../errors.js';
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { messageLanguage } from '../messages.js';
import { inLanguage, words } from '../words.js';
import { noPdfMade, registerWarning } from './print.js';
import { isRealDate } from '../../util/dates.js';

export function registerAudit(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('audit')
    .summary('write the document-control evidence binder for an auditor (HTML, PDF)')
    .description(
      'write one evidence binder (ISO 9001 7.5): the master list, approvals with their content ' +
        'checks, controlled copies issued and returned, copies to recall, the obsolete register, ' +
        'overdue reviews and the changes in the period. The handbook must pass "flowbook check" ' +
        'apart from changed-after-approval, which the binder shows.',
    )
    .argument('[root]', 'handbook folder (holds flowbook.yml and processes/)', '.')
    .option('--since <date>', 'first day of the period (YYYY-MM-DD); default: every record')
    .option('--pdf', 'also a PDF (needs Chromium or Chrome on this machine)')
    .option('--out <file>', 'the HTML file to write (default: print/audit-<today>.html in the handbook folder); the PDF goes beside it')
    .option('--today <date>', 'the date of the binder (YYYY-MM-DD); default: SOURCE_DATE_EPOCH or the clock')
    .action(async (root: string, opts: { since?: string; pdf?: boolean; out?: string; today?: string }) => {
      const today = todayOption(opts.today);
      if (opts.since !== undefined && !isRealDate(opts.since))
        throw new UsageError(
          words(`--since "${opts.since}" is not a real date; write it as YYYY-MM-DD, e.g. --since 2025-01-01.`, `--since "${opts.since}" 不是有效日期；请写成 YYYY-MM-DD，例如 --since 2025-01-01。`),
        );
      if (opts.since !== undefined && opts.since > today) throw new UsageError(words(`--since ${opts.since} is after today (${today}).`, `--since ${opts.since} 晚于今天（${today}）。`));
      const [{ loadForAudit }, { auditPack, auditHtml }, { formatText }, { writeAtomic }] = await Promise.all([
        import('../../control/audit-load.js'),
        import('../../control/audit.js'),
        import('../../diagnostics/format.js'),
        import('../../print/issue.js'),
      ]);
      const loaded = await loadForAudit(root, today);
      const lang = (term.language = messageLanguage(loaded.language));
      if (!loaded.handbook) {
        term.err(formatText(loaded.diagnostics.filter((d) => d.severity === 'error'), loaded.documentCount, { color: term.color, language: lang }));
        term.err(
          inLanguage(
            words(
              'flowbook audit needs a handbook without errors (other than changed-after-approval): fix them (see "flowbook check"), then run it again.\n',
              'flowbook audit 要求手册没有错误（changed-after-approval 除外）：请先修正（见 "flowbook check"），再重新运行。\n',
            ),
            lang,
          ),
        );
        done(EXIT_PROBLEMS);
        return;
      }
      const { handbook, register } = loaded;
      for (const p of register.problems) term.err(inLanguage(registerWarning('register/distribution.csv', p), lang));
      const pack = auditPack(handbook, register.entries, { today, ...(opts.since !== undefined && { since: opts.since }) });
      const html = auditHtml(pack, handbook, { root: handbook.root, problems: register.problems });
      const file = path.resolve(opts.out ?? path.join(handbook.root, 'print', `audit-${today}.html`));
      await mkdir(path.dirname(file), { recursive: true });
      await writeAtomic(file, html);
      const c = pack.counts;
      const rel = (f: string) => path.relative(process.cwd(), f) || f;
      term.out(
        inLanguage(
          words(
            `audit: ${rel(file)}\n` +
              `  ${c.documents} current documents (${c.verified} approvals verified, ${c.changed} changed after approval, ${c.unrecorded} without fingerprint), ${c.obsolete} obsolete\n` +
              `  copies: ${c.issuedInPeriod} issued and ${c.returnedInPeriod} returned in the period; ${c.out} out, ${c.toRecall} to recall\n` +
              `  ${c.overdue} overdue reviews, ${c.changes} changes in the period${opts.since ? ` (since ${opts.since})` : ''}\n`,
            `审核证据：${rel(file)}\n` +
              `  现行文件 ${c.documents} 份（批准已核验 ${c.verified} 份，批准后已修改 ${c.changed} 份，未记录指纹 ${c.unrecorded} 份），作废文件 ${c.obsolete} 份\n` +
              `  副本：期间内发放 ${c.issuedInPeriod} 份、收回 ${c.returnedInPeriod} 份；目前在外 ${c.out} 份，待收回 ${c.toRecall} 份\n` +
              `  逾期评审 ${c.overdue} 份，期间内变更 ${c.changes} 条${opts.since ? `（自 ${opts.since} 起）` : ''}\n`,
          ),
          lang,
        ),
      );
      if (opts.pdf) {
        const [{ findBrowser, NO_BROWSER_HELP_WORDS }, { openPdfRenderer, countPdfPages }, { controlLabels }] = await Promise.all([
          import('../../util/browser.js'),
          import('../../print/pdf.js'),
          import('../../control/control-labels.js'),
        ]);
        const found = findBrowser(handbook.settings.browser);
        if (!found) term.err(inLanguage(noPdfMade(NO_BROWSER_HELP_WORDS), lang));
        else {
          const renderer = await openPdfRenderer(found.path);
          try {
            const bytes = await renderer.pdf(html, {
              outline: true,
              info: { title: `${controlLabels(handbook.settings.language).auditTitle} · ${handbook.settings.title}`, author: handbook.settings.organisation, creator: 'Flowbook', date: today },
            });
            const pdfFile = file.replace(/\.html?$/i, '') + '.pdf';
            await writeAtomic(pdfFile, bytes);
            const pages = countPdfPages(bytes);
            term.out(inLanguage(words(`  PDF: ${rel(pdfFile)} (${pages} pages, made with ${found.name})\n`, `  PDF：${rel(pdfFile)}（${pages} 页，由 ${found.name} 生成）\n`), lang));
          } finally {
            await renderer.close();
          }
        }
      }
      done(EXIT_OK);
    });
}
