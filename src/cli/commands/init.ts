/** `flowbook init [dir] [--language zh-CN|en] [--title ...] [--organisation ...]`: start a handbook. */
import type { Command } from 'commander';
import { lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '../../model/types.js';
import { EXIT_OK, UsageError, UserError } from '../errors.js';
import { envLanguage } from '../messages.js';
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { inLanguage, words } from '../words.js';

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
      // The handbook does not exist yet: init speaks the language it is asked to write it in
      // (zh-CN unless --language en; a misspelt "EN", "en-GB" ... counts as English), unless FLOWBOOK_LANG says.
      const lang = envLanguage() ?? (/^en/i.test(opts.language) ? 'en' : 'zh');
      term.language = lang;
      const language = languageOption(opts.language);
      const today = todayOption(opts.today);
      for (const [flag, v] of [['--title', opts.title], ['--organisation', opts.organisation]] as const)
        if (v !== undefined && v.trim() === '') throw new UsageError(words(`${flag} must not be empty.`, `${flag} 不能为空。`));
      const { handbookFiles } = await import('../../init/handbook.js');
      const files = handbookFiles({ language, today, schemaText: readFileSync(SCHEMA, 'utf8'), title: opts.title, organisation: opts.organisation });

      const abs = path.resolve(dir);
      const kind = typeOf(abs);
      if (kind !== undefined && kind !== 'dir') throw new UserError(words(`${dir} exists and is not a folder.`, `${dir} 已存在，但不是文件夹。`));
      const conflicts = files.filter((f) => blocked(abs, f.path)).map((f) => f.path);
      if (conflicts.length > 0) {
        const list = conflicts.map((c) => `  ${c}`).join('\n');
        throw new UserError(
          words(
            `${dir === '.' ? 'this folder' : dir} already has ${conflicts.length === 1 ? 'a file' : 'files'} that init would write; nothing was written:\n` +
              list +
              '\nMove or rename them, or run "flowbook init <new-folder>".',
            `${dir === '.' ? '当前文件夹' : `${dir} `}中已有 init 要写的文件，未写入任何文件：\n` + list + '\n请移走或重命名这些文件，或运行 "flowbook init <新文件夹>"。',
          ),
        );
      }

      for (const f of files) {
        const target = path.join(abs, ...f.path.split('/'));
        try {
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(target, f.content, { flag: 'wx' });
        } catch (e) {
          throw new UserError(words(`cannot write ${f.path}: ${(e as Error).message}`, `无法写入 ${f.path}：${(e as Error).message}`));
        }
      }
      const cd = path.relative(process.cwd(), abs) || '.';
      const list = files.map((f) => `  ${f.path}`).join('\n');
      const cdLine = cd === '.' ? '' : `  cd ${/^[\w./-]+$/.test(cd) ? cd : JSON.stringify(cd)}\n`;
      // The example's name follows the handbook's language, the words around it the messages'.
      const example = `flowbook new HR-AT-001 --name ${language === 'en' ? '"Overtime request"' : '加班流程'}`;
      term.out(
        inLanguage(
          words(
            `Created a ${language} handbook in ${cd === '.' ? 'this folder' : cd}:\n` +
              list +
              '\n\nNext:\n' +
              cdLine +
              '  flowbook check     check the process documents\n' +
              `  ${example}   add a process from the template\n` +
              '  flowbook build     build the website into site/\n' +
              '  flowbook dev       preview the website while you edit\n',
            `已在${cd === '.' ? '当前文件夹' : ` ${cd} `}创建流程手册（${language}）：\n` +
              list +
              '\n\n下一步：\n' +
              cdLine +
              '  flowbook check     检查流程文档\n' +
              `  ${example}   按模板新增一个流程\n` +
              '  flowbook build     生成网站，输出到 site/\n' +
              '  flowbook dev       边编辑边预览网站\n',
          ),
          lang,
        ),
      );
      done(EXIT_OK);
    });
}

function languageOption(v: string): Language {
  if (v === 'zh-CN' || v === 'en') return v;
  const near = /^zh/i.test(v) ? 'zh-CN' : /^en/i.test(v) ? 'en' : undefined;
  throw new UsageError(
    words(`--language must be zh-CN or en, not "${v}".${near === undefined ? '' : ` Did you mean ${near}?`}`, `--language 只能是 zh-CN 或 en，不能是 "${v}"。${near === undefined ? '' : `是否应为 ${near}？`}`),
  );
}

function typeOf(p: string): 'dir' | 'other' | undefined {
  try {
    return lstatSync(p).isDirectory() ? 'dir' : 'other';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(words(`cannot read ${p}: ${(e as Error).message}`, `无法读取 ${p}：${(e as Error).message}`));
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
