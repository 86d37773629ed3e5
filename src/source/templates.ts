/**
 * The one template loader, for the site's templates and the print templates alike.
 *
 * Reading: Flowbook's own templates (`<package>/templates`, `<package>/templates/print`), each
 * overridable by a file of the same name in the handbook's `templates/` (`templates/print/`):
 * `<name>.hbs` and `partials/<name>.hbs`. By the rules of ./files.ts: regular files only, no
 * symbolic link followed (a linked file, or a linked `templates/`, `print/` or `partials/` folder,
 * is passed over as if absent, so nothing outside the handbook gets into a page or a controlled
 * copy); a folder or file that cannot be read is an error naming it, never skipped.
 *
 * Compiling: an isolated Handlebars environment with no extra helpers and `knownHelpersOnly`, every
 * template compiled when loaded, so a broken one fails before any page is made, as a
 * `TemplateError` naming its file and line. `{{ }}` escapes; only values the caller made safe
 * (sanitised Markdown, Flowbook's SVG) are written with `{{{ }}}`.
 */
import { createHash } from 'node:crypto';
import type HandlebarsNamespace from 'handlebars';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TemplateError } from '../diagnostics/errors.js';
import { absolute, listFolder, lookUp, readHandbookFile, readRegularFile } from './files.js';

export interface TemplateSource {
  /** `process`, `partials/step-table`, `print/copy`, `print/partials/process` (no extension). */
  readonly name: string;
  readonly text: string;
  /** Where it came from, for error messages. */
  readonly file: string;
}

export { TemplateError };

/** Flowbook's own package folder (works from src/ and from dist/): its templates/ are the defaults. */
const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const TEMPLATES = 'templates';
export const PRINT_TEMPLATES = 'templates/print';

/**
 * The `.hbs` files of `<root>/<rel>` and `<root>/<rel>/partials`, named `<prefix><name>` and
 * `<prefix>partials/<name>`. An absent (or linked) folder has none.
 */
export function readTemplateFolder(root: string, rel: string, prefix = ''): TemplateSource[] {
  const out: TemplateSource[] = [];
  for (const sub of ['', 'partials']) {
    const folderRel = sub ? `${rel}/${sub}` : rel;
    const folder = absolute(root, folderRel);
    const found = lookUp(root, folderRel);
    if (found.kind === 'error') throw new TemplateError('template-unreadable', { file: folder, reason: found.reason });
    if (found.kind !== 'folder') continue;
    const listing = listFolder(folder);
    if (listing.kind === 'absent') continue;
    if (listing.kind === 'error') throw new TemplateError('template-unreadable', { file: folder, reason: listing.reason });
    for (const e of listing.entries) {
      if (!e.isFile() || !e.name.endsWith('.hbs')) continue;
      const file = path.join(folder, e.name);
      const r = readRegularFile(file, 0, 'utf8');
      if (r.kind === 'absent') continue;
      if (r.kind !== 'read') throw new TemplateError('template-unreadable', { file, reason: r.kind === 'error' ? r.reason : r.kind });
      out.push({ name: `${prefix}${sub ? `${sub}/` : ''}${e.name.slice(0, -'.hbs'.length)}`, text: r.content as string, file });
    }
  }
  return out;
}

