/** `flowbook --version` answers from package.json before the program loads, with the same number. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const flowbook = (...args: string[]) => execFileSync(process.execPath, ['bin/flowbook.js', ...args], { encoding: 'utf8' });

describe('flowbook --version', () => {
  it('prints the package version, short and long form', () => {
    expect(flowbook('--version')).toBe(`${version}\n`);
    expect(flowbook('-v')).toBe(`${version}\n`);
  });
  it('with anything else the program runs as usual', () => {
    expect(flowbook('--help')).toContain('Usage: flowbook');
  });
});
