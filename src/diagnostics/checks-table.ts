/**
 * The table of checks in docs/format.md, generated from the catalogue (`npm run docs:checks`
 * writes it; a test fails when the committed table is stale). Pure.
 */
import { CATALOGUE, type CatalogueEntry } from './catalogue.js';

export const CHECKS_START = '<!-- checks: generated from src/diagnostics/catalogue.ts by "npm run docs:checks"; do not edit -->';
export const CHECKS_END = '<!-- end of checks -->';

/** One row per code, in catalogue order: code, severity, when. */
export function checksTable(): string {
  const rows = Object.entries(CATALOGUE as Record<string, CatalogueEntry<never>>).map(([code, e]) => `| \`${code}\` | ${e.severity} | ${e.when} |`);
  return ['| code | severity | when |', '| --- | --- | --- |', ...rows].join('\n') + '\n';
}

/** `markdown` with the text between the markers replaced by the current table. */
export function withChecksTable(markdown: string): string {
  const start = markdown.indexOf(CHECKS_START);
  const end = markdown.indexOf(CHECKS_END);
  if (start < 0 || end < start) throw new Error(`the checks markers are missing: ${CHECKS_START} ... ${CHECKS_END}`);
  return markdown.slice(0, start + CHECKS_START.length) + '\n' + checksTable() + markdown.slice(end);
}
