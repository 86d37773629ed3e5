/** Known keys of the format, shared by the checker, the JSON Schema test and the docs. */

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
export const SIGNOFF_ENTRY_KEYS = ['by', 'date'] as const;
export const REVISION_KEYS = ['version', 'date', 'change'] as const;

/** Codes name files and URLs: letters, digits, `-`, `_`, `.`, starting with a letter or digit. */
export const CODE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;
export const CODE_MAX_LENGTH = 100;
