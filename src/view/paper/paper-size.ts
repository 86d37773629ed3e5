/** The paper sizes Flowbook prints on; on its own so the command line can check `--paper` without loading the chart code. */
export type Paper = 'A4' | 'A3';
export const PAPERS: readonly Paper[] = ['A4', 'A3'];

/** `A3`, `a3` -> `A3`; undefined for anything that is not a paper size Flowbook prints on. */
export function parsePaper(value: string): Paper | undefined {
  const v = value.trim().toUpperCase();
  return (PAPERS as readonly string[]).includes(v) ? (v as Paper) : undefined;
}