/** Templates by name, later layers winning, sorted by name. */
function merge(...layers: readonly TemplateSource[][]): TemplateSource[] {
  const merged = new Map<string, TemplateSource>();
  for (const layer of layers) for (const s of layer) merged.set(s.name, s);
  return [...merged.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The site's templates: Flowbook's with the handbook's `templates/` on top (`handbookRoot` undefined: Flowbook's only). */
export function readSiteTemplates(handbookRoot?: string): TemplateSource[] {
  return merge(readTemplateFolder(PACKAGE_DIR, TEMPLATES), handbookRoot ? readTemplateFolder(path.resolve(handbookRoot), TEMPLATES) : []);
}

/** The print templates (`print/...`) and the site partials they use, each with the handbook's overrides on top. */
export function readPrintTemplates(handbookRoot?: string): TemplateSource[] {
  const site = readSiteTemplates(handbookRoot).filter((s) => s.name.startsWith('partials/'));
  const own = readTemplateFolder(PACKAGE_DIR, PRINT_TEMPLATES, 'print/');
  return merge(site, own, handbookRoot ? readTemplateFolder(path.resolve(handbookRoot), PRINT_TEMPLATES, 'print/') : []);
}

/* --------------------------------------------------------------- compiling */

/** Passed as copies: Handlebars adds its defaults to the object it is given. */
const OPTIONS = { preventIndent: true, knownHelpersOnly: true } as const;

/** `partials/x` -> `x`, `print/partials/x` -> `print-x`; undefined for a page. */
function partialName(name: string): string | undefined {
  const i = name.indexOf('partials/');
  if (i < 0) return undefined;
  return name.slice(0, i).replace(/\//g, '-') + name.slice(i + 'partials/'.length);
}

/** The line a Handlebars error points at: "Parse error on line 3:", or " - 3:4" at the end of a compile error. */
function errorLine(e: unknown): number | undefined {
  const lineNumber = (e as { lineNumber?: unknown }).lineNumber;
  if (typeof lineNumber === 'number') return lineNumber;
  const m = /Parse error on line (\d+)/.exec((e as Error).message ?? '') ?? / - (\d+):\d+$/.exec((e as Error).message ?? '');
  return m ? Number(m[1]) : undefined;
}

function failed(file: string, e: unknown): TemplateError<'template-invalid'> {
  const line = errorLine(e);
  return new TemplateError('template-invalid', { file, reason: (e as Error).message, ...(line !== undefined && { line }) });
}

export interface CompiledTemplates {
  /** Render page template `name` (not a partial) with `data`. */
  render(name: string, data: object): string;
}

/**
 * Flowbook's own templates, precompiled at install (scripts/bundle.mjs), by a hash of their text;
 * empty when running from src/, when that file is missing, or when it was made with other options.
 */
type Specs = Readonly<Record<string, Parameters<typeof HandlebarsNamespace.template>[0]>>;
let precompiled: Specs | undefined;
function precompiledSpecs(): Specs {
  if (precompiled) return precompiled;
  try {
    const file = createRequire(import.meta.url)('./templates-precompiled.cjs') as { options?: unknown; specs?: Specs };
    precompiled = JSON.stringify(file.options) === JSON.stringify(OPTIONS) && file.specs ? file.specs : {};
  } catch {
    precompiled = {};
  }
  return precompiled;
}

/** Flowbook's own precompiled template of this text, when it is one of theirs (checked when it was precompiled). */
export function precompiledSpec(text: string): Specs[string] | undefined {
  return precompiledSpecs()[createHash('sha1').update(text).digest('base64url')];
}

/** The template of a text: its precompiled spec when there is one, else compiled (at first use). */
function templateOf(hb: typeof HandlebarsNamespace, text: string, spec: Specs[string] | undefined): HandlebarsNamespace.TemplateDelegate {
  if (spec)
    try {
      return hb.template(spec);
    } catch {
      // made by another Handlebars (its runtime refuses the spec): compiled below
    }
  return hb.compile(text, { ...OPTIONS });
}

/** Templates checked without error in this process (the dev server and tests compile the same ones many times). */
const compiledBefore = new Set<string>();

/** What identifies a template's text for `checked` (a build cache keeps those that compiled). */
export const templateHash = (s: TemplateSource): string => createHash('sha1').update(`${s.name}\0${s.text}`).digest('base64url');

/**
 * Compile every template now (errors name the file and line); `required` pages must be there.
 * Templates whose `templateHash` is in `checked` compiled before without error, so the check is
 * skipped for them (it is most of a warm build's fixed cost); they still compile at first use.
 */
export function compileTemplateSet(sources: readonly TemplateSource[], required: readonly string[], checked: ReadonlySet<string> = new Set()): CompiledTemplates {
  // Loaded when first compiling: reading templates (a build's check for changes) does not need it.
  const hb = (createRequire(import.meta.url)('handlebars') as typeof HandlebarsNamespace).create();
  const pages = new Map<string, { template: HandlebarsNamespace.TemplateDelegate; file: string }>();
  for (const s of sources) {
    const spec = precompiledSpec(s.text);
    try {
      // Syntax errors and unknown helpers now, with the file name, not at first use (compile is lazy).
      const hash = templateHash(s);
      if (!checked.has(hash) && !compiledBefore.has(hash) && !spec) {
        hb.precompile(s.text, { ...OPTIONS });
        compiledBefore.add(hash);
      }
    } catch (e) {
      throw failed(s.file, e);
    }
    // Partials are compiled once here: registered as strings, Handlebars would compile them
    // again on every page it renders.
    const template = templateOf(hb, s.text, spec);
    const partial = partialName(s.name);
    if (partial !== undefined) hb.registerPartial(partial, template);
    else pages.set(s.name, { template, file: s.file });
  }
  for (const n of required) if (!pages.has(n)) throw new TemplateError('template-missing', { name: n });
  return {
    render(name, data) {
      const page = pages.get(name);
      if (!page) throw new TemplateError('template-missing', { name });
      try {
        return page.template(data);
      } catch (e) {
        throw failed(page.file, e);
      }
    },
  };
}

/* ------------------------------------------------------------- custom.css */

export const CUSTOM_CSS = 'templates/custom.css';

/** The handbook's `templates/custom.css` (a regular file, no link on the way), or undefined when it has none. */
export function readCustomCss(handbookRoot: string): Buffer | undefined {
  const r = readHandbookFile(path.resolve(handbookRoot), CUSTOM_CSS, 'bytes');
  if (r.kind === 'read') return r.content;
  if (r.kind === 'error') throw new TemplateError('template-unreadable', { file: absolute(path.resolve(handbookRoot), CUSTOM_CSS), reason: r.reason });
  return undefined;
}
