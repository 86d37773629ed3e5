/** `flowbook new <code> --name <name> [...]`: a new process document from the template. */
import type { Command } from 'commander';
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasLoneSurrogate } from '../../init/yaml.js';
import { STATUSES, type Status } from '../../model/types.js';
import { EXIT_OK, UsageError, UserError } from '../errors.js';
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { messageLanguage } from '../messages.js';
import { inLanguage, words } from '../words.js';

interface NewOptions {
  name: string;
  owner?: string;
  control?: string;
  roles?: string;
  category?: string;
  status: string;
  root: string;
  file?: string;
  today?: string;
}

export function registerNew(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('new')
    .description('write a new process document from the template (status draft by default), then check it')
    .argument('<code>', 'document code (编码), e.g. HR-AT-009: letters, digits, -, _ and ., unique in the handbook')
    .requiredOption('--name <name>', 'process name (流程名称)')
    .option('--owner <department>', 'department that executes the process (执行核心部门)')
    .option('--control <department>', 'department or post that controls it (控制部门)')
    .option('--roles <roles>', 'the roles (swimlanes) in order, separated by commas, e.g. 员工,部门负责人,人力资源部')
    .option('--category <category>', 'grouping on the home page and in search')
    .option('--status <status>', `one of ${STATUSES.join(', ')}; anything but draft needs more filled in (controlled: the sign-off)`, 'draft')
    .option('--root <dir>', 'handbook folder (holds flowbook.yml and processes/)', '.')
    .option('--file <path>', 'where to write it, under processes/ (default processes/<code>.md)')
    .option('--today <date>', 'date of the first revision entry (YYYY-MM-DD); default: SOURCE_DATE_EPOCH or the clock')
    .action(async (code: string, opts: NewOptions) => {
      const [{ parseSettings, SETTINGS_FILE }, { formatDiagnostic, plural }, { newDocument, splitRoles }, { loadHandbook, checkSources }, { parseProcessDocument }, { PROCESSES_DIR, readHandbookSources }, { codeProblem }, { codeProblemText }, { CATALOGUE_ZH }] =
        await Promise.all([
          import('../../config/settings.js'),
          import('../../diagnostics/format.js'),
          import('../../init/template.js'),
          import('../../load.js'),
          import('../../parse/document.js'),
          import('../../source/read-handbook.js'),
          import('../../validate/fields.js'),
          import('../../diagnostics/catalogue.js'),
          import('../../diagnostics/catalogue-zh.js'),
        ]);
      // Usage first (exit 2), then the handbook (exit 1).
      // The checker's own rule, so `new` never writes a code that `check` then rejects.
      const problem = codeProblem(code);
      if (problem !== undefined) {
        const why = codeProblemText({ code, ...problem });
        const whyZh = CATALOGUE_ZH['invalid-code']?.message({ code, ...problem }) ?? why;
        throw new UsageError(words(`"${code}" is not a valid code: ${why} (e.g. HR-AT-009).`, `"${code}" 不是有效的编码：${whyZh}（例如 HR-AT-009）。`));
      }
      const name = textOption('--name', opts.name)!;
      const owner = textOption('--owner', opts.owner);
      const control = textOption('--control', opts.control);
      const category = textOption('--category', opts.category);
      if (!(STATUSES as readonly string[]).includes(opts.status)) throw new UsageError(words(`--status must be one of ${STATUSES.join(', ')}, not "${opts.status}".`, `--status 只能是 ${STATUSES.join('、')} 之一，不能是 "${opts.status}"。`));
      const status = opts.status as Status;
      let roles: string[] | undefined;
      if (opts.roles !== undefined) {
        roles = splitRoles(opts.roles);
        if (roles.length === 0) throw new UsageError(words('--roles lists no roles; write them separated by commas, e.g. --roles 员工,部门负责人,人力资源部.', '--roles 中没有角色；请用逗号分隔列出各角色，例如 --roles 员工,部门负责人,人力资源部。'));
        const twice = roles.find((r, i) => roles!.indexOf(r) !== i);
        if (twice !== undefined) throw new UsageError(words(`--roles lists "${twice}" twice; each role is one swimlane.`, `--roles 中 "${twice}" 出现了两次；每个角色是一条泳道。`));
        roles.forEach((r) => textOption('--roles', r));
      }
      const today = todayOption(opts.today);

      const root = path.resolve(opts.root);
      const settingsPath = path.join(root, SETTINGS_FILE);
      const hasSettings = existsSync(settingsPath);
      if (!hasSettings && !existsSync(path.join(root, PROCESSES_DIR)))
        throw new UserError(
          words(
            `${opts.root === '.' ? 'this folder' : opts.root} is not a handbook (no ${SETTINGS_FILE}, no ${PROCESSES_DIR}/). Run "flowbook init" first, or point --root at the handbook.`,
            `${opts.root === '.' ? '当前文件夹' : `${opts.root} `}不是流程手册（没有 ${SETTINGS_FILE}，也没有 ${PROCESSES_DIR}/）。请先运行 "flowbook init"，或用 --root 指向手册文件夹。`,
          ),
        );
      const { settings, languageSet } = parseSettings(hasSettings ? readFileSync(settingsPath, 'utf8') : undefined);

      const rel = targetFile(root, code, opts.file, PROCESSES_DIR);
      const target = path.join(root, ...rel.split('/'));

      const sources = await readHandbookSources(root);
      // The template's words, and this command's, in the handbook's language: flowbook.yml's, else the one its documents are written in.
      const language = languageSet ? settings.language : checkSources(sources, { today }).language.language;
      const lang = messageLanguage(language);
      term.language = lang;

      // The code must be new, also when letter case is ignored (codes name files on case-insensitive disks).
      for (const src of sources.documents) {
        const other = parseProcessDocument(src.file, src.text).data?.code;
        if (typeof other !== 'string') continue;
        if (other === code) throw new UserError(words(`code "${code}" is already used by ${src.file}. Choose another code.`, `编码 "${code}" 已被 ${src.file} 使用。请换一个编码。`));
        if (other.toLowerCase() === code.toLowerCase())
          throw new UserError(
            words(
              `code "${code}" differs only in letter case from "${other}" in ${src.file}; codes name files, and some disks ignore case. Choose another code.`,
              `编码 "${code}" 与 ${src.file} 中的 "${other}" 只有大小写不同；编码用作文件名，而有些磁盘不区分大小写。请换一个编码。`,
            ),
          );
      }
      if (exists(target)) throw new UserError(words(`${rel} already exists. Choose another code, or give another file with --file.`, `${rel} 已存在。请换一个编码，或用 --file 指定其他文件。`));

      const text = newDocument({ code, name, language, today, status, owner, control, category, roles });
      try {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, text, { flag: 'wx' });
      } catch (e) {
        throw new UserError(words(`cannot write ${rel}: ${(e as Error).message}`, `无法写入 ${rel}：${(e as Error).message}`));
      }
      const line = (en: string, zh: string) => inLanguage(words(en, zh), lang);
      term.out(line(`Created ${rel} (${code}, status ${status}).\n`, `已创建 ${rel}（${code}，状态 ${status}）。\n`));

      const result = await loadHandbook(root, { today });
      const mine = result.diagnostics.filter((d) => d.file === rel);
      if (mine.length > 0) {
        const errors = mine.filter((d) => d.severity === 'error').length;
        term.err(
          mine.map((d) => formatDiagnostic(d, { color: term.color, language: lang })).join('\n') +
            line(
              `\n${rel}: ${plural(errors, 'error')}, ${plural(mine.length - errors, 'warning')}; the file was written: fix these before publishing.\n`,
              `\n${rel}：${errors} 个错误，${mine.length - errors} 个警告；文件已写入：发布前请先修正。\n`,
            ),
        );
      } else
        term.out(
          line(
            `It passes "flowbook check". Replace the TODO texts with the real steps, then run "flowbook check" again.\n`,
            `已通过 "flowbook check"。请把各处 TODO 文字换成实际步骤，然后再运行一次 "flowbook check"。\n`,
          ),
        );
      const others = result.diagnostics.filter((d) => d.file !== rel && d.severity === 'error').length;
      if (others > 0) term.err(line(`(${plural(others, 'error')} in other files; run "flowbook check" to see them.)\n`, `（其他文件中有 ${others} 个错误；运行 "flowbook check" 查看。）\n`));
      done(EXIT_OK);
    });
}

