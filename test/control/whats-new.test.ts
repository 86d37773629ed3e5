import { describe, expect, it } from 'vitest';
import { orderEntries } from '../../src/control/whats-new.js';

describe("what's new order", () => {
  it('puts uncommitted first, then newest dates, then code; says when it cut the list', () => {
    const e = (code: string, date: string, version = 'A/0') => ({ code, name: code, version, date, summary: '', change: '', author: '', target: '' });
    const out = orderEntries([e('B', '2025-01-01'), e('A', '2025-01-01'), e('C', ''), e('A', '2026-01-01', 'A/1'), e('D', '2024-01-01')], 4);
    expect(out.map((x) => `${x.code}${x.date}`)).toEqual(['C', 'A2026-01-01', 'A2025-01-01', 'B2025-01-01']);
    expect(out.truncated).toBe(true);
    expect(orderEntries([e('A', '2025-01-01')]).truncated).toBe(false);
  });
});
