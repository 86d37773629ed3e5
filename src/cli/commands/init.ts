/** `flowbook init [dir] [--language zh-CN|en] [--title ...] [--organisation ...]`: start a handbook. */
import type { Command } from 'commander';
import { lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '../../model/types.js';
import { EXIT_OK, UsageError, UserError } from '../errors.js';
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';

/** schema/process.schema.json of this package (dist/cli/commands/ or src/cli/commands/ -> the package root). */
const SCHEMA = fileURLToPath(new URL('../../../schema/process.schema.json', import.meta.url));

export function registerInit(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('init')
    .summary('start a handbook in a folder (never overwrites a file)')
    .description('start a handbook: flowbook.yml, two example processes, editor schema, .gitignore, README.md (never overwrites a file)')
    .argument('[dir]', 'folder for the handbook; created if missing', '.')
    .option('--language <language>', 'zh-CN or en: the interface language and the examples\' text', 'zh-CN')
    .option('--title <title>', 'handbook title (default 流程手册 / Process Handbook)')
    .option('--organisation <name>', 'organisation name shown on the pages')
    .option('--today <date>', 'date the examples are signed off around (YYYY-MM-DD); default: SOURCE_DATE_EPOCH or the clock')
    .action(async (dir: string, opts: { language: string; title?: string; organisation?: string; today?: string }) => {
      const language = languageOption(opts.language);
      const today = todayOption(opts.today);
      for (const [flag, v] of [['--title', opts.title], ['--organisation', opts.organisation]] as const)
        if (v !== undefined && v.trim() === '') throw new UsageError(`${flag} must not be empty.`);
      const { handbookFiles } = await import('../../init/handbook.js');
      const files = handbookFiles({ language, today, schemaText: readFileSync(SCHEMA, 'utf8'), title: opts.title, organisation: opts.organisation });

      const abs = path.resolve(dir);
      const kind = typeOf(abs);
      if (kind !== undefined && kind !== 'dir') throw new UserError(`${dir} exists and is not a folder.`);
      const conflicts = files.filter((f) => blocked(abs, f.path)).map((f) => f.path);
      if (conflicts.length > 0)
        throw new UserError(
          `${dir === '.' ? 'this folder' : dir} already has ${conflicts.length === 1 ? 'a file' : 'files'} that init would write; nothing was written:\n` +
            conflicts.map((c) => `  ${c}`).join('\n') +
            '\nMove or rename them, or run "flowbook init <new-folder>".',
        );

      for (const f of files) {
        const target = path.join(abs, ...f.path.split('/'));
        try {
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(target, f.content, { flag: 'wx' });
        } catch (e) {
          throw new UserError(`cannot write ${f.path}: ${(e as Error).message}`);
        }
      }
      const cd = path.relative(process.cwd(), abs) || '.';
      term.out(
        `Created a ${language} handbook in ${cd === '.' ? 'this folder' : cd}:\n` +
          files.map((f) => `  ${f.path}`).join('\n') +
          '\n\nNext:\n' +
          (cd === '.' ? '' : `  cd ${/^[\w./-]+$/.test(cd) ? cd : JSON.stringify(cd)}\n`) +
          '  flowbook check     check the process documents\n' +
          `  flowbook new HR-AT-001 --name ${language === 'en' ? '"Overtime request"' : '加班流程'}   add a process from the template\n` +
          '  flowbook build     build the website into site/\n' +
          '  flowbook dev       preview the website while you edit\n',
      );
      done(EXIT_OK);
    });
}

function languageOption(v: string): Language {
  if (v === 'zh-CN' || v === 'en') return v;
  const near = /^zh/i.test(v) ? ' Did you mean zh-CN?' : /^en/i.test(v) ? ' Did you mean en?' : '';
  throw new UsageError(`--language must be zh-CN or en, not "${v}".${near}`);
}

function typeOf(p: string): 'dir' | 'other' | undefined {
  try {
    return lstatSync(p).isDirectory() ? 'dir' : 'other';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`cannot read ${p}: ${(e as Error).message}`);
  }
}

/** The file exists (as anything, a link included), or one of its folders is not a folder. */
function blocked(root: string, rel: string): boolean {
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) {
    const t = typeOf(path.join(root, ...parts.slice(0, i)));
    if (t === 'other') return true;
    if (t === undefined) return false;
  }
  return typeOf(path.join(root, ...parts)) !== undefined;
}
