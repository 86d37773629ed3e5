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
import { EXIT_OK, EXIT_PROBLEMS, UsageError, UserError } from '../errors.js';
import { formatOption, paperOption, todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { messageLanguage } from '../messages.js';
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
  const { findBrowser, NO_BROWSER_HELP } = browser;
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
    loadHandbook, formatText, findBrowser, NO_BROWSER_HELP, buildSiteModel, loadPrintKit, openPdfRenderer, issueCopies, selectForIssue, testPause, writeAtomic,
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

const REASONS: Record<RecallItem['reason'], string> = {
  superseded: 'superseded',
  obsolete: 'process obsolete',
  removed: 'process removed',
  uncontrolled: 'no longer controlled',
};

function registerWarnings(term: Terminal, problems: readonly RegisterProblem[]): void {
  for (const p of problems) term.err(`${M.REGISTER_FILE}:${p.line}: warning: ${p.message}; line ignored\n`);
}

async function load(root: string, today: string, term: Terminal) {
  const result = await M.loadHandbook(root, { today });
  if (!result.handbook) {
    term.err(M.formatText(result.diagnostics, result.documentCount, { color: term.color, language: messageLanguage(result.language.language) }));
    throw new UserError('the handbook has errors; fix them before printing (see "flowbook check").');
  }
  return result.handbook;
}

function holderOption(holder: string | undefined, required: boolean): string | undefined {
  if (holder === undefined) {
    if (required) throw new UsageError('--holder <name> is required: a controlled copy is issued to a named holder.');
    return undefined;
  }
  const bad = holder === '' ? 'the holder cannot be empty' : M.checkValue('the holder', holder);
  if (bad) throw new UsageError(`--holder: ${bad}.`);
  return holder;
}

async function withBrowser<T>(wanted: boolean, explicit: string | undefined, term: Terminal, fn: (pdf: PdfRenderer | undefined) => Promise<T>): Promise<T> {
  if (!wanted) return fn(undefined);
  const found = M.findBrowser(explicit);
  if (!found) {
    term.err(`note: no PDF made. ${M.NO_BROWSER_HELP}\n`);
    return fn(undefined);
  }
  const pdf = await M.openPdfRenderer(found.path);
  try {
    const result = await fn(pdf);
    // Which browser made the PDFs: on Windows it is often Edge, not Chrome (layouts differ slightly).
    term.out(`PDF made with ${found.name} (${found.path}).\n`);
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
      if (modes > 1) throw new UsageError('use one of --recall, --returned and --book at a time.');
      if (opts.paper !== undefined && (opts.recall || opts.returned)) throw new UsageError('--paper is for printing copies or the book, not for --recall or --returned.');
      paperOption(opts.paper); // a bad size is refused before anything is loaded or issued
      // A refused print or return, or a locked register, is a FlowbookError: cli/errors.ts reports it.
      if (opts.recall) return done(await recall(root, today, formatOption(opts.format, ['text', 'csv', 'json'] as const, 'text'), codes, term));
      if (opts.returned) return done(await returned(root, today, codes, term));
      if (opts.book) return done(await book(root, today, codes, opts, term));
      return done(await issue(root, today, codes, opts, term));
    });
}

async function issue(root: string, today: string, codes: string[], opts: PrintFlags, term: Terminal): Promise<number> {
  if (!opts.all && codes.length === 0) throw new UsageError('name the processes to issue (flowbook print HR-AT-003 --holder ...), or use --all.');
  if (opts.all && codes.length) throw new UsageError('use either process codes or --all, not both.');
  const holder = holderOption(opts.holder, true)!;
  const copies = Number(opts.copies ?? '1');
  if (!Number.isInteger(copies) || copies < 1 || copies > 999) throw new UsageError(`--copies must be a whole number from 1 to 999, not "${opts.copies}".`);
  const handbook = await load(root, today, term);
  const processes = M.selectForIssue(handbook, codes, opts.all ?? false);
  const paper = paperOption(opts.paper) ?? handbook.settings.paper;
  const out = path.resolve(opts.out ?? path.join(root, 'print'));
  const [kit, site] = [await M.loadPrintKit(root), M.buildSiteModel(handbook, { today })];
  await M.testPause('loaded');
  let pdfMissing = false;
  const issued = await withBrowser(opts.pdf ?? false, handbook.settings.browser, term, async (pdf) => {
    pdfMissing = (opts.pdf ?? false) && !pdf;
    return M.issueCopies(kit, site, processes, {
      root,
      out,
      holder,
      copies,
      today,
      ...(paper && { paper }),
      ...(pdf && { pdf }),
      onRegisterProblems: (ps) => registerWarnings(term, ps),
      onWait: (who) => term.err(`waiting: the register is locked by ${who}...\n`),
      onIssued: (r) =>
        term.out(`issued ${r.code} ${r.version || '(no version)'} copy ${String(r.copy).padStart(3, '0')} to ${holder}: ${path.relative(process.cwd(), r.html) || r.html}${r.pdf ? ` + .pdf (${r.pages} pages)` : ''}\n`),
    });
  });
  term.out(`${issued.length} controlled ${issued.length === 1 ? 'copy' : 'copies'} issued to ${holder}, recorded in ${M.REGISTER_FILE}.\n`);
  if (pdfMissing) term.err('note: the HTML files are the controlled copies (print them from Chromium or Chrome); they are recorded in the register.\n');
  return EXIT_OK;
}

