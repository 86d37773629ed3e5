/** Limits that keep a hostile or accidental huge input from hanging a build. Documented in docs/format.md. */

/** Largest document file read, in bytes. */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
/** Most steps in one process. */
export const MAX_STEPS = 2000;
/** Most roles (swimlanes) in one process. */
export const MAX_ROLES = 100;
