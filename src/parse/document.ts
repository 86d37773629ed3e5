/**
 * Reading one process document: text -> frontmatter data, Markdown body, and a position locator.
 * Pure: the caller reads the file.
 */
import matter from 'gray-matter';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadYaml, createLocator, YamlSyntaxError, type FieldPath, type Position } from './yaml.js';

export interface ParsedDocument {
  /** Path relative to the handbook root, `/` separators. */
  readonly file: string;
  /** The frontmatter mapping, or undefined when it could not be read (see diagnostics). */
  readonly data?: Readonly<Record<string, unknown>>;
  readonly body: string;
  /** 1-based line where the body starts. */
  readonly bodyLine: number;
  /** Where a frontmatter field is written, as a position in the file. */
  readonly locate: (path: FieldPath, part?: 'key' | 'value') => Position;
  readonly diagnostics: readonly Diagnostic[];
}

const FENCE = /^---[ \t]*$/;

/** Strip a UTF-8 byte-order mark and turn CRLF / CR line endings into LF. */
export function normaliseText(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

/** A document that could not be read: no data, one diagnostic. */
function unreadable(file: string, d: Diagnostic): ParsedDocument {
  return { file, body: '', bodyLine: 1, locate: () => ({ line: 1, column: 1 }), diagnostics: [d] };
}

/** Why the text has no frontmatter block (`---` lines around it), or undefined when it has one. */
function fenceProblem(file: string, lines: readonly string[]): Diagnostic | undefined {
  const first = lines[0] ?? '';
  if (!FENCE.test(first)) return diagnostic('no-frontmatter', { file, line: 1, column: 1 }, first.startsWith('---') ? { problem: 'other-language', firstLine: first } : { problem: 'missing' });
  if (lines.findIndex((l, i) => i > 0 && FENCE.test(l)) < 0) return diagnostic('no-frontmatter', { file, line: 1, column: 1 }, { problem: 'unclosed' });
  return undefined;
}

/**
 * The frontmatter's YAML text, its data (or the syntax error) and the body. gray-matter splits the
 * file; our engine parses the YAML (see parse/yaml.ts for why). gray-matter hands the engine the
 * frontmatter with the opening line's newline in front, so a 1-based line in that text is the
 * same line in the file.
 */
function splitFrontmatter(text: string): { yaml: string; body: string; data: unknown; yamlError?: YamlSyntaxError } {
  let data: unknown = null;
  let yamlError: YamlSyntaxError | undefined;
  const split = matter(text, {
    language: 'yaml',
    engines: {
      yaml: (s: string) => {
        try {
          data = loadYaml(s);
        } catch (e) {
          if (!(e instanceof YamlSyntaxError)) throw e;
          yamlError = e;
        }
        return {};
      },
    },
  } as unknown as Parameters<typeof matter>[1]);
  return { yaml: split.matter, body: split.content, data, ...(yamlError && { yamlError }) };
}

export function parseProcessDocument(file: string, raw: string): ParsedDocument {
  const text = normaliseText(raw);
  const problem = fenceProblem(file, text.split('\n'));
  if (problem) return unreadable(file, problem);

  const { yaml, body, data, yamlError } = splitFrontmatter(text);
  const base = { file, body, bodyLine: 3 + (yaml.match(/\n/g)?.length ?? 0), locate: createLocator(yaml) };
  if (yamlError) {
    return { ...base, diagnostics: [diagnostic('invalid-yaml', { file, line: yamlError.line + 1, column: yamlError.column + 1 }, { in: 'document', reason: yamlError.reason })] };
  }
  if (data === null || data === undefined) return { ...base, data: {}, diagnostics: [] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { ...base, diagnostics: [diagnostic('not-a-mapping', { file, line: 2, column: 1 }, { value: Array.isArray(data) ? 'list' : 'single value' })] };
  }
  return { ...base, data: data as Record<string, unknown>, diagnostics: [] };
}
