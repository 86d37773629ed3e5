/**
 * "What's new" from git through the page registry with kept entries: a process whose text, history
 * and names are as before is not compared with its history again, and the page is the same bytes
 * as one made without kept entries.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHandbook } from '../../src/load.js';
import { buildSiteModel } from '../../src/view/model.js';
import { compileTemplates, readTemplateSources } from '../../src/site/templates.js';
import { pageRegistry, type EntryMemo, type PageTools } from '../../src/pages/registry.js';
import type { ComparedVersion } from '../../src/control/history-page.js';
import type { WhatsNewEntry } from '../../src/control/whats-new.js';
import type { Process } from '../../src/model/types.js';
import type { GitHistory } from '../../src/control/history.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const TODAY = '2026-11-27';

const handbook = (await loadHandbook(REPO, { today: TODAY })).handbook!;
const site = buildSiteModel(handbook, { today: TODAY, changes: true });
const templates = compileTemplates(await readTemplateSources(path.join(REPO, 'templates')));
const history: GitHistory = { kind: 'git', files: new Map() };

/** A committed version of each process, as if its history said so. */
const versionOf = (p: Process): ComparedVersion[] =>
  [{ version: p.version ?? '', commit: `c-${p.code}`, date: '2026-01-02', author: '张三', to: p, from: p, toClean: true, summary: `${p.code} 的变更` } as unknown as ComparedVersion];

function render(docVersion: (p: Process) => string, memo: EntryMemo | undefined) {
  const asked: string[] = [];
  const registry = pageRegistry({ site, docVersion, global: 'G', history, historyVersion: () => 'H', register: [] });
  const entry = registry.entries.find((e) => e.kind === 'whats-new')!;
  const tools: PageTools = {
    templates,
    assets: { customCss: false, searchCss: true, searchJs: true },
    versionsOf: (p) => {
      asked.push(p.code);
      return versionOf(p);
    },
    ...(memo && { whatsNew: memo }),
  };
  return { html: entry.render!(tools)[0]!.content as string, asked };
}

class Memo implements EntryMemo {
  readonly map = new Map<string, readonly WhatsNewEntry[]>();
  get(k: string) {
    return this.map.get(k);
  }
  set(k: string, e: readonly WhatsNewEntry[]) {
    this.map.set(k, e);
  }
}

describe("what's new with kept entries", () => {
  it('compares only the processes whose text changed, and makes the same page', () => {
    const v1 = (p: Process) => `${p.code}@1`;
    const memo = new Memo();
    const first = render(v1, memo);
    expect(first.asked.length).toBe(site.published.length);
    expect(first.html).toContain('的变更');

    // Nothing changed: nobody compared again.
    const again = render(v1, memo);
    expect(again.asked).toEqual([]);
    expect(again.html).toBe(first.html);

    // One document's text changed: that one only; the page as without kept entries.
    const edited = site.published[3]!.code;
    const v2 = (p: Process) => (p.code === edited ? `${p.code}@2` : `${p.code}@1`);
    const after = render(v2, memo);
    expect(after.asked).toEqual([edited]);
    expect(after.html).toBe(render(v2, undefined).html);
  });
});
