/** Known keys of the format, shared by the checker, the JSON Schema test and the docs. */
import type { CodeProblem } from '../diagnostics/catalogue.js';

export const DOCUMENT_KEYS = [
  'name',
  'code',
  'version',
  'status',
  'owner',
  'control',
  'category',
  'effective',
  'review',
  'roles',
  'steps',
  'signoff',
  'revisions',
  'tags',
] as const;

export const REQUIRED_DOCUMENT_KEYS = ['name', 'code', 'status', 'owner', 'control', 'roles', 'steps'] as const;

export const STEP_KEYS = ['id', 'role', 'text', 'type', 'ref', 'next', 'start', 'end', 'note'] as const;
export const SIGNOFF_KEYS = ['prepared', 'reviewed', 'approved'] as const;
export const SIGNOFF_ENTRY_KEYS = ['by', 'date', 'version', 'sha256'] as const;
export const REVISION_KEYS = ['version', 'date', 'change'] as const;

/** Codes name files and URLs: letters, digits, `-`, `_`, `.`, starting with a letter or digit. */
export const CODE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;
export const CODE_MAX_LENGTH = 100;
/** Longest code in UTF-8 bytes: `p/<code>.html` must fit the 255-byte file-name limit of common disks (100 CJK characters do not). */
export const CODE_MAX_BYTES = 200;
/** Device names Windows reserves, with or without an extension (`CON.html` cannot be written there). */
export const RESERVED_FILE_NAME = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\.|$)/i;

/** Why `code` cannot name a page file, or undefined when it can (the words: `codeProblemText`). */
export function codeProblem(code: string): CodeProblem | undefined {
  if (code.length > CODE_MAX_LENGTH) return { problem: 'length', length: code.length, limit: CODE_MAX_LENGTH };
  if (!CODE_PATTERN.test(code)) return { problem: 'characters' };
  const bytes = Buffer.byteLength(code, 'utf8');
  if (bytes > CODE_MAX_BYTES) return { problem: 'bytes', bytes, limit: CODE_MAX_BYTES };
  if (RESERVED_FILE_NAME.test(code)) return { problem: 'reserved' };
  return undefined;
}
