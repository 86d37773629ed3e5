/**
 * Marks on the way through a build, for finding where its time goes: printed to stderr with the
 * time since the process started and since the last mark, only when FLOWBOOK_TRACE=1. A no-op
 * otherwise (one comparison), so the marks can stay in the code.
 */
const on = process.env.FLOWBOOK_TRACE === '1';
let last = 0;

export function trace(label: string): void {
  if (!on) return;
  const now = performance.now();
  process.stderr.write(`${now.toFixed(0).padStart(6)} ms  +${(now - last).toFixed(0).padStart(4)}  ${label}  @${process.hrtime.bigint() / 1000n}\n`);
  last = now;
}
