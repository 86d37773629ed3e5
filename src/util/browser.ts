/**
 * Finding and launching a headless Chromium that is already on the machine (Flowbook never
 * downloads one). Used by the Mermaid renderer and by PDF printing.
 */
import { existsSync } from 'node:fs';

/** Flags that work as root in containers and keep Chromium off the network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
] as const;

const ENV_VARS = ['FLOWBOOK_CHROMIUM', 'CHROME_PATH', 'PUPPETEER_EXECUTABLE_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH'] as const;

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** The browser to use: an explicit path (flag or flowbook.yml), else an environment variable, else the usual places. */
export function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  for (const v of ENV_VARS) {
    const p = env[v];
    if (p && existsSync(p)) return p;
  }
  return SYSTEM_PATHS.find((p) => existsSync(p));
}

export const NO_BROWSER_HELP =
  'No Chromium or Chrome was found. Install one (Debian/Ubuntu: "sudo apt-get install chromium"; macOS: install Google Chrome), ' +
  'or set FLOWBOOK_CHROMIUM=/path/to/chrome, or set "browser: /path/to/chrome" in flowbook.yml.';

/** Launch headless Chromium through playwright-core. */
export async function launchChromium(executablePath: string) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
}
