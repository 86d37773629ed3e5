/**
 * `flowbook print`: controlled copies for auditors and HR (ISO 9001 7.5.3 document control).
 *
 *   flowbook print <code...>|--all --holder <name> [--copies N] [--pdf] [--paper A4|A3] [--out dir] [--root dir] [--today YYYY-MM-DD]
 *   flowbook print --all --book [--holder <name>] [--pdf] [--paper A4|A3] ...
 *   flowbook print --recall [--format text|csv|json] [--root dir]
 *   flowbook print --returned <code> <copy> [<version>] [--root dir] [--today YYYY-MM-DD]
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { PdfRenderer } from '../../print/pdf.js';
import type { RegisterProblem } from '../../print/register.js';
import type { RecallItem } from '../../print/recall.js';
import { lockHolder, lockHolderZh, type LockHolder } from '../../diagnostics/errors.js';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, UserError } from '../errors.js';
import { formatOption, paperOption, todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { messageLanguage, type MessageLanguage } from '../messages.js';
import { commandLanguage } from '../language.js';
import { inLanguage, words, type Words } from '../words.js';
import { mkdir } from 'node:fs/promises';

/** The modules print needs, loaded when it runs (not at start-up: `flowbook --version` stays fast). */
async function loadModules() {
  const [load, format, browser, model, document, pdf, issue, book, register, csv, recall, collate] = await Promise.all([
    import('../../load.js'),
    import('../../diagnostics/format.js'),
    import('../../util/browser.js'),
    import('../../view/model.js'),
    import('../../print/document.js'),
    import('../../print/pdf.js'),
    import('../../print/issue.js'),
    import('../../print/book.js'),
    import('../../print/register.js'),
    import('../../print/csv.js'),
    import('../../print/recall.js'),
    import('../../util/collate.js'),
  ]);
  const { loadHandbook } = load;
  const { formatText } = format;
  const { findBrowser, NO_BROWSER_HELP_WORDS } = browser;
  const { buildSiteModel } = model;
  const { loadPrintKit } = document;
  const { openPdfRenderer } = pdf;
  const { issueCopies, selectForIssue, testPause, writeAtomic } = issue;
  const { makeBook } = book;
  const { appendEntries, checkValue, lockRegister, nextCopyNumber, readRegister, REGISTER_FILE } = register;
  const { encodeRecord } = csv;
  const { recallList, recordReturn } = recall;
  const { categoryOrder } = collate;
  return {
    loadHandbook, formatText, findBrowser, NO_BROWSER_HELP_WORDS, buildSiteModel, loadPrintKit, openPdfRenderer, issueCopies, selectForIssue, testPause, writeAtomic,
    makeBook, appendEntries, checkValue, lockRegister, nextCopyNumber, readRegister, REGISTER_FILE, encodeRecord, recallList, recordReturn, categoryOrder,
  };
}
let M: Awaited<ReturnType<typeof loadModules>>;

interface PrintFlags {
  all?: boolean;
  holder?: string;
  copies?: string;
  pdf?: boolean;
  out?: string;
  root?: string;
  today?: string;
  book?: boolean;
  recall?: boolean;
  format?: string;
  returned?: boolean;
  paper?: string;
}

const REASONS: Record<Exclude<RecallItem['reason'], 'superseded'>, Words> = {
  obsolete: words('process obsolete', '流程已作废'),
  removed: words('process removed', '流程已删除'),
  uncontrolled: words('no longer controlled', '已改为非受控'),
};

/** `note: no PDF made. ...` with the browser help (util/browser.ts's NO_BROWSER_HELP_WORDS), print and audit say it when --pdf finds no browser. */
export const noPdfMade = (help: Words): Words => words(`note: no PDF made. ${help.en}\n`, `注意：未生成 PDF。${help.zh}\n`);

/**
 * A register line that was ignored. The compiler-style `file:line: warning:` stays as it is in
 * both languages (as in check's output); the reason is print/register.ts's, in both languages
 * (one without its Chinese, made by hand, shows the English).
 */
export const registerWarning = (file: string, p: Pick<RegisterProblem, 'line' | 'message'> & Partial<Pick<RegisterProblem, 'reason'>>): Words =>
  words(`${file}:${p.line}: warning: ${p.message}; line ignored\n`, `${file}:${p.line}: warning: ${p.reason?.zh ?? p.message}；已忽略此行\n`);

