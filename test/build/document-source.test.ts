/** A document read as bytes: its text decoded on demand, copied by spread and by worker messages, its bytes hashed. */
import { expect, it } from 'vitest';
import { documentSource } from '../../src/source/read-handbook.js';
import { documentHash } from '../../src/output/build-cache.js';

it('decodes the text when asked, copies it (not the bytes), and hashes as the text would', () => {
  const text = '\uFEFF---\nname: 请假申请 😀\n---\nbody \uFFFD\n';
  const src = documentSource('processes/a.md', Buffer.from(text, 'utf8'));
  expect(src.text).toBe(text);
  expect(Object.keys(src)).toEqual(['file', 'text']);
  expect({ ...src }).toEqual({ file: 'processes/a.md', text });
  expect(structuredClone(src)).toEqual({ file: 'processes/a.md', text });
  expect(documentHash(src)).toBe(documentHash({ file: 'processes/a.md', text }));
  expect(documentHash(src)).not.toBe(documentHash({ file: 'processes/b.md', text }));
  // Bytes that are not UTF-8 read as the replacement character, as readFileSync(…, 'utf8') reads them.
  expect(documentSource('x.md', Buffer.from([0x61, 0xff, 0x62])).text).toBe('a\uFFFDb');
});
