/**
 * `flowbook export <code...>|--all --format bpmn|drawio|xlsx [--out dir] [--root dir] [--today]`:
 * processes for other tools. BPMN 2.0 (laid out, with lanes) and draw.io files, one per process;
 * a step-table workbook (master data + one sheet per process) for all chosen processes at once.
 * The converters are pure (src/interchange/); this file reads the handbook and writes the files.
 */
import type { Command } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Process } from '../../model/types.js';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, UserError } from '../errors.js';
import { messageLanguage } from '../messages.js';
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { inLanguage, words } from '../words.js';
import { findProcess, loadCheckedHandbook } from './mermaid.js';

export const EXPORT_FORMATS = ['bpmn', 'drawio', 'xlsx'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface ExportFlags {
  all?: boolean;
  format?: string;
  out?: string;
  root: string;
  today?: string;
}

export function registerExport(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('export')
    .summary('write processes as BPMN 2.0, draw.io or an Excel step table')
    .description(
      'write processes for other tools: BPMN 2.0 with lanes and layout (Camunda Modeler, bpmn.io, Signavio), draw.io ' +
        'swimlane charts (one file per process), or an Excel workbook of step tables with the master data (all chosen ' +
        'processes in one file); the handbook must pass "flowbook check"',
    )
    .argument('[codes...]', 'process codes (or document paths) to export')
    .option('--all', 'every process of the handbook')
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .option('--out <folder>', 'where to write the files (default: export/ in the handbook folder)')
    .option('--root <folder>', 'handbook folder (holds flowbook.yml and processes/)', '.')
    .option('--today <date>', 'the date for review-date checks (YYYY-MM-DD); default: SOURCE_DATE_EPOCH or the clock')
    .action(async (codes: string[], opts: ExportFlags) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format ?? ''))
        throw new UsageError(words(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${opts.format}".`, `--format 只能是 ${EXPORT_FORMATS.join('、')} 之一，不能是 "${opts.format}"。`));
      const format = opts.format as ExportFormat;
      if (opts.all && codes.length > 0) throw new UsageError(words('give process codes or --all, not both.', '请给出流程编码或 --all，不能两者都给。'));
      if (!opts.all && codes.length === 0)
        throw new UsageError(words('name the processes to export (e.g. flowbook export HR-AT-003 --format bpmn), or use --all.', '请指定要导出的流程（例如 flowbook export HR-AT-003 --format bpmn），或使用 --all。'));
      const today = todayOption(opts.today);
      const handbook = await loadCheckedHandbook(opts.root, today, term, 'export');
      if (!handbook) return done(EXIT_PROBLEMS);
      // The handbook's language (flowbook.yml's, else its documents'), unless FLOWBOOK_LANG says.
      const lang = messageLanguage(handbook.settings.language);
      term.language = lang;
      const processes: Process[] = opts.all ? [...handbook.processes] : [...new Set(codes.map((c) => findProcess(handbook, c)))];
      const out = path.resolve(opts.out ?? path.join(opts.root, 'export'));
      try {
        await mkdir(out, { recursive: true });
      } catch (e) {
        throw new UserError(words(`cannot create the folder ${out}: ${(e as Error).message}`, `无法创建文件夹 ${out}：${(e as Error).message}`));
      }
      const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };
      const language = handbook.settings.language;
      const files: { name: string; content: string | Uint8Array }[] = [];
      if (format === 'bpmn') {
        const { toBpmn } = await import('../../interchange/bpmn-export.js');
        for (const p of processes) files.push({ name: `${p.code}.bpmn`, content: toBpmn(p, { version, language }) });
      } else if (format === 'drawio') {
        const { toDrawio } = await import('../../interchange/drawio-export.js');
        for (const p of processes) files.push({ name: `${p.code}.drawio`, content: toDrawio(p, { version }) });
      } else {
        const { toXlsx } = await import('../../interchange/xlsx.js');
        const name = processes.length === 1 ? `${processes[0]!.code}.xlsx` : language === 'en' ? 'processes.xlsx' : '流程步骤表.xlsx';
        files.push({ name, content: await toXlsx(processes, language) });
      }
      for (const f of files) {
        const target = path.join(out, f.name);
        try {
          await writeFile(target, f.content);
        } catch (e) {
          throw new UserError(words(`cannot write ${target}: ${(e as Error).message}`, `无法写入 ${target}：${(e as Error).message}`));
        }
      }
      const relative = path.relative(process.cwd(), out);
      const shown = relative.startsWith('..') ? out : relative || '.';
      term.out(
        inLanguage(
          files.length === 1
            ? words(`wrote ${path.join(shown, files[0]!.name)}\n`, `已写入 ${path.join(shown, files[0]!.name)}\n`)
            : words(`wrote ${files.length} files to ${shown}${path.sep}\n`, `已将 ${files.length} 个文件写入 ${shown}${path.sep}\n`),
          lang,
        ),
      );
      done(EXIT_OK);
    });
}