function registerWarnings(term: Terminal, problems: readonly RegisterProblem[], lang: MessageLanguage): void {
  for (const p of problems) term.err(inLanguage(registerWarning(M.REGISTER_FILE, p), lang));
}

const waiting = (holder: LockHolder | undefined): Words =>
  words(`waiting: the register is locked by ${lockHolder(holder)}...\n`, `等待中：登记表正被 ${lockHolderZh(holder)} 锁定……\n`);

const copyNumber = (n: number) => String(n).padStart(3, '0');
const pages = (n: number | undefined): Words => words(` + .pdf (${n} pages)`, ` + .pdf（${n} 页）`);

/** The handbook, and the language of the messages about it (also set on `term` for an error that ends the command). */
async function load(root: string, today: string, term: Terminal) {
  const result = await M.loadHandbook(root, { today });
  const lang = messageLanguage(result.language.language);
  term.language = lang;
  if (!result.handbook) {
    term.err(M.formatText(result.diagnostics, result.documentCount, { color: term.color, language: lang }));
    throw new UserError(words('the handbook has errors; fix them before printing (see "flowbook check").', '手册有错误，请先修正再打印（见 "flowbook check"）。'));
  }
  return { handbook: result.handbook, lang };
}

function holderOption(holder: string | undefined, required: boolean): string | undefined {
  if (holder === undefined) {
    if (required) throw new UsageError(words('--holder <name> is required: a controlled copy is issued to a named holder.', '必须给出 --holder <name>：受控副本须发给指定的持有人。'));
    return undefined;
  }
  if (holder === '') throw new UsageError(words('--holder: the holder cannot be empty.', '--holder：持有人不能为空。'));
  const bad = M.checkValue(holder);
  if (bad === 'control') throw new UsageError(words('--holder: the holder cannot contain line breaks or control characters.', '--holder：持有人不能包含换行符或控制字符。'));
  if (bad === 'spaces') throw new UsageError(words('--holder: the holder cannot start or end with spaces.', '--holder：持有人的开头和结尾不能有空格。'));
  return holder;
}

async function withBrowser<T>(wanted: boolean, explicit: string | undefined, term: Terminal, lang: MessageLanguage, fn: (pdf: PdfRenderer | undefined) => Promise<T>): Promise<T> {
  if (!wanted) return fn(undefined);
  const found = M.findBrowser(explicit);
  if (!found) {
    term.err(inLanguage(noPdfMade(M.NO_BROWSER_HELP_WORDS), lang));
    return fn(undefined);
  }
  const pdf = await M.openPdfRenderer(found.path);
  try {
    const result = await fn(pdf);
    // Which browser made the PDFs: on Windows it is often Edge, not Chrome (layouts differ slightly).
    term.out(inLanguage(words(`PDF made with ${found.name} (${found.path}).\n`, `PDF 由 ${found.name} 生成（${found.path}）。\n`), lang));
    return result;
  } finally {
    await pdf.close();
  }
}

export function registerPrint(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('print')
    .description('issue numbered controlled copies (HTML, PDF), print the handbook as a book, list copies to recall')
    .argument('[codes...]', 'process codes to issue (or, with --returned: <code> <copy> [version])')
    .option('--all', 'every controlled process')
    .option('--holder <name>', 'who receives the controlled copies')
    .option('--copies <n>', 'copies of each process', '1')
    .option('--pdf', 'also make PDFs (needs Chromium or Chrome)')
    .option('--paper <size>', 'paper size: A4 or A3 (default: paper in flowbook.yml, else A4)')
    .option('--out <folder>', 'where to write the copies (default: print/ in the handbook folder)')
    .option('--root <folder>', 'handbook folder', '.')
    .option('--today <date>', 'the issue date (YYYY-MM-DD); default: SOURCE_DATE_EPOCH or the clock')
    .option('--book', 'with --all: the whole handbook as one document (cover, contents, processes, revisions)')
    .option('--recall', 'list copies out whose version is no longer current')
    .option('--format <format>', 'with --recall: text, csv or json', 'text')
    .option('--returned', 'record the return of a copy: flowbook print --returned <code> <copy> [version]')
    .action(async (codes: string[], opts: PrintFlags) => {
      M ??= await loadModules();
      const root = path.resolve(opts.root ?? '.');
      const today = todayOption(opts.today);
      const modes = [opts.recall, opts.returned, opts.book].filter(Boolean).length;
      if (modes > 1) throw new UsageError(words('use one of --recall, --returned and --book at a time.', '--recall、--returned 和 --book 一次只能用一个。'));
      if (opts.paper !== undefined && (opts.recall || opts.returned))
        throw new UsageError(words('--paper is for printing copies or the book, not for --recall or --returned.', '--paper 用于打印副本或整本手册，不能与 --recall 或 --returned 同用。'));
      paperOption(opts.paper); // a bad size is refused before anything is loaded or issued
      // A refused print or return, or a locked register, is a FlowbookError: cli/errors.ts reports it.
      if (opts.recall) return done(await recall(root, today, formatOption(opts.format, ['text', 'csv', 'json'] as const, 'text'), codes, term));
      if (opts.returned) return done(await returned(root, today, codes, term));
      if (opts.book) return done(await book(root, today, codes, opts, term));
      return done(await issue(root, today, codes, opts, term));
    });
}

