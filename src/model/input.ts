/**
 * A document as the checker decoded it: typed fields, before cross-document resolution.
 * The model builder (model/build.ts) turns a set of these, once checked, into the process graph.
 */
import type { NextSpec } from './graph.js';
import type { Revision, Signoff, Status, StepType } from './types.js';
import type { FieldPath, Position } from '../parse/yaml.js';

export interface StepInput {
  readonly id?: string;
  readonly role: string;
  readonly text?: string;
  readonly type: StepType;
  readonly ref?: string;
  readonly next?: NextSpec;
  readonly start: boolean;
  readonly end: boolean;
  readonly note?: string;
}

export interface DocumentInput {
  readonly file: string;
  readonly code: string;
  readonly name: string;
  readonly version?: string;
  readonly status: Status;
  readonly owner: string;
  readonly control: string;
  readonly category?: string;
  readonly effective?: string;
  readonly review?: string;
  readonly roles: readonly string[];
  readonly steps: readonly StepInput[];
  readonly signoff?: Signoff;
  readonly revisions: readonly Revision[];
  readonly tags: readonly string[];
  /** SHA-256 of the controlled content (src/control/fingerprint.ts). */
  readonly contentSha256?: string;
  readonly body: string;
  readonly bodyLine: number;
  /** Where a frontmatter field is written (for messages found after decoding). */
  readonly locate: (path: FieldPath, part?: 'key' | 'value') => Position;
}
