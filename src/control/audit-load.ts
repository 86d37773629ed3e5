/**
 * Reading a handbook for the audit pack: the same check as every command (`checkAcross`), with
 * one difference. A controlled document changed after its approval is an error for `check` and
 * `build`, but it is exactly what an audit must show, so it does not stop the binder; any other
 * error does.
 */
import { checkAcross, checkSourceDocument } from '../load.js';
import { buildHandbook } from '../model/build.js';
import type { Handbook, Language } from '../model/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { readHandbookSources } from '../source/read-handbook.js';
import { readRegister, type Register } from '../print/register.js';

/** `language`: the handbook's, as check chose it (also when it has errors: the messages about them are in it). */
export type AuditLoad =
  | { readonly handbook: Handbook; readonly register: Register; readonly diagnostics: readonly Diagnostic[]; readonly documentCount: number; readonly language: Language }
  | { readonly handbook?: undefined; readonly diagnostics: readonly Diagnostic[]; readonly documentCount: number; readonly language: Language };

export async function loadForAudit(root: string, today: string): Promise<AuditLoad> {
  const sources = await readHandbookSources(root);
  const c = checkAcross(sources, sources.documents.map(checkSourceDocument), { today });
  const blocking = c.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'changed-after-approval');
  if (blocking.length > 0) return { diagnostics: c.diagnostics, documentCount: c.documentCount, language: c.language.language };
  // Documents with only changed-after-approval errors are usable: the model takes them as they are.
  const handbook = buildHandbook(sources.root, c.settings, c.docs);
  return { handbook, register: await readRegister(sources.root), diagnostics: c.diagnostics, documentCount: c.documentCount, language: c.language.language };
}