async function issue(root: string, today: string, codes: string[], opts: PrintFlags, term: Terminal): Promise<number> {
  if (!opts.all && codes.length === 0)
    throw new UsageError(words('name the processes to issue (flowbook print HR-AT-003 --holder ...), or use --all.', '请写出要发放的流程编码（flowbook print HR-AT-003 --holder ...），或使用 --all。'));
  if (opts.all && codes.length) throw new UsageError(words('use either process codes or --all, not both.', '流程编码和 --all 只能用其一，不能同时使用。'));
  const holder = holderOption(opts.holder, true)!;
  const copies = Number(opts.copies ?? '1');
  if (!Number.isInteger(copies) || copies < 1 || copies > 999)
    throw new UsageError(words(`--copies must be a whole number from 1 to 999, not "${opts.copies}".`, `--copies 须为 1 到 999 之间的整数，不能是 "${opts.copies}"。`));
  const { handbook, lang } = await load(root, today, term);
  const processes = M.selectForIssue(handbook, codes, opts.all ?? false);
  const paper = paperOption(opts.paper) ?? handbook.settings.paper;
  const out = path.resolve(opts.out ?? path.join(root, 'print'));
  const [kit, site] = [await M.loadPrintKit(root), M.buildSiteModel(handbook, { today })];
  await M.testPause('loaded');
  let pdfMissing = false;
  const issued = await withBrowser(opts.pdf ?? false, handbook.settings.browser, term, lang, async (pdf) => {
    pdfMissing = (opts.pdf ?? false) && !pdf;
    return M.issueCopies(kit, site, processes, {
      root,
      out,
      holder,
      copies,
      today,
      ...(paper && { paper }),
      ...(pdf && { pdf }),
      onRegisterProblems: (ps) => registerWarnings(term, ps, lang),
      onWait: (holder) => term.err(inLanguage(waiting(holder), lang)),
      onIssued: (r) => {
        const file = path.relative(process.cwd(), r.html) || r.html;
        const pdfPages = r.pdf ? inLanguage(pages(r.pages), lang) : '';
        term.out(
          inLanguage(
            words(
              `issued ${r.code} ${r.version || '(no version)'} copy ${copyNumber(r.copy)} to ${holder}: ${file}${pdfPages}\n`,
              `已向 ${holder} 发放 ${r.code} ${r.version || '（无版本）'} 副本 ${copyNumber(r.copy)}：${file}${pdfPages}\n`,
            ),
            lang,
          ),
        );
      },
    });
  });
  term.out(
    inLanguage(
      words(
        `${issued.length} controlled ${issued.length === 1 ? 'copy' : 'copies'} issued to ${holder}, recorded in ${M.REGISTER_FILE}.\n`,
        `已向 ${holder} 发放 ${issued.length} 份受控副本，已登记在 ${M.REGISTER_FILE}。\n`,
      ),
      lang,
    ),
  );
  if (pdfMissing)
    term.err(
      inLanguage(
        words(
          'note: the HTML files are the controlled copies (print them from Chromium or Chrome); they are recorded in the register.\n',
          '注意：HTML 文件即为受控副本（请用 Chromium 或 Chrome 打印），已登记在登记表中。\n',
        ),
        lang,
      ),
    );
  return EXIT_OK;
}

