/** Text and attribute escaping for the few places that build markup in code (SVG). */
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => MAP[c]!);

/** Rough display width in ems: CJK and other wide characters 1, the rest ~0.6. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 1 : 0.6;
  return w;
}

/** Cut `s` to at most `ems` wide, with an ellipsis when cut. */
export function fit(s: string, ems: number): string {
  if (textWidth(s) <= ems) return s;
  let out = '';
  for (const ch of s) {
    if (textWidth(out + ch) > ems - 1) break;
    out += ch;
  }
  return out + '…';
}
