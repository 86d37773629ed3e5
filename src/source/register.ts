/**
 * The input edge for the distribution register of controlled copies (`register/distribution.csv`,
 * parsed and written by src/print/register.ts). By the rules of ./files.ts: a regular file inside
 * the handbook, never through a symbolic link. A linked register (or `register/` folder) is
 * refused rather than passed over: print appends to the register, and must not write outside the
 * handbook or issue copy numbers from a register it cannot see.
 */
import path from 'node:path';
import { FlowbookError } from '../diagnostics/errors.js';
import { readHandbookFile } from './files.js';

export const REGISTER_FILE = 'register/distribution.csv';

/** The register's text, or undefined when there is none yet. */
export function readRegisterText(root: string): string | undefined {
  const r = readHandbookFile(path.resolve(root), REGISTER_FILE, 'utf8');
  switch (r.kind) {
    case 'read':
      return r.content;
    case 'absent':
      return undefined;
    case 'link':
      throw new FlowbookError('register-unreadable', { file: REGISTER_FILE, reason: `${r.at} is a symbolic link, which is not followed` });
    case 'error':
      throw new FlowbookError('register-unreadable', { file: REGISTER_FILE, reason: r.reason });
    default:
      throw new FlowbookError('register-unreadable', { file: REGISTER_FILE, reason: 'it is not a regular file' });
  }
}
