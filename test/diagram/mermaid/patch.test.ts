/**
 * The drawing pages load Mermaid's ES modules (only the chunks a swimlane needs) with one speed fix
 * (render.ts, `patchGetConfig`: getConfig's deep copy made once per configuration object). The fix
 * must apply to exactly one module of the installed Mermaid (or this fails, so an upgrade is looked
 * at) and leave other text alone; and the pages must draw every example diagram and the hostile
 * texts byte-identically to the plain single-file bundle, unchanged (in Chromium: patch.e2e.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MERMAID_DIST, patchGetConfig } from '../../../src/diagram/mermaid/render.js';

describe('the getConfig fix', () => {
  it('applies to exactly one module of the installed Mermaid, changing only that definition', () => {
    const dir = path.join(MERMAID_DIST, 'chunks', 'mermaid.esm.min');
    const files = [path.join(MERMAID_DIST, 'mermaid.esm.min.mjs'), ...readdirSync(dir).filter((f) => f.endsWith('.mjs')).map((f) => path.join(dir, f))];
    const hits = files.filter((f) => patchGetConfig(readFileSync(f, 'utf8')).patched);
    expect(hits).toHaveLength(1);
    const before = readFileSync(hits[0]!, 'utf8');
    const after = patchGetConfig(before).text;
    expect(after.split('"getConfig")').length).toBe(before.split('"getConfig")').length);
    expect(Math.abs(after.length - before.length)).toBeLessThan(80);
  });

  it('leaves text it does not recognise, or finds twice, as it is', () => {
    expect(patchGetConfig('var x = 1;')).toEqual({ text: 'var x = 1;', patched: false });
    const twice = 'Lt=s(()=>ii({},$x),"getConfig");Lt=s(()=>ii({},$x),"getConfig")';
    expect(patchGetConfig(twice)).toEqual({ text: twice, patched: false });
    expect(patchGetConfig('a;Lt=s(()=>ii({},$x),"getConfig");b').patched).toBe(true);
  });
});
