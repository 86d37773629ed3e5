/**
 * `flowbook import <file.xlsx|file.csv|file.bpmn> [--code C] [--name N] [--out processes/x.md] [--root dir] [--force]`:
 * a step table or a BPMN file -> a process document of the handbook. The converters are pure
 * (src/interchange/); this file reads the input, checks the new document together with the rest of
 * the handbook before anything is written, and writes it only inside processes/, never through a
 * symbolic link, and never over an existing file without --force.
 */
import type { Command } from 'commander';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { hasLoneSurrogate } from '../../init/yaml.js';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, UserError } from '../errors.js';
import { envLanguage, messageLanguage, say, type MessageLanguage } from '../messages.js';
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { inLanguage, words, type Words } from '../words.js';
import type { ImportedDocument, ImportNote } from '../../interchange/document.js';
import type { Language } from '../../model/types.js';
import type { HandbookSources } from '../../source/read-handbook.js';

interface ImportFlags {
  code?: string;
  name?: string;
  out?: string;
  root: string;
  force?: boolean;
  process?: string;
  today?: string;
}

/** Larger inputs are refused: a step table of a process is a few kilobytes. */
const MAX_INPUT_BYTES = 20 * 1024 * 1024;

export function registerImport(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('import')
    .summary('write a process document from an Excel/CSV step table or a BPMN file')
    .description(
      'write a process document from a step table (.xlsx or .csv with columns 序号/step, 行为实施环节/role, 管理行为/text, ' +
        '下一步/next, 类型/type, 说明/note, in any order) or from a BPMN 2.0 file (.bpmn); the document is checked with the ' +
        'handbook before it is written, and an existing file is only replaced with --force',
    )
    .argument('<file>', 'the .xlsx, .csv or .bpmn file to import')
    .option('--code <code>', 'document code (编码) of the new process; needed unless the file says it')
    .option('--name <name>', 'process name (流程名称); default: from the file (master data, BPMN process, sheet name)')
    .option('--out <file>', 'where to write it, under processes/ (default: processes/<code>.md)')
    .option('--root <folder>', 'handbook folder (holds flowbook.yml and processes/)', '.')
    .option('--force', 'replace the document if it exists')
    .option('--process <id>', 'with a BPMN file of several processes: the one to import (id or name)')
    .option('--today <date>', 'the date for review-date checks (YYYY-MM-DD); default: SOURCE_DATE_EPOCH or the clock')
    .action((file: string, opts: ImportFlags) => importFile(file, opts, term, done));
}

/** The modules the command needs, loaded when it runs so that start-up stays light (see test/cli/lazy-commands.test.ts). */
async function loadModules() {
  const [{ parseSettings, SETTINGS_FILE }, { codeProblemText }, { CATALOGUE_ZH }, { formatDiagnostic, plural }, { checkSources }, { parseProcessDocument }, { lookUp }, { PROCESSES_DIR, readHandbookSources }, { codeProblem }] = await Promise.all([
    import('../../config/settings.js'),
    import('../../diagnostics/catalogue.js'),
    import('../../diagnostics/catalogue-zh.js'),
    import('../../diagnostics/format.js'),
    import('../../load.js'),
    import('../../parse/document.js'),
    import('../../source/files.js'),
    import('../../source/read-handbook.js'),
    import('../../validate/fields.js'),
  ]);
  /** Why `code` is not a valid code, in both languages (undefined: it is valid). */
  const codeProblemWords = (code: string): Words | undefined => {
    const problem = codeProblem(code);
    if (problem === undefined) return undefined;
    const en = codeProblemText({ code, ...problem });
    return words(en, CATALOGUE_ZH['invalid-code']?.message({ code, ...problem }) ?? en);
  };
  return { parseSettings, SETTINGS_FILE, codeProblemWords, formatDiagnostic, plural, checkSources, parseProcessDocument, lookUp, PROCESSES_DIR, readHandbookSources };
}

type Modules = Awaited<ReturnType<typeof loadModules>>;

/** The handbook as the import sees it: its sources, language, and the codes already in use. */
interface Handbook {
  readonly root: string;
  readonly sources: HandbookSources;
  readonly language: Language;
  /** The language of this command's messages: FLOWBOOK_LANG, else flowbook.yml's, else the documents'. */
  readonly messages: MessageLanguage;
  /** code -> process name, for links to other processes. */
  readonly names: ReadonlyMap<string, string>;
  /** lower-case code -> the file that has it. */
  readonly codeFiles: ReadonlyMap<string, string>;
}

