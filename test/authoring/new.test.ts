/**
 * What `flowbook new` writes, in process: any value a user types (quotes, YAML punctuation, line
 * breaks, control characters, emoji, values YAML would read as booleans, numbers or dates) reads
 * back exactly. The command itself (option parsing, exit codes, files): new.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseSettings } from '../../src/config/settings.js';
import { newDocument, splitRoles } from '../../src/init/template.js';
import { loadHandbook } from '../../src/load.js';

const TODAY = '2026-11-27';

describe('flowbook new: YAML values round-trip exactly', () => {
  const hostile = [
    'He said "hi"',
    "It's",
    'a: b',
    'key:value',
    'a #b',
    '#hash',
    '[bracket',
    '{brace}',
    '---',
    '- dash',
    '? question',
    'line1\nline2',
    'trailing\n',
    'emoji 🎉👩‍💻',
    '  spaced  ',
    'yes',
    'No',
    'null',
    '~',
    'true',
    '123',
    '2.0',
    '0x1F',
    '2024-06-01',
    'tab\there',
    'back\\slash',
    '%percent',
    '@at',
    '`tick`',
    '|pipe',
    '>folded',
    '*alias',
    '&anchor',
    '!tag',
    '全角：冒号＃',
    'nel\u0085ls\u2028ps\u2029',
    'nbsp\u00a0x',
    'del\u007fc1\u0080',
    'bom\ufeffx',
    '"',
    "'",
    '...',
    '=1+1',
    'cr\rlf',
  ];

  it('names, owners, controls, categories and roles', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'fb-new-hostile-'));
    try {
      await mkdir(path.join(root, 'processes'));
      // A folder with processes/ and no flowbook.yml, as `flowbook new` reads it.
      const { language } = parseSettings(undefined).settings;
      const expected = new Map<string, { name: string; owner: string; control: string; category: string; roles: string[] }>();
      for (const [i, name] of hostile.entries()) {
        const code = `T-${String(i).padStart(3, '0')}`;
        const pick = (k: number) => hostile[(i + k) % hostile.length]!;
        const roles = [pick(5), pick(9)].filter((r) => !/[,，、]/.test(r) && r.trim() !== '' && r.trim() === r);
        const uniq = [...new Set(roles)];
        const e = { name, owner: pick(1), control: pick(2), category: pick(3), roles: uniq };
        expected.set(code, e);
        // What the command does with `--roles a,b` and the other options.
        const text = newDocument({ code, name: e.name, language, today: TODAY, owner: e.owner, control: e.control, category: e.category, roles: uniq.length ? splitRoles(uniq.join(',')) : undefined });
        await writeFile(path.join(root, 'processes', `${code}.md`), text, { flag: 'wx' });
      }
      const result = await loadHandbook(root, { today: TODAY, strict: true });
      expect(result.diagnostics).toEqual([]);
      for (const [code, e] of expected) {
        const p = result.handbook!.byCode.get(code)!;
        expect({ name: p.name, owner: p.owner, control: p.control, category: p.category }, code).toEqual({ name: e.name, owner: e.owner, control: e.control, category: e.category });
        if (e.roles.length) expect([...p.roles], code).toEqual(e.roles);
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
