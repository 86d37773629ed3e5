/** Writes the table of checks in docs/format.md from the diagnostic catalogue. `npm run docs:checks` */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withChecksTable } from '../src/diagnostics/checks-table.js';

const file = fileURLToPath(new URL('../docs/format.md', import.meta.url));
const before = readFileSync(file, 'utf8');
const after = withChecksTable(before);
if (after !== before) writeFileSync(file, after);
console.log(after === before ? 'docs/format.md: the table of checks is up to date.' : 'docs/format.md: table of checks written.');
