/** The JSON Schema for editors stays in step with the checker. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { DOCUMENT_KEYS, REQUIRED_DOCUMENT_KEYS, REVISION_KEYS, SIGNOFF_ENTRY_KEYS, SIGNOFF_KEYS, STEP_KEYS } from '../../src/validate/fields.js';
import { STATUSES, STEP_TYPES } from '../../src/model/types.js';
import { loadYaml } from '../../src/parse/yaml.js';
import { readHandbookSources } from '../../src/source/read-handbook.js';
import { REPO } from '../helpers/cli.js';
import { check, doc } from '../helpers/handbook.js';
import matter from 'gray-matter';

const schema = JSON.parse(readFileSync(`${REPO}/schema/process.schema.json`, 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
const validate = ajv.compile(schema);
const frontmatter = (text: string) => loadYaml(matter(text).matter);

describe('schema/process.schema.json', () => {
  it('declares exactly the keys, required fields and enums the checker knows', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...DOCUMENT_KEYS].sort());
    expect([...schema.required].sort()).toEqual([...REQUIRED_DOCUMENT_KEYS].sort());
    expect(Object.keys(schema.definitions.step.properties).sort()).toEqual([...STEP_KEYS].sort());
    expect(Object.keys(schema.properties.signoff.properties).sort()).toEqual([...SIGNOFF_KEYS].sort());
    expect(Object.keys(schema.definitions.signoffEntry.properties).sort()).toEqual([...SIGNOFF_ENTRY_KEYS].sort());
    expect(Object.keys(schema.properties.revisions.items.properties).sort()).toEqual([...REVISION_KEYS].sort());
    expect(schema.properties.status.enum).toEqual([...STATUSES]);
    expect(schema.definitions.step.properties.type.enum).toEqual([...STEP_TYPES]);
  });

  it('accepts every document of the example handbook', async () => {
    const sources = await readHandbookSources(REPO);
    expect(sources.documents.length).toBeGreaterThan(20);
    for (const d of sources.documents) {
      const ok = validate(frontmatter(d.text));
      expect(ok, `${d.file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('rejects what the checker rejects for single documents', () => {
    const cases = [
      doc({ status: 'bogus' }),
      doc({ signoff: null }),
      doc({ extra: 'colour: red\n' }),
      doc({ steps: '  - role: 员工\n    type: decision\n    text: x\n    next: { a: b }\n  - id: b\n    role: 部门负责人\n    text: y\n' }),
      doc({ steps: '  - role: 员工\n    type: process\n' }),
      doc({ steps: '  - role: 员工\n    text: x\n    end: true\n    next: b\n  - id: b\n    role: 部门负责人\n    text: y\n' }),
      doc({ roles: '[a, a]' }),
      doc({ steps: '' }).replace('steps:\n', 'steps: []\n'),
      doc({ extra: 'effective: 2024/01/01\n' }),
    ];
    for (const text of cases) {
      expect(check({ 'processes/x.md': text }).diagnostics.length, text).toBeGreaterThan(0);
      expect(validate(frontmatter(text)), text).toBe(false);
    }
  });
});
