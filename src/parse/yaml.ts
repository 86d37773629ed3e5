/**
 * YAML for frontmatter.
 *
 * Two parsers, on purpose (see docs/architecture.md): js-yaml reads every document fast; the `yaml`
 * package, which keeps source positions, runs only for a document that has something to report.
 *
 * The schema is YAML 1.2's core schema without numbers and timestamps: `yes`/`no`/`on`/`off` stay
 * strings, and a number such as `version: 2.0` or a branch label `1.10` keeps the text written in
 * the file. Only `true`/`false` and `null`/`~`/empty are interpreted.
 */
import jsyaml from 'js-yaml';
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Node } from 'yaml';

// js-yaml exports its built-in types at run time; @types/js-yaml does not declare them.
const builtin = (jsyaml as unknown as { types: Record<'null' | 'bool', jsyaml.Type> }).types;
const SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [builtin.null, builtin.bool] });

export class YamlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    /** 0-based line and column within the YAML text. */
    readonly line: number,
    readonly column: number,
  ) {
    super(reason);
  }
}

/** Parse YAML text to plain data; throws YamlSyntaxError with a position. */
export function loadYaml(text: string): unknown {
  try {
    return jsyaml.load(text, { schema: SCHEMA });
  } catch (e) {
    if (e instanceof jsyaml.YAMLException) {
      // The `yaml` package points more precisely at the culprit (the repeated key, the bad line);
      // js-yaml's mark is the fallback.
      throw (
        explainYamlError(text) ??
        new YamlSyntaxError(e.reason || 'invalid YAML', e.mark?.line ?? 0, e.mark?.column ?? 0)
      );
    }
    throw e;
  }
}

function explainYamlError(text: string): YamlSyntaxError | undefined {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, schema: 'failsafe', uniqueKeys: true, prettyErrors: true });
  const err = doc.errors[0];
  if (!err) return undefined;
  const pos = err.linePos?.[0] ?? { line: 1, col: 1 };
  const reason = (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  return new YamlSyntaxError(lowerFirst(reason), pos.line - 1, pos.col - 1);
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export type FieldPath = readonly (string | number)[];
export interface Position {
  line: number; // 1-based, within the YAML text
  column: number; // 1-based
}

/**
 * A function mapping a field path to where it is written. `part: 'key'` points at the key of a
 * mapping entry (for unknown keys); otherwise at the value. A path that does not exist resolves to
 * the deepest part that does.
 */
export type Locator = (path: FieldPath, part?: 'key' | 'value') => Position;

export function createLocator(text: string): Locator {
  let parsed: { doc: ReturnType<typeof parseDocument>; lc: LineCounter } | undefined;
  return (path, part = 'value') => {
    parsed ??= (() => {
      const lc = new LineCounter();
      const doc = parseDocument(text, { lineCounter: lc, schema: 'failsafe', uniqueKeys: false, strict: false });
      return { doc, lc };
    })();
    const { doc, lc } = parsed;
    let node: unknown = doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const key = pair.key as Node;
        if (last && part === 'key') {
          offset = key.range?.[0] ?? offset;
          break;
        }
        const value = pair.value as Node | null;
        // An empty value has no useful range: point at its key.
        offset = value?.range && value.range[1] > value.range[0] ? value.range[0] : (key.range?.[0] ?? offset);
        node = value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else break;
    }
    const { line, col } = lc.linePos(offset);
    return { line, column: col };
  };
}
