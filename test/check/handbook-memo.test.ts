/**
 * checkHandbook remembers each document's own checks (flow, roles, dates) per document object, for
 * the dev server. The memo must never change an answer: a different `today` or a different
 * "clean" state gives the answer a fresh check gives.
 */
import { describe, expect, it } from 'vitest';
import { parseProcessDocument } from '../../src/parse/document.js';
import { checkDocument } from '../../src/validate/document.js';
import { checkHandbook } from '../../src/validate/handbook.js';

const TEXT = `---
name: Leave
code: MEMO-1
status: controlled
owner: HR
control: HR
review: 2026-03-01
roles: [Staff, Manager, Idle]
steps:
  - role: Staff
    text: Ask
  - role: Manager
    text: Decide
    end: true
  - id: lost
    role: Manager
    text: Never reached
---
`;

describe('checkHandbook per-document memo', () => {
  const { doc } = checkDocument(parseProcessDocument('processes/memo.md', TEXT));
  const codes = (ds: readonly { code: string }[]) => ds.map((d) => d.code).sort();

  it('answers for the today it is given, not the one it saw first', () => {
    expect(doc).toBeDefined();
    const before = checkHandbook([doc!], new Set([doc!]), '2026-02-01');
    const after = checkHandbook([doc!], new Set([doc!]), '2026-04-01');
    expect(codes(before)).not.toContain('review-overdue');
    expect(codes(after)).toContain('review-overdue');
    expect(codes(checkHandbook([doc!], new Set([doc!]), '2026-02-01'))).toEqual(codes(before));
  });

  it('runs the flow checks only while the document is clean, either order', () => {
    const clean = checkHandbook([doc!], new Set([doc!]), '2026-02-01');
    const unclean = checkHandbook([doc!], new Set(), '2026-02-01');
    expect(codes(clean)).toContain('unused-role');
    expect(codes(unclean)).toContain('unused-role');
    expect(codes(clean)).toContain('unreachable-step');
    expect(codes(unclean)).not.toContain('unreachable-step');
    expect(codes(checkHandbook([doc!], new Set([doc!]), '2026-02-01'))).toEqual(codes(clean));
  });
});