/** Where the new document goes, relative to the root and absolute, and whether a file is there already. */
interface Target {
  readonly rel: string;
  readonly abs: string;
  readonly exists: boolean;
}

async function importFile(file: string, opts: ImportFlags, term: Terminal, done: (code: number) => void): Promise<void> {
  const m = await loadModules();
  const ext = checkArguments(file, opts, m);
  const today = todayOption(opts.today);
  const handbook = await readHandbook(opts.root, today, m);
  const lang = handbook.messages;
  term.language = lang;
  const result = await convert(file, ext, opts, handbook);
  const { writeDocument } = await import('../../interchange/document.js');
  const document = result.document;
  const problem = m.codeProblemWords(document.code);
  if (problem !== undefined)
    throw new UserError(
      words(
        `the file gives the code "${document.code}", which is not valid: ${problem.en}. Give another with --code.`,
        `文件中的编码 "${document.code}" 无效：${problem.zh}。请用 --code 另给一个编码。`,
      ),
    );
  const target = placeDocument(handbook, document.code, opts, m);

  const text = writeDocument(document);
  const mine = diagnosticsWithHandbook(handbook, target.rel, text, today, m);
  const errors = mine.filter((d) => d.severity === 'error');
  const style = { color: term.color, language: lang };
  // The notes' words are the converters' (src/interchange/), in both languages.
  for (const n of result.notes) term.err(say(lang, 'note', { text: inLanguage(n.words, lang) }) + '\n');
  if (errors.length > 0) {
    term.err(
      mine.map((d) => m.formatDiagnostic(d, style)).join('\n') +
        inLanguage(
          words(`\n${target.rel} was not written: the imported document would not pass "flowbook check".\n`, `\n未写入 ${target.rel}：导入的文档无法通过 "flowbook check"。\n`),
          lang,
        ),
    );
    return done(EXIT_PROBLEMS);
  }
  writeTarget(target, text);
  const { code, status, steps, roles } = document;
  term.out(
    inLanguage(
      words(
        `${target.exists ? 'Replaced' : 'Created'} ${target.rel} (${code}, ${m.plural(steps.length, 'step')}, ${m.plural(roles.length, 'role')}, status ${status}).\n`,
        `已${target.exists ? '替换' : '创建'} ${target.rel}（${code}，${steps.length} 个步骤，${roles.length} 个角色，状态 ${status}）。\n`,
      ),
      lang,
    ),
  );
  if (mine.length > 0) term.err(mine.map((d) => m.formatDiagnostic(d, style)).join('\n') + '\n');
  done(EXIT_OK);
}

/** The flags and the file's kind checked before anything is read; returns the file's extension. */
function checkArguments(file: string, opts: ImportFlags, m: Modules): string {
  if (opts.code !== undefined) {
    const problem = m.codeProblemWords(opts.code);
    if (problem !== undefined)
      throw new UsageError(words(`--code "${opts.code}" is not a valid code: ${problem.en} (e.g. HR-AT-009).`, `--code "${opts.code}" 不是有效的编码：${problem.zh}（例如 HR-AT-009）。`));
  }
  if (opts.name !== undefined && (opts.name.trim() === '' || hasLoneSurrogate(opts.name))) throw new UsageError(words('--name must be a non-empty text.', '--name 必须是非空的文本。'));
  const ext = path.extname(file).toLowerCase();
  if (!['.xlsx', '.csv', '.bpmn', '.xml'].includes(ext))
    throw new UsageError(words(`cannot import "${file}": give an .xlsx or .csv step table or a .bpmn file.`, `无法导入 "${file}"：请给出 .xlsx 或 .csv 步骤表，或 .bpmn 文件。`));
  return ext;
}

