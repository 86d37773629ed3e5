/** Role pages (`role/<slug>.html`), department pages (`dept/<slug>.html`) and their indexes. */
import type { OutputFile } from '../../output/types.js';
import type { SiteModel } from '../../view/model.js';
import type { Templates } from '../templates.js';
import { DEPARTMENTS, deptPath, ROLES, rolePath } from '../../view/paths.js';
import { layoutData, type SiteAssets } from './common.js';
import { context, deptHref, processLink, roleHref } from '../../view/context.js';

export function rolePages(site: SiteModel, templates: Templates, assets: SiteAssets): OutputFile[] {
  const out: OutputFile[] = [];
  for (const [role, groups] of site.roles) {
    const path = rolePath(site.roleSlug.get(role)!);
    const ctx = context(site, path);
    const data = {
      root: ctx.root,
      labels: site.labels,
      site: ctx.site,
      role,
      stepCount: groups.reduce((n, g) => n + g.steps.length, 0),
      processes: groups.map((g) => {
        const link = processLink(ctx, site, g.process);
        return { ...link, steps: g.steps.map((s) => ({ number: s.number, text: s.text, note: s.note ?? '', href: `${link.href}#step-${s.number}`, isDecision: s.type === 'decision' })) };
      }),
    };
    out.push({ path, content: templates.page('role', data, layoutData(ctx, assets, { title: role, bodyClass: 'fb-page-role' })) });
  }
  return out;
}

export function rolesIndexPage(site: SiteModel, templates: Templates, assets: SiteAssets): OutputFile {
  const ctx = context(site, ROLES);
  const data = {
    root: ctx.root,
    labels: site.labels,
    site: ctx.site,
    roles: [...site.roles].map(([name, groups]) => ({ name, href: roleHref(ctx, site, name), processCount: groups.length, stepCount: groups.reduce((n, g) => n + g.steps.length, 0) })),
  };
  return { path: ROLES, content: templates.page('roles', data, layoutData(ctx, assets, { title: site.labels.roles, bodyClass: 'fb-page-roles' })) };
}

export function departmentPages(site: SiteModel, templates: Templates, assets: SiteAssets): OutputFile[] {
  const out: OutputFile[] = [];
  for (const [name, d] of site.departments) {
    const path = deptPath(site.deptSlug.get(name)!);
    const ctx = context(site, path);
    const data = {
      root: ctx.root,
      labels: site.labels,
      site: ctx.site,
      name,
      owns: d.owns.map((p) => processLink(ctx, site, p)),
      controls: d.controls.map((p) => processLink(ctx, site, p)),
    };
    out.push({ path, content: templates.page('department', data, layoutData(ctx, assets, { title: name, bodyClass: 'fb-page-department' })) });
  }
  return out;
}

export function departmentsIndexPage(site: SiteModel, templates: Templates, assets: SiteAssets): OutputFile {
  const ctx = context(site, DEPARTMENTS);
  const data = {
    root: ctx.root,
    labels: site.labels,
    site: ctx.site,
    departments: [...site.departments.values()].map((d) => ({ name: d.name, href: deptHref(ctx, site, d.name), owns: d.owns.length, controls: d.controls.length })),
  };
  return { path: DEPARTMENTS, content: templates.page('departments', data, layoutData(ctx, assets, { title: site.labels.departments, bodyClass: 'fb-page-departments' })) };
}
