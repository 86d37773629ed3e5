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
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
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
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format ?? '')) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${opts.format}".`);
      const format = opts.format as ExportFormat;
      if (opts.all && codes.length > 0) throw new UsageError('give process codes or --all, not both.');
      if (!opts.all && codes.length === 0) throw new UsageError('name the processes to export (e.g. flowbook export HR-AT-003 --format bpmn), or use --all.');
      const today = todayOption(opts.today);
      const handbook = await loadCheckedHandbook(opts.root, today, term, 'export');
      if (!handbook) return done(EXIT_PROBLEMS);
      const processes: Process[] = opts.all ? [...handbook.processes] : [...new Set(codes.map((c) => findProcess(handbook, c)))];
      const out = path.resolve(opts.out ?? path.join(opts.root, 'export'));
      try {
        await mkdir(out, { recursive: true });
      } catch (e) {
        throw new UserError(`cannot create the folder ${out}: ${(e as Error).message}`);
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
          throw new UserError(`cannot write ${target}: ${(e as Error).message}`);
        }
      }
      const relative = path.relative(process.cwd(), out);
      const shown = relative.startsWith('..') ? out : relative || '.';
      term.out(files.length === 1 ? `wrote ${path.join(shown, files[0]!.name)}\n` : `wrote ${files.length} files to ${shown}${path.sep}\n`);
      done(EXIT_OK);
    });
}
