/** `p/<code>.html`: the controlled-document page of one process (and `p/<code>.mmd`). */
import type { Process } from '../../model/types.js';
import type { OutputFile } from '../../output/types.js';
import type { SiteIndex } from '../../view/model.js';
import type { Templates } from '../templates.js';
import { mermaidPath, processPath } from '../../view/paths.js';
import { layoutData, type SiteAssets } from './common.js';
import { context } from '../../view/context.js';
import { processPageData, type ProcessPageInput } from '../../view/process.js';
import { webPrintChart } from '../../view/paper/diagram.js';
import { printHeadFor } from '../../view/paper/page.js';

export function processPage(site: SiteIndex, templates: Templates, assets: SiteAssets, p: Process, input: ProcessPageInput): OutputFile[] {
  const path = processPath(p.code);
  const ctx = context(site, path);
  // On screen the whole diagram; on paper whole or in bands, planned once for the markup and the page rule.
  const chart = webPrintChart(input.svg, site.settings, p);
  const data = { ...processPageData(site, p, input, ctx), diagram: chart.html };
  const html = templates.page('process', data, layoutData(ctx, assets, {
      title: `${p.name} (${p.code})`,
      mermaid: input.hasMermaid,
      viewer: true,
      copyCheck: true,
      bodyClass: 'fb-page-process',
      process: p,
      printHead: printHeadFor(p, chart.plan, site.settings),
    }),
  );
  const files: OutputFile[] = [{ path, content: html }];
  if (input.mermaidSource !== undefined) files.push({ path: mermaidPath(p.code), content: input.mermaidSource });
  return files;
}
