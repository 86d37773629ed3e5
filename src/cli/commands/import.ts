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
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
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
  const [{ parseSettings, SETTINGS_FILE }, { codeProblemText }, { formatDiagnostic, plural }, { checkSources }, { parseProcessDocument }, { lookUp }, { PROCESSES_DIR, readHandbookSources }, { codeProblem }] = await Promise.all([
    import('../../config/settings.js'),
    import('../../diagnostics/catalogue.js'),
    import('../../diagnostics/format.js'),
    import('../../load.js'),
    import('../../parse/document.js'),
    import('../../source/files.js'),
    import('../../source/read-handbook.js'),
    import('../../validate/fields.js'),
  ]);
  return { parseSettings, SETTINGS_FILE, codeProblemText, formatDiagnostic, plural, checkSources, parseProcessDocument, lookUp, PROCESSES_DIR, readHandbookSources, codeProblem };
}

type Modules = Awaited<ReturnType<typeof loadModules>>;

/** The handbook as the import sees it: its sources, language, and the codes already in use. */
interface Handbook {
  readonly root: string;
  readonly sources: HandbookSources;
  readonly language: Language;
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
  const handbook = await readHandbook(opts.root, m);
  const result = await convert(file, ext, opts, handbook);
  const { writeDocument } = await import('../../interchange/document.js');
  const document = result.document;
  const problem = m.codeProblem(document.code);
  if (problem !== undefined) throw new UserError(`the file gives the code "${document.code}", which is not valid: ${m.codeProblemText({ code: document.code, ...problem })}. Give another with --code.`);
  const target = placeDocument(handbook, document.code, opts, m);

  const text = writeDocument(document);
  const mine = diagnosticsWithHandbook(handbook, target.rel, text, today, m);
  const errors = mine.filter((d) => d.severity === 'error');
  for (const n of result.notes) term.err(`note: ${n.where}: ${n.message}\n`);
  if (errors.length > 0) {
    term.err(mine.map((d) => m.formatDiagnostic(d, { color: term.color })).join('\n') + `\n${target.rel} was not written: the imported document would not pass "flowbook check".\n`);
    return done(EXIT_PROBLEMS);
  }
  writeTarget(target, text);
  term.out(`${target.exists ? 'Replaced' : 'Created'} ${target.rel} (${document.code}, ${m.plural(document.steps.length, 'step')}, ${m.plural(document.roles.length, 'role')}, status ${document.status}).\n`);
  if (mine.length > 0) term.err(mine.map((d) => m.formatDiagnostic(d, { color: term.color })).join('\n') + '\n');
  done(EXIT_OK);
}

/** The flags and the file's kind checked before anything is read; returns the file's extension. */
function checkArguments(file: string, opts: ImportFlags, m: Modules): string {
  if (opts.code !== undefined) {
    const problem = m.codeProblem(opts.code);
    if (problem !== undefined) throw new UsageError(`--code "${opts.code}" is not a valid code: ${m.codeProblemText({ code: opts.code, ...problem })} (e.g. HR-AT-009).`);
  }
  if (opts.name !== undefined && (opts.name.trim() === '' || hasLoneSurrogate(opts.name))) throw new UsageError('--name must be a non-empty text.');
  const ext = path.extname(file).toLowerCase();
  if (!['.xlsx', '.csv', '.bpmn', '.xml'].includes(ext)) throw new UsageError(`cannot import "${file}": give an .xlsx or .csv step table or a .bpmn file.`);
  return ext;
}

/** The handbook at --root (`rootFlag` as given), refused when the folder is not one. */
async function readHandbook(rootFlag: string, m: Modules): Promise<Handbook> {
  const root = path.resolve(rootFlag);
  if (!existsSync(path.join(root, m.SETTINGS_FILE)) && !existsSync(path.join(root, m.PROCESSES_DIR)))
    throw new UserError(`${rootFlag === '.' ? 'this folder' : rootFlag} is not a handbook (no ${m.SETTINGS_FILE}, no ${m.PROCESSES_DIR}/). Run "flowbook init" first, or point --root at the handbook.`);
  const sources = await m.readHandbookSources(root);
  const { settings } = m.parseSettings(sources.settingsText);
  const names = new Map<string, string>();
  const codeFiles = new Map<string, string>();
  for (const src of sources.documents) {
    const data = m.parseProcessDocument(src.file, src.text).data;
    if (typeof data?.code === 'string') {
      names.set(data.code, typeof data.name === 'string' ? data.name : data.code);
      codeFiles.set(data.code.toLowerCase(), src.file);
    }
  }
  return { root, sources, language: settings.language, names, codeFiles };
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
        throw new UserError(`${file} is not an Excel workbook that can be read (.xlsx): ${(e as Error).message}`);
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
    if (e instanceof ImportError) throw new UserError(`${e.message}`);
    throw e;
  }
}

/** Where the document with `code` goes: refused when that is a link or not a file, exists without --force, or another file has the code. */
function placeDocument(handbook: Handbook, code: string, opts: ImportFlags, m: Modules): Target {
  const { root } = handbook;
  const rel = targetFile(root, code, opts.out, m.PROCESSES_DIR);
  const abs = path.join(root, ...rel.split('/'));
  const found = m.lookUp(root, rel);
  if (found.kind === 'link') throw new UserError(`${found.at} is a symbolic link; flowbook writes only real files inside the handbook. Choose another --out.`);
  if (found.kind === 'folder' || found.kind === 'other') throw new UserError(`${rel} exists and is not a file. Choose another --out.`);
  const exists = found.kind === 'file';
  if (exists && !opts.force) throw new UserError(`${rel} already exists. Use --force to replace it, or write elsewhere with --out.`);
  const sameCode = handbook.codeFiles.get(code.toLowerCase());
  if (sameCode !== undefined && sameCode !== rel)
    throw new UserError(`code "${code}" is already used by ${sameCode} (codes must differ in more than letter case). Give another with --code, or replace that file with --out ${sameCode} --force.`);
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
    throw new UserError(`cannot write ${rel}: ${(e as Error).message}`);
  }
}

function readInput(file: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new UserError(`${file} is not a file.`);
    size = st.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (size > MAX_INPUT_BYTES) throw new UserError(`${file} is ${Math.round(size / 1024 / 1024)} MB; a step table or BPMN file of one process is far smaller (limit ${MAX_INPUT_BYTES / 1024 / 1024} MB).`);
  return readFileSync(file);
}

function utf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(`${file} is not UTF-8 text. In Excel, save it as "CSV UTF-8 (comma delimited)" and import again.`);
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
  if (rel === '' || path.isAbsolute(rel) || parts[0] === '..')
    throw new UsageError(`--out ${out} is not inside ${PROCESSES_DIR}/ of the handbook; write a path such as ${path.join(path.relative(process.cwd(), root) || '.', PROCESSES_DIR, `${code}.md`)}.`);
  if (!abs.endsWith('.md')) throw new UsageError(`--out ${out} must end with .md: only .md files are process documents.`);
  const hidden = parts.find((p) => p.startsWith('_') || p.startsWith('.'));
  if (hidden !== undefined) throw new UsageError(`--out ${out}: names starting with _ or . are ignored by flowbook ("${hidden}"); choose another name.`);
  return [PROCESSES_DIR, ...parts].join('/');
}
