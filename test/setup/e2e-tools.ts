/**
 * Global setup of the e2e project. Browser and PDF tests skip themselves on a machine without
 * Chromium or poppler; so that this is never silent, the run ends with one line saying how many
 * e2e tests were skipped and what to install. With CI=true a missing tool fails the run instead:
 * CI must run every test (.ci/run installs them).
 */
import type { TestProject } from 'vitest/node';
import { missingTools } from '../helpers/tools.js';

export default function setup(project: TestProject): () => void {
  const missing = missingTools();
  const names = missing.map((m) => m.what).join(' and ');
  const noChromium = missing.some((m) => m.debian === 'chromium');
  // Chromium draws Chinese with a CJK font (the PDF tests read the text back).
  const packages = [...missing.map((m) => m.debian), ...(noChromium ? ['fonts-noto-cjk'] : [])].join(' ');
  const elsewhere = [noChromium ? 'set FLOWBOOK_CHROMIUM=/path/to/chrome' : '', noChromium ? 'macOS: install Google Chrome' : '', missing.some((m) => m.debian === 'poppler-utils') ? 'macOS: brew install poppler' : '']
    .filter(Boolean)
    .join('; ');
  const install = `sudo apt-get install ${packages} (Debian/Ubuntu${elsewhere ? `; ${elsewhere}` : ''})`;

  if (missing.length > 0 && /^(1|true|yes)$/i.test(process.env.CI ?? '')) {
    throw new Error(`CI=true but ${names} ${missing.length > 1 ? 'are' : 'is'} not installed, so e2e tests would be skipped. Install: ${install}. .ci/run installs them.`);
  }
  return () => {
    if (missing.length === 0) return;
    const skipped = project.vitest.state
      .getTestModules()
      .filter((m) => m.project.name === project.name)
      .reduce((n, m) => n + [...m.children.allTests('skipped')].length, 0);
    if (skipped === 0) return;
    console.log(`\n${skipped} e2e test${skipped === 1 ? ' was' : 's were'} skipped: no ${names} on this machine. To run them: ${install}. See docs/testing.md.`);
  };
}