async function book(root: string, today: string, codes: string[], opts: PrintFlags, term: Terminal): Promise<number> {
  if (!opts.all || codes.length) throw new UsageError('--book prints the whole handbook: use flowbook print --all --book.');
  const holder = holderOption(opts.holder, false);
  const copiesN = Number(opts.copies ?? '1');
  if (!Number.isInteger(copiesN) || copiesN < 1 || copiesN > 99) throw new UsageError(`--copies must be a whole number from 1 to 99, not "${opts.copies}".`);
  const handbook = await load(root, today, term);
  const paper = paperOption(opts.paper) ?? handbook.settings.paper;
  // The book follows the site's order of categories (flowbook.yml's, then pinyin or alphabetical), by code within each.
  const byCategory = M.categoryOrder(handbook.settings.language, handbook.settings.categories);
  const processes = handbook.processes
    .filter((p) => p.status === 'controlled')
    .sort((a, b) => byCategory(a.category ?? '', b.category ?? '') || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (processes.length === 0) throw new UserError('the handbook has no controlled processes to put in a book.');
  const out = path.resolve(opts.out ?? path.join(root, 'print'));
  await mkdir(out, { recursive: true });
  const [kit, site] = [await M.loadPrintKit(root), M.buildSiteModel(handbook, { today })];
  const safeHolder = holder?.replace(/[\\/:*?"<>|\s]+/g, '-');
  return withBrowser(opts.pdf ?? false, handbook.settings.browser, term, async (pdf) => {
    for (let k = 0; k < (holder ? copiesN : 1); k++) {
      const lock = holder ? await M.lockRegister(root, { onWait: (who) => term.err(`waiting: the register is locked by ${who}...\n`) }) : undefined;
      try {
        let copies: Map<string, number> | undefined;
        if (holder) {
          const register = await M.readRegister(root);
          if (k === 0) registerWarnings(term, register.problems);
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
        term.out(`book: ${rel}.html${result.pdf ? ` + .pdf (${result.totalPages} pages)` : ''}${holder ? `, controlled copy for ${holder} (${processes.length} processes recorded in ${M.REGISTER_FILE})` : ', uncontrolled'}\n`);
        if (result.totalPages !== undefined && result.totalPages !== result.expectedPages)
          term.err(`warning: the book has ${result.totalPages} pages but its parts added up to ${result.expectedPages}; the page numbers in the contents may be off.\n`);
      } finally {
        await lock?.release();
      }
    }
    if (!pdf) term.err(`note: the HTML book has no page numbers in its contents${opts.pdf ? '' : ' (they need --pdf and a browser)'}.\n`);
    return EXIT_OK;
  });
}

async function recall(root: string, today: string, format: 'text' | 'csv' | 'json', codes: string[], term: Terminal): Promise<number> {
  if (codes.length) throw new UsageError('--recall takes no process codes.');
  const handbook = await load(root, today, term);
  const register = await M.readRegister(root);
  registerWarnings(term, register.problems);
  const items = M.recallList(register, handbook);
  if (format === 'json') term.out(JSON.stringify({ formatVersion: 1, date: today, copies: items }, null, 2) + '\n');
  else if (format === 'csv') {
    term.out(M.encodeRecord(['holder', 'code', 'name', 'version', 'copy', 'issued', 'reason', 'current']));
    for (const i of items) term.out(M.encodeRecord([i.holder, i.code, i.name, i.version, String(i.copy), i.issued, i.reason, i.current]));
  } else if (items.length === 0) term.out('No controlled copies to recall: every copy out is of the current version.\n');
  else {
    let holder = '';
    for (const i of items) {
      if (i.holder !== holder) term.out(`${(holder = i.holder)}:\n`);
      const why = i.reason === 'superseded' ? `superseded by version ${i.current}` : REASONS[i.reason];
      term.out(`  ${i.code} ${i.name ? i.name + ' ' : ''}version ${i.version || '(none)'} copy ${String(i.copy).padStart(3, '0')} (issued ${i.issued}): ${why}\n`);
    }
    term.out(`${items.length} ${items.length === 1 ? 'copy' : 'copies'} to recall. Record each return with: flowbook print --returned <code> <copy> [version]\n`);
  }
  return EXIT_OK;
}

async function returned(root: string, today: string, args: string[], term: Terminal): Promise<number> {
  if (args.length < 2 || args.length > 3) throw new UsageError('--returned needs <code> <copy> [version], e.g. flowbook print --returned HR-AT-003 2 A/0.');
  const [code, copyText, version] = args as [string, string, string | undefined];
  if (!/^[1-9]\d{0,8}$/.test(copyText)) throw new UsageError(`copy must be a copy number such as 2, not "${copyText}".`);
  let handbook;
  try {
    handbook = (await M.loadHandbook(root, { today })).handbook;
  } catch {
    handbook = undefined;
  }
  const r = await M.recordReturn(root, code, Number(copyText), version, today, handbook);
  term.out(`returned: ${r.code} version ${r.version || '(none)'} copy ${String(r.copy).padStart(3, '0')} from ${r.holder}, recorded in ${M.REGISTER_FILE}.\n`);
  return r ? EXIT_OK : EXIT_PROBLEMS;
}