/** The handbook at --root (`rootFlag` as given), refused when the folder is not one. */
async function readHandbook(rootFlag: string, today: string, m: Modules): Promise<Handbook> {
  const root = path.resolve(rootFlag);
  if (!existsSync(path.join(root, m.SETTINGS_FILE)) && !existsSync(path.join(root, m.PROCESSES_DIR)))
    throw new UserError(
      words(
        `${rootFlag === '.' ? 'this folder' : rootFlag} is not a handbook (no ${m.SETTINGS_FILE}, no ${m.PROCESSES_DIR}/). Run "flowbook init" first, or point --root at the handbook.`,
        `${rootFlag === '.' ? '当前文件夹' : `${rootFlag} `}不是流程手册（没有 ${m.SETTINGS_FILE}，也没有 ${m.PROCESSES_DIR}/）。请先运行 "flowbook init"，或用 --root 指向手册文件夹。`,
      ),
    );
  const sources = await m.readHandbookSources(root);
  const { settings, languageSet } = m.parseSettings(sources.settingsText);
  // As build and check choose it: flowbook.yml's language, else the one the documents are written in.
  const messages = envLanguage() ?? messageLanguage(languageSet ? settings.language : m.checkSources(sources, { today }).language.language);
  const names = new Map<string, string>();
  const codeFiles = new Map<string, string>();
  for (const src of sources.documents) {
    const data = m.parseProcessDocument(src.file, src.text).data;
    if (typeof data?.code === 'string') {
      names.set(data.code, typeof data.name === 'string' ? data.name : data.code);
      codeFiles.set(data.code.toLowerCase(), src.file);
    }
  }
  return { root, sources, language: settings.language, messages, names, codeFiles };
}

/** The input file (a step table or BPMN) -> the new document and notes on what the conversion did. */
async function convert(file: string, ext: string, opts: ImportFlags, handbook: Handbook): Promise<{ document: ImportedDocument; notes: readonly ImportNote[] }> {
  const { names, language } = handbook;
  const bytes = readInput(file);
  const displayFile = path.basename(file);
  const { ImportError } = await import('../../interchange/document.js');
  try {
    if (ext === '.xlsx') {
      const { readXlsx } = await import('../../interchange/xlsx.js');
      const { fromWorkbook } = await import('../../interchange/table-import.js');
      let sheets;
      try {
        sheets = await readXlsx(bytes);
      } catch (e) {
        throw new UserError(words(`${file} is not an Excel workbook that can be read (.xlsx): ${(e as Error).message}`, `${file} 不是可读取的 Excel 工作簿（.xlsx）：${(e as Error).message}`));
      }
      return fromWorkbook(sheets, { code: opts.code, name: opts.name, processes: names, language, file: displayFile });
    } else if (ext === '.csv') {
      const { readCsv } = await import('../../interchange/csv-read.js');
      const { fromWorkbook } = await import('../../interchange/table-import.js');
      const sheetName = path.basename(file, path.extname(file));
      return fromWorkbook([readCsv(utf8(bytes, file), sheetName)], { code: opts.code, name: opts.name, processes: names, language, file: displayFile });
    } else {
      const { fromBpmn } = await import('../../interchange/bpmn-import.js');
      const result = await fromBpmn(utf8(bytes, file), { code: opts.code, knownCodes: new Set(names.keys()), language, process: opts.process });
      return opts.name !== undefined ? { ...result, document: { ...result.document, name: opts.name } } : result;
    }
  } catch (e) {
    // The converters' words (src/interchange/), in both languages.
    if (e instanceof ImportError) throw new UserError(e.words);
    throw e;
  }
}

/** Where the document with `code` goes: refused when that is a link or not a file, exists without --force, or another file has the code. */
function placeDocument(handbook: Handbook, code: string, opts: ImportFlags, m: Modules): Target {
  const { root } = handbook;
  const rel = targetFile(root, code, opts.out, m.PROCESSES_DIR);
  const abs = path.join(root, ...rel.split('/'));
  const found = m.lookUp(root, rel);
  if (found.kind === 'link')
    throw new UserError(words(`${found.at} is a symbolic link; flowbook writes only real files inside the handbook. Choose another --out.`, `${found.at} 是符号链接；flowbook 在手册中只写真实的文件。请用 --out 另选位置。`));
  if (found.kind === 'folder' || found.kind === 'other') throw new UserError(words(`${rel} exists and is not a file. Choose another --out.`, `${rel} 已存在，但不是文件。请用 --out 另选位置。`));
  const exists = found.kind === 'file';
  if (exists && !opts.force) throw new UserError(words(`${rel} already exists. Use --force to replace it, or write elsewhere with --out.`, `${rel} 已存在。加 --force 可替换它，或用 --out 写到别处。`));
  const sameCode = handbook.codeFiles.get(code.toLowerCase());
  if (sameCode !== undefined && sameCode !== rel)
    throw new UserError(
      words(
        `code "${code}" is already used by ${sameCode} (codes must differ in more than letter case). Give another with --code, or replace that file with --out ${sameCode} --force.`,
        `编码 "${code}" 已被 ${sameCode} 使用（编码之间不能只有大小写不同）。请用 --code 另给一个编码，或用 --out ${sameCode} --force 替换该文件。`,
      ),
    );
  return { rel, abs, exists };
}

