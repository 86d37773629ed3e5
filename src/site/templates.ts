/**
 * Handlebars templates: Flowbook's own in <package>/templates, each overridable by a file of the
 * same name in the handbook's templates/ folder (pages: `<name>.hbs`, partials: `partials/<name>.hbs`).
 * An isolated Handlebars environment with no extra helpers: `{{ }}` escapes, and only values the
 * site made safe (sanitised Markdown, our SVG) are written with `{{{ }}}`.
 */
import Handlebars from 'handlebars';
import { readdir, readFile } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlowbookError, type RunErrorCode } from '../diagnostics/errors.js';

export const PAGE_TEMPLATES = ['layout', 'process', 'home', 'role', 'roles', 'department', 'departments', 'map', 'search'] as const;
export type PageTemplate = (typeof PAGE_TEMPLATES)[number];

/** Flowbook's own templates folder (works from src/ and from dist/). */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface TemplateSource {
  /** `process` or `partials/step-table` (no extension). */
  readonly name: string;
  readonly text: string;
  /** Where it came from, for error messages. */
  readonly file: string;
}

/** A template that did not compile or render, or is missing; the message names the file. */
export class TemplateError<C extends RunErrorCode = RunErrorCode> extends FlowbookError<C> {}

async function readDir(dir: string): Promise<TemplateSource[]> {
  const out: TemplateSource[] = [];
  for (const sub of ['', 'partials']) {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(dir, sub), { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') continue;
      throw e;
    }
    // Regular files only: a symbolic link could pull a file from outside the handbook into the site.
    for (const n of entries.filter((e) => e.isFile()).map((e) => e.name).sort()) {
      if (!n.endsWith('.hbs')) continue;
      const file = path.join(dir, sub, n);
      out.push({ name: (sub ? `${sub}/` : '') + n.slice(0, -4), text: await readFile(file, 'utf8'), file });
    }
  }
  return out;
}

/** Default templates with the handbook's overrides on top (same name wins). */
export async function readTemplateSources(overrideDir?: string): Promise<TemplateSource[]> {
  const merged = new Map<string, TemplateSource>();
  for (const s of await readDir(DEFAULT_TEMPLATES_DIR)) merged.set(s.name, s);
  if (overrideDir) for (const s of await readDir(overrideDir)) merged.set(s.name, s);
  return [...merged.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

export interface Templates {
  /** Render page template `name` with `data`, then wrap it in the layout with `layout` data + `content`. */
  page(name: PageTemplate, data: object, layout: object): string;
}

const OPTIONS = { preventIndent: true, knownHelpersOnly: true } as const;

export function compileTemplates(sources: readonly TemplateSource[]): Templates {
  const hb = Handlebars.create();
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  for (const s of sources) {
    try {
      hb.parse(s.text); // syntax errors now, with the file name, not at first use
    } catch (e) {
      throw new TemplateError('template-invalid', { file: s.file, reason: (e as Error).message });
    }
    // Partials are compiled once here: registered as strings, Handlebars would compile them
    // again on every page it renders.
    const template = hb.compile(s.text, OPTIONS);
    if (s.name.startsWith('partials/')) hb.registerPartial(s.name.slice('partials/'.length), template);
    else compiled.set(s.name, template);
  }
  for (const n of PAGE_TEMPLATES) if (!compiled.has(n)) throw new TemplateError('template-missing', { name: n });
  const file = (n: string) => sources.find((s) => s.name === n)?.file ?? n;
  const run = (n: string, data: object) => {
    try {
      return compiled.get(n)!(data);
    } catch (e) {
      throw new TemplateError('template-invalid', { file: file(n), reason: (e as Error).message });
    }
  };
  return {
    page(name, data, layout) {
      return run('layout', { ...layout, content: run(name, data) });
    },
  };
}
