/**
 * The approval line of a process page's document-control block: whether the content is the
 * content approved. Nothing for a document whose approval has no recorded fingerprint, so
 * handbooks signed by hand look as before.
 */
import type { Language, Process } from '../model/types.js';
import { approvalState, shortFingerprint } from './fingerprint.js';
import { controlLabels } from './control-labels.js';

export interface ApprovalLine {
  readonly state: 'verified' | 'changed';
  /** The row's label (批准内容 / Approved content). */
  readonly label: string;
  readonly text: string;
  readonly sha256: string;
  readonly short: string;
}

export function approvalLine(language: Language, p: Pick<Process, 'signoff' | 'contentSha256'>): ApprovalLine | undefined {
  const state = approvalState(p);
  if (state === 'unrecorded') return undefined;
  const l = controlLabels(language);
  const sha256 = p.signoff!.approved!.sha256!;
  return { state, label: l.approvedContent, text: l.approvalLine[state], sha256, short: shortFingerprint(sha256) };
}
