/**
 * The process model: the typed, immutable centre every output reads.
 * Built only from documents that passed validation (see validate/), by pure functions (model/build.ts).
 */

export type Status = 'controlled' | 'uncontrolled' | 'draft' | 'obsolete';
export const STATUSES: readonly Status[] = ['controlled', 'uncontrolled', 'draft', 'obsolete'];

export type StepType = 'action' | 'decision' | 'process';
export const STEP_TYPES: readonly StepType[] = ['action', 'decision', 'process'];

/** An arrow from one step to another. `label` is the branch label of a `label: id` mapping. */
export interface Edge {
  readonly from: string; // step key
  readonly to: string; // step key
  readonly label?: string;
}

export interface Step {
  /** Stable internal key, `s1`, `s2`, ... by position; safe as an HTML anchor and Mermaid node id. */
  readonly key: string;
  /** 1-based position in the document's `steps` list (the number in the step table). */
  readonly number: number;
  /** The author's `id`, when written. */
  readonly id?: string;
  readonly role: string;
  /** Index of `role` in the process's `roles` (its swimlane). */
  readonly lane: number;
  /** Text as shown; for `type: process` without text, the linked process's name. */
  readonly text: string;
  readonly type: StepType;
  /** With `type: process`: the linked process's code. */
  readonly ref?: string;
  readonly start: boolean;
  readonly end: boolean;
  readonly note?: string;
  /** Outgoing edges, in written order. */
  readonly next: readonly Edge[];
}

export interface SignoffEntry {
  readonly by: string;
  readonly date: string; // YYYY-MM-DD as written
  /** The version signed, when `flowbook approve` recorded it. */
  readonly version?: string;
  /** The fingerprint of the content this person signed (`flowbook approve`): 64 lowercase hex digits. */
  readonly sha256?: string;
}

export interface Signoff {
  readonly prepared?: SignoffEntry;
  readonly reviewed?: SignoffEntry;
  readonly approved?: SignoffEntry;
}

export interface Revision {
  readonly version: string;
  readonly date?: string;
  readonly change: string;
}

export interface Process {
  /** Path relative to the handbook root, with `/` separators (e.g. `processes/leave.md`). */
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
  readonly steps: readonly Step[];
  readonly signoff?: Signoff;
  readonly revisions: readonly Revision[];
  readonly tags: readonly string[];
  /** SHA-256 of the document's controlled content as it is now (src/control/fingerprint.ts). */
  readonly contentSha256?: string;
  /** Markdown body (after the frontmatter), LF line endings. */
  readonly body: string;
  /** 1-based line in the file where the body starts. */
  readonly bodyLine: number;
  /** Keys of the start steps. */
  readonly starts: readonly string[];
  /** Keys of steps with no outgoing edge. */
  readonly ends: readonly string[];
  /** Keys of steps reachable from a start. */
  readonly reachable: ReadonlySet<string>;
  /** Codes this process links to through `type: process` steps, in step order, unique. */
  readonly linksTo: readonly string[];
  /** Codes of processes whose steps link here, sorted. */
  readonly linkedFrom: readonly string[];
}

export type Language = 'zh-CN' | 'en';

/** Handbook-wide settings from flowbook.yml, resolved with defaults and frozen. */
export interface Settings {
  readonly title: string;
  readonly organisation: string;
  readonly language: Language;
  readonly controlledText: string;
  readonly uncontrolledText: string;
  /** Diagram renderer for pages: `native` (default) or `mermaid`. */
  readonly renderer: 'native' | 'mermaid';
  /** Optional path to a Chromium executable (Mermaid renderer, PDFs). */
  readonly browser?: string;
  /** Paper for printing (the site's print view, copies, the book): A4 (default) or A3. */
  readonly paper?: 'A4' | 'A3';
  /** The address the site is published at (`url:`), no trailing slash: printed copies carry a QR code that opens their page there. */
  readonly url?: string;
  /** Search synonyms: each group's words find each other (`synonyms: [[年假, 年休假], [离职, 辞职]]`). */
  readonly synonyms?: readonly (readonly string[])[];
  /** The order of categories on the home page, the map, search facets and the book (`categories: [总览, 招聘与配置]`); others follow by collation (util/collate.ts). */
  readonly categories?: readonly string[];
}

export interface Handbook {
  /** Absolute path of the handbook root (informational; the model does no I/O). */
  readonly root: string;
  readonly settings: Settings;
  /** All processes, sorted by code. */
  readonly processes: readonly Process[];
  readonly byCode: ReadonlyMap<string, Process>;
}