/** A non-empty option value that YAML can hold. */
function textOption(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v.trim() === '') throw new UsageError(words(`${flag} must not be empty.`, `${flag} 不能为空。`));
  if (hasLoneSurrogate(v)) throw new UsageError(words(`${flag} contains a broken character (a lone UTF-16 surrogate).`, `${flag} 含有损坏的字符（孤立的 UTF-16 代理项）。`));
  return v;
}

/** The document's path relative to the root (`/` separators): processes/<code>.md, or --file checked to be a document path. */
function targetFile(root: string, code: string, file: string | undefined, PROCESSES_DIR: string): string {
  if (file === undefined) return `${PROCESSES_DIR}/${code}.md`;
  const abs = path.resolve(file);
  const rel = path.relative(path.join(root, PROCESSES_DIR), abs);
  const parts = rel.split(path.sep);
  if (rel === '' || path.isAbsolute(rel) || parts[0] === '..') {
    const example = path.join(path.relative(process.cwd(), root) || '.', PROCESSES_DIR, `${code}.md`);
    throw new UsageError(
      words(`--file ${file} is not inside ${PROCESSES_DIR}/ of the handbook; write a path such as ${example}.`, `--file ${file} 不在手册的 ${PROCESSES_DIR}/ 文件夹中；请写成 ${example} 这样的路径。`),
    );
  }
  if (!abs.endsWith('.md')) throw new UsageError(words(`--file ${file} must end with .md: only .md files are process documents.`, `--file ${file} 必须以 .md 结尾：只有 .md 文件才是流程文档。`));
  const hidden = parts.find((p) => p.startsWith('_') || p.startsWith('.'));
  if (hidden !== undefined)
    throw new UsageError(words(`--file ${file}: names starting with _ or . are ignored by flowbook ("${hidden}"); choose another name.`, `--file ${file}：以 _ 或 . 开头的名称会被 flowbook 忽略（"${hidden}"）；请换一个名称。`));
  return [PROCESSES_DIR, ...parts].join('/');
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
