/** "Did you mean ...?" suggestions for near-miss roles, ids, codes and keys. */
import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate to `wrong`, or undefined when nothing is close enough.
 * Close enough: edit distance at most a third of the longer string (at least 1), or one contains
 * the other (common for CJK role names such as 人力资源 / 人力资源部), or equal ignoring case.
 */
export function closest(wrong: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const lower = wrong.toLowerCase();
  for (const c of candidates) {
    if (c === wrong) continue;
    const cl = c.toLowerCase();
    let score: number;
    if (cl === lower) score = 0;
    else {
      const d = distance(lower, cl);
      const limit = Math.max(1, Math.floor(Math.max([...wrong].length, [...c].length) / 3));
      if (d <= limit) score = d;
      else if (lower.length >= 2 && cl.length >= 2 && (cl.includes(lower) || lower.includes(cl))) score = limit + 0.5;
      else continue;
    }
    if (score < bestScore || (score === bestScore && best !== undefined && c < best)) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** ` Did you mean "x"?` or the empty string. */
export function didYouMean(wrong: string, candidates: Iterable<string>): string {
  const c = closest(wrong, candidates);
  return c === undefined ? '' : ` Did you mean "${c}"?`;
}