/** The new document's diagnostics, checked with the rest of the handbook before anything is written. */
function diagnosticsWithHandbook(handbook: Handbook, rel: string, text: string, today: string, m: Modules) {
  const { root, sources } = handbook;
  const documents = [...sources.documents.filter((d) => d.file !== rel), { file: rel, text }].sort((a, b) => (a.file < b.file ? -1 : 1));
  const checked = m.checkSources({ root, ...(sources.settingsText !== undefined && { settingsText: sources.settingsText }), documents, diagnostics: [] }, { today });
  return checked.diagnostics.filter((d) => d.file === rel);
}

/** Writes the document: a new file exclusively, an existing one replaced through a temporary file renamed over it. */
function writeTarget(target: Target, text: string): void {
  const { abs, rel } = target;
  try {
    mkdirSync(path.dirname(abs), { recursive: true });
    if (target.exists) {
      const temp = path.join(path.dirname(abs), `.${path.basename(abs)}.import-${process.pid}`);
      writeFileSync(temp, text, { flag: 'wx' });
      try {
        renameSync(temp, abs);
      } catch (e) {
        rmSync(temp, { force: true });
        throw e;
      }
    } else writeFileSync(abs, text, { flag: 'wx' });
  } catch (e) {
    throw new UserError(words(`cannot write ${rel}: ${(e as Error).message}`, `无法写入 ${rel}：${(e as Error).message}`));
  }
}

function readInput(file: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new UserError(words(`${file} is not a file.`, `${file} 不是文件。`));
    size = st.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UserError(words(`cannot read ${file}: ${missing ? 'no such file' : (e as Error).message}`, `无法读取 ${file}：${missing ? '文件不存在' : (e as Error).message}`));
  }
  if (size > MAX_INPUT_BYTES) {
    const [mb, limit] = [Math.round(size / 1024 / 1024), MAX_INPUT_BYTES / 1024 / 1024];
    throw new UserError(
      words(`${file} is ${mb} MB; a step table or BPMN file of one process is far smaller (limit ${limit} MB).`, `${file} 有 ${mb} MB；一个流程的步骤表或 BPMN 文件远没有这么大（上限 ${limit} MB）。`),
    );
  }
  return readFileSync(file);
}

function utf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(
      words(`${file} is not UTF-8 text. In Excel, save it as "CSV UTF-8 (comma delimited)" and import again.`, `${file} 不是 UTF-8 文本。请在 Excel 中另存为 "CSV UTF-8(逗号分隔)"，再重新导入。`),
    );
  }
}

/** The document's path relative to the root (`/` separators): processes/<code>.md, or --out checked to be a document path. */
function targetFile(root: string, code: string, out: string | undefined, PROCESSES_DIR: string): string {
  if (out === undefined) return `${PROCESSES_DIR}/${code}.md`;
  // Relative to the working folder, or else to the handbook (--out processes/x.md with --root elsewhere).
  const inside = (abs: string) => {
    const r = path.relative(path.join(root, PROCESSES_DIR), abs);
    return r !== '' && !path.isAbsolute(r) && r.split(path.sep)[0] !== '..';
  };
  const abs = inside(path.resolve(out)) || path.isAbsolute(out) ? path.resolve(out) : path.resolve(root, out);
  const rel = path.relative(path.join(root, PROCESSES_DIR), abs);
  const parts = rel.split(path.sep);
  if (rel === '' || path.isAbsolute(rel) || parts[0] === '..') {
    const example = path.join(path.relative(process.cwd(), root) || '.', PROCESSES_DIR, `${code}.md`);
    throw new UsageError(
      words(`--out ${out} is not inside ${PROCESSES_DIR}/ of the handbook; write a path such as ${example}.`, `--out ${out} 不在手册的 ${PROCESSES_DIR}/ 文件夹中；请写成 ${example} 这样的路径。`),
    );
  }
  if (!abs.endsWith('.md')) throw new UsageError(words(`--out ${out} must end with .md: only .md files are process documents.`, `--out ${out} 必须以 .md 结尾：只有 .md 文件才是流程文档。`));
  const hidden = parts.find((p) => p.startsWith('_') || p.startsWith('.'));
  if (hidden !== undefined)
    throw new UsageError(words(`--out ${out}: names starting with _ or . are ignored by flowbook ("${hidden}"); choose another name.`, `--out ${out}：以 _ 或 . 开头的名称会被 flowbook 忽略（"${hidden}"）；请换一个名称。`));
  return [PROCESSES_DIR, ...parts].join('/');
}
