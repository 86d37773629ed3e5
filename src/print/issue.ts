/**
 * Issuing controlled copies: choose the processes, then for each copy, under the register lock:
 * next number -> write the HTML copy (and PDF) -> append the register line -> unlock.
 *
 * Order and crashes: the register line is appended only after the copy's files are complete on
 * disk (written to a temporary name, then renamed). A print killed before the append leaves no
 * register line, so the number is issued again next time (and the unrecorded file is replaced);
 * a print killed during the append leaves at most one cut-short last line, which reading reports
 * and ignores, and the next append starts on a new line. Earlier lines are never touched.
 */
import { writeFileAtomic, writeFileAtomic as writeAtomic } from '../output/atomic-write.js';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Handbook, Process } from '../model/types.js';
import type { SiteModel } from '../view/model.js';
import { copyNumberText, copyPdfInfo, renderControlledCopy, type PrintKit } from './document.js';
import type { Paper } from '../view/paper/chart-pages.js';
import type { PdfRenderer } from './pdf.js';
import { appendEntries, lockRegister, nextCopyNumber, readRegister, type RegisterProblem } from './register.js';
import { FlowbookError, type IssueProblem, type LockHolder, type RunErrorCode } from '../diagnostics/errors.js';

/** Copies that cannot be issued: nothing controlled, or named processes that are unknown or not controlled. */
export class PrintRefused<C extends RunErrorCode = RunErrorCode> extends FlowbookError<C> {}

/** Pause at a named point when FLOWBOOK_TEST_PAUSE lists it (tests kill the process there). */
export async function testPause(point: string): Promise<void> {
  const list = process.env.FLOWBOOK_TEST_PAUSE;
  if (!list || !list.split(',').includes(point)) return;
  process.stderr.write(`flowbook-test: paused at ${point}\n`);
  await new Promise(() => setInterval(() => undefined, 60_000));
}

/** The file-name form of a version: `A/0` -> `A-0`. */
export function versionSafe(version: string | undefined): string {
  if (version === undefined || version === '') return 'unversioned';
  return version.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'v';
}

export function copyFileName(p: Pick<Process, 'code' | 'version'>, copy: number): string {
  return `${p.code}-${versionSafe(p.version)}-copy${copyNumberText(copy)}`;
}

/** The processes to issue: `--all` (every controlled one) or the named codes; refuses others. */
export function selectForIssue(handbook: Handbook, codes: readonly string[], all: boolean): Process[] {
  if (all) {
    const list = handbook.processes.filter((p) => p.status === 'controlled');
    if (list.length === 0) throw new PrintRefused('nothing-to-issue');
    return list;
  }
  const out: Process[] = [];
  const problems: IssueProblem[] = [];
  for (const code of codes) {
    const p = handbook.byCode.get(code);
    if (!p) {
      const near = [...handbook.byCode.keys()].find((k) => k.toLowerCase() === code.toLowerCase());
      problems.push({ code, near });
    } else if (p.status !== 'controlled') problems.push({ code, name: p.name, status: p.status });
    else if (!out.includes(p)) out.push(p);
  }
  if (problems.length) throw new PrintRefused('issue-refused', { problems });
  return out;
}

export { writeFileAtomic as writeAtomic };

export interface IssueOptions {
  readonly root: string;
  readonly out: string;
  readonly holder: string;
  readonly copies: number;
  readonly today: string;
  /** Paper size (default: flowbook.yml's paper, else A4). */
  readonly paper?: Paper;
  readonly pdf?: PdfRenderer;
  readonly onIssued?: (r: IssuedCopy) => void;
  readonly onRegisterProblems?: (problems: readonly RegisterProblem[]) => void;
  readonly onWait?: (holder: LockHolder | undefined) => void;
}

export interface IssuedCopy {
  readonly code: string;
  readonly version: string;
  readonly copy: number;
  readonly html: string;
  readonly pdf?: string;
  readonly pages?: number;
}

export async function issueCopies(kit: PrintKit, site: SiteModel, processes: readonly Process[], o: IssueOptions): Promise<IssuedCopy[]> {
  await mkdir(o.out, { recursive: true });
  const issued: IssuedCopy[] = [];
  let reported = false;
  for (const p of processes)
    for (let k = 0; k < o.copies; k++) {
      const lock = await lockRegister(o.root, { ...(o.onWait && { onWait: o.onWait }) });
      try {
        await testPause('locked');
        const register = await readRegister(o.root);
        if (!reported && register.problems.length) o.onRegisterProblems?.(register.problems);
        reported = true;
        const version = p.version ?? '';
        const n = nextCopyNumber(register, p.code, version);
        const copy = { number: n, holder: o.holder, issued: o.today };
        const html = renderControlledCopy(kit, site, p, copy, o.paper ? { paper: o.paper } : {});
        const base = path.join(o.out, copyFileName(p, n));
        await writeAtomic(`${base}.html`, html);
        await testPause('html');
        let pdfFile: string | undefined;
        let pages: number | undefined;
        if (o.pdf) {
          const bytes = await o.pdf.pdf(html, { info: copyPdfInfo(site.settings, p, copy) });
          const { countPdfPages } = await import('./pdf.js');
          pages = countPdfPages(bytes);
          pdfFile = `${base}.pdf`;
          await writeAtomic(pdfFile, bytes);
          await testPause('pdf');
        }
        await appendEntries(o.root, [{ code: p.code, version, copy: n, holder: o.holder, date: o.today, event: 'issued' }], register);
        await testPause('appended');
        const r: IssuedCopy = { code: p.code, version, copy: n, html: `${base}.html`, ...(pdfFile && { pdf: pdfFile }), ...(pages !== undefined && { pages }) };
        issued.push(r);
        o.onIssued?.(r);
      } finally {
        await lock.release();
      }
    }
  return issued;
}
