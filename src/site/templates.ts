/**
 * The site's page templates: Flowbook's own in <package>/templates, each overridable by a file of
 * the same name in the handbook's templates/ folder (pages: `<name>.hbs`, partials:
 * `partials/<name>.hbs`). Read and compiled by the one template loader (src/source/templates.ts:
 * regular files only, no symbolic links, `knownHelpersOnly`, errors naming the file and line).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileTemplateSet, readSiteTemplates, type TemplateSource } from '../source/templates.js';

export { templateHash } from '../source/templates.js';

export { TemplateError, type TemplateSource } from '../source/templates.js';

export const PAGE_TEMPLATES = ['layout', 'process', 'home', 'role', 'roles', 'department', 'departments', 'map', 'search', 'changes', 'whats-new', 'master-list'] as const;
export type PageTemplate = (typeof PAGE_TEMPLATES)[number];

/** Flowbook's own templates folder (works from src/ and from dist/). */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Default templates with the handbook's overrides on top (same name wins); `overrideDir` is `<handbook>/templates`. */
export async function readTemplateSources(overrideDir?: string): Promise<TemplateSource[]> {
  return readSiteTemplates(overrideDir === undefined ? undefined : path.dirname(path.resolve(overrideDir)));
}

export interface Templates {
  /** Render page template `name` with `data`, then wrap it in the layout with `layout` data + `content`. */
  page(name: PageTemplate, data: object, layout: object): string;
}

/** `checked`: see `compileTemplateSet`. */
export function compileTemplates(sources: readonly TemplateSource[], checked?: ReadonlySet<string>): Templates {
  const set = compileTemplateSet(sources, PAGE_TEMPLATES, checked);
  return {
    page(name, data, layout) {
      return set.render('layout', { ...layout, content: set.render(name, data) });
    },
  };
}