async function book(root: string, today: string, codes: string[], opts: PrintFlags, term: Terminal): Promise<number> {
  if (!opts.all || codes.length) throw new UsageError(words('--book prints the whole handbook: use flowbook print --all --book.', '--book 打印整本手册：请用 flowbook print --all --book。'));
  const holder = holderOption(opts.holder, false);
  const copiesN = Number(opts.copies ?? '1');
  if (!Number.isInteger(copiesN) || copiesN < 1 || copiesN > 99)
    throw new UsageError(words(`--copies must be a whole number from 1 to 99, not "${opts.copies}".`, `--copies 须为 1 到 99 之间的整数，不能是 "${opts.copies}"。`));
  const { handbook, lang } = await load(root, today, term);
  const paper = paperOption(opts.paper) ?? handbook.settings.paper;
  // The book follows the site's order of categories (flowbook.yml's, then pinyin or alphabetical), by code within each.
  const byCategory = M.categoryOrder(handbook.settings.language, handbook.settings.categories);
  const processes = handbook.processes
    .filter((p) => p.status === 'controlled')
    .sort((a, b) => byCategory(a.category ?? '', b.category ?? '') || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (processes.length === 0) throw new UserError(words('the handbook has no controlled processes to put in a book.', '手册中没有受控流程，无法编成整本手册。'));
  const out = path.resolve(opts.out ?? path.join(root, 'print'));
  await mkdir(out, { recursive: true });
  const [kit, site] = [await M.loadPrintKit(root), M.buildSiteModel(handbook, { today })];
  const safeHolder = holder?.replace(/[\\/:*?"<>|\s]+/g, '-');
  return withBrowser(opts.pdf ?? false, handbook.settings.browser, term, lang, async (pdf) => {
    for (let k = 0; k < (holder ? copiesN : 1); k++) {
      const lock = holder ? await M.lockRegister(root, { onWait: (holder) => term.err(inLanguage(waiting(holder), lang)) }) : undefined;
      try {
        let copies: Map<string, number> | undefined;
        if (holder) {
          const register = await M.readRegister(root);
          if (k === 0) registerWarnings(term, register.problems, lang);
          copies = new Map(processes.map((p) => [p.code, M.nextCopyNumber(register, p.code, p.version ?? '')]));
        }
        const result = await M.makeBook(kit, site, processes, { today, ...(holder !== undefined && { holder }), ...(copies && { copies }), ...(paper && { paper }), ...(pdf && { pdf }) });
        const base = path.join(out, `handbook-${today}${holder ? `-${safeHolder}${copiesN > 1 ? `-${k + 1}` : ''}` : ''}`);
        await M.writeAtomic(`${base}.html`, result.html);
        if (result.pdf) await M.writeAtomic(`${base}.pdf`, result.pdf);
        if (holder && copies) {
          const register = await M.readRegister(root);
          await M.appendEntries(root, processes.map((p) => ({ code: p.code, version: p.version ?? '', copy: copies!.get(p.code)!, holder, date: today, event: 'issued' as const })), register);
        }
        const rel = path.relative(process.cwd(), base) || base;
        const pdfPages = result.pdf ? inLanguage(pages(result.totalPages), lang) : '';
        term.out(
          inLanguage(
            words(
              `book: ${rel}.html${pdfPages}${holder ? `, controlled copy for ${holder} (${processes.length} processes recorded in ${M.REGISTER_FILE})` : ', uncontrolled'}\n`,
              `整本手册：${rel}.html${pdfPages}${holder ? `，${holder} 的受控副本（${processes.length} 个流程已登记在 ${M.REGISTER_FILE}）` : '，非受控'}\n`,
            ),
            lang,
          ),
        );
        if (result.totalPages !== undefined && result.totalPages !== result.expectedPages)
          term.err(
            inLanguage(
              words(
                `warning: the book has ${result.totalPages} pages but its parts added up to ${result.expectedPages}; the page numbers in the contents may be off.\n`,
                `警告：整本手册共 ${result.totalPages} 页，但各部分合计 ${result.expectedPages} 页；目录中的页码可能不准。\n`,
              ),
              lang,
            ),
          );
      } finally {
        await lock?.release();
      }
    }
    if (!pdf)
      term.err(
        inLanguage(
          words(
            `note: the HTML book has no page numbers in its contents${opts.pdf ? '' : ' (they need --pdf and a browser)'}.\n`,
            `注意：HTML 版整本手册的目录中没有页码${opts.pdf ? '' : '（需要 --pdf 和浏览器）'}。\n`,
          ),
          lang,
        ),
      );
    return EXIT_OK;
  });
}

async function recall(root: string, today: string, format: 'text' | 'csv' | 'json', codes: string[], term: Terminal): Promise<number> {
  if (codes.length) throw new UsageError(words('--recall takes no process codes.', '--recall 不接受流程编码。'));
  const { handbook, lang } = await load(root, today, term);
  const register = await M.readRegister(root);
  registerWarnings(term, register.problems, lang);
  const items = M.recallList(register, handbook);
  if (format === 'json') term.out(JSON.stringify({ formatVersion: 1, date: today, copies: items }, null, 2) + '\n');
  else if (format === 'csv') {
    term.out(M.encodeRecord(['holder', 'code', 'name', 'version', 'copy', 'issued', 'reason', 'current']));
    for (const i of items) term.out(M.encodeRecord([i.holder, i.code, i.name, i.version, String(i.copy), i.issued, i.reason, i.current]));
  } else if (items.length === 0) term.out(inLanguage(words('No controlled copies to recall: every copy out is of the current version.\n', '没有需要收回的受控副本：在外的副本都是现行版本。\n'), lang));
  else {
    let holder = '';
    for (const i of items) {
      if (i.holder !== holder) term.out(inLanguage(words(`${(holder = i.holder)}:\n`, `${holder}：\n`), lang));
      const why = inLanguage(i.reason === 'superseded' ? words(`superseded by version ${i.current}`, `已被新版本 ${i.current} 替代`) : REASONS[i.reason], lang);
      const name = i.name ? i.name + ' ' : '';
      term.out(
        inLanguage(
          words(
            `  ${i.code} ${name}version ${i.version || '(none)'} copy ${copyNumber(i.copy)} (issued ${i.issued}): ${why}\n`,
            `  ${i.code} ${name}版本 ${i.version || '（无）'} 副本 ${copyNumber(i.copy)}（${i.issued} 发放）：${why}\n`,
          ),
          lang,
        ),
      );
    }
    term.out(
      inLanguage(
        words(
          `${items.length} ${items.length === 1 ? 'copy' : 'copies'} to recall. Record each return with: flowbook print --returned <code> <copy> [version]\n`,
          `${items.length} 份副本待收回。每收回一份，用此命令登记：flowbook print --returned <code> <copy> [version]\n`,
        ),
        lang,
      ),
    );
  }
  return EXIT_OK;
}

async function returned(root: string, today: string, args: string[], term: Terminal): Promise<number> {
  if (args.length < 2 || args.length > 3)
    throw new UsageError(words('--returned needs <code> <copy> [version], e.g. flowbook print --returned HR-AT-003 2 A/0.', '--returned 需要 <code> <copy> [version]，例如 flowbook print --returned HR-AT-003 2 A/0。'));
  const [code, copyText, version] = args as [string, string, string | undefined];
  if (!/^[1-9]\d{0,8}$/.test(copyText)) throw new UsageError(words(`copy must be a copy number such as 2, not "${copyText}".`, `副本号须为数字（如 2），不能是 "${copyText}"。`));
  let handbook;
  let lang: MessageLanguage | undefined;
  try {
    const result = await M.loadHandbook(root, { today });
    handbook = result.handbook;
    lang = term.language = messageLanguage(result.language.language);
  } catch {
    handbook = undefined;
  }
  lang ??= await commandLanguage(root);
  const r = await M.recordReturn(root, code, Number(copyText), version, today, handbook);
  term.out(
    inLanguage(
      words(
        `returned: ${r.code} version ${r.version || '(none)'} copy ${copyNumber(r.copy)} from ${r.holder}, recorded in ${M.REGISTER_FILE}.\n`,
        `已收回：${r.holder} 持有的 ${r.code} 版本 ${r.version || '（无）'} 副本 ${copyNumber(r.copy)}，已登记在 ${M.REGISTER_FILE}。\n`,
      ),
      lang,
    ),
  );
  return r ? EXIT_OK : EXIT_PROBLEMS;
}
