/**
 * Recall: controlled copies that must come back (their version is no longer current, the
 * process is obsolete or gone, or no longer controlled), and recording returns. Pure apart from
 * `recordReturn`, which appends to the register under its lock.
 */
import type { Handbook } from '../model/types.js';
import { appendEntries, lockRegister, outstanding, readRegister, type Register } from './register.js';
import { FlowbookError, type RunErrorCode } from '../diagnostics/errors.js';

export type RecallReason = 'superseded' | 'obsolete' | 'removed' | 'uncontrolled';

export interface RecallItem {
  readonly code: string;
  readonly name: string;
  readonly version: string;
  readonly copy: number;
  readonly holder: string;
  readonly issued: string;
  readonly reason: RecallReason;
  /** The current version (superseded only). */
  readonly current: string;
}

/**
 * Copies out whose version is not the current controlled one. A draft keeps earlier copies valid
 * (the new version is not approved yet); obsolete, removed and uncontrolled processes recall all.
 */
export function recallList(register: Pick<Register, 'entries'>, handbook: Handbook): RecallItem[] {
  const out: RecallItem[] = [];
  for (const e of outstanding(register)) {
    const p = handbook.byCode.get(e.code);
    let reason: RecallReason | undefined;
    if (!p) reason = 'removed';
    else if (p.status === 'obsolete') reason = 'obsolete';
    else if (p.status === 'uncontrolled') reason = 'uncontrolled';
    else if (p.status === 'controlled' && (p.version ?? '') !== e.version) reason = 'superseded';
    if (reason) out.push({ code: e.code, name: p?.name ?? '', version: e.version, copy: e.copy, holder: e.holder, issued: e.date, reason, current: p?.version ?? '' });
  }
  return out.sort((a, b) => (a.holder < b.holder ? -1 : a.holder > b.holder ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : a.copy - b.copy));
}

/** A return that cannot be recorded: the copy was never issued, is back already, or the version is unclear. */
export class ReturnRefused<C extends RunErrorCode = RunErrorCode> extends FlowbookError<C> {}

/** Append a `returned` line for an issued copy; refuses unknown copies and second returns. */
export async function recordReturn(root: string, code: string, copy: number, version: string | undefined, today: string, handbook?: Handbook) {
  const lock = await lockRegister(root);
  try {
    const register = await readRegister(root);
    const issued = register.entries.filter((e) => e.event === 'issued' && e.code === code && e.copy === copy && (version === undefined || e.version === version));
    if (issued.length === 0) {
      const anyVersion = version !== undefined && register.entries.some((e) => e.event === 'issued' && e.code === code && e.copy === copy);
      throw new ReturnRefused('return-not-issued', { code, copy, ...(anyVersion && { version }) });
    }
    const versions = [...new Set(issued.map((e) => e.version))];
    const open = versions.filter((v) => !register.entries.some((e) => e.event === 'returned' && e.code === code && e.copy === copy && e.version === v));
    if (open.length === 0) {
      const r = register.entries.find((e) => e.event === 'returned' && e.code === code && e.copy === copy && versions.includes(e.version))!;
      throw new ReturnRefused('return-already-returned', { code, copy, version: r.version, date: r.date, line: r.line });
    }
    let v: string;
    if (open.length === 1) v = open[0]!;
    else {
      const current = handbook?.byCode.get(code)?.version;
      throw new ReturnRefused('return-version-needed', { code, copy, open, current });
    }
    const entry = issued.find((e) => e.version === v)!;
    await appendEntries(root, [{ code, version: v, copy, holder: entry.holder, date: today, event: 'returned' }], register);
    return { code, version: v, copy, holder: entry.holder, date: today };
  } finally {
    await lock.release();
  }
}
