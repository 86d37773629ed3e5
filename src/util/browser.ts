/**
 * Finding and launching a headless Chromium-family browser that is already on the machine
 * (Flowbook never downloads one): Chromium, Google Chrome or Microsoft Edge. Used by the Mermaid
 * renderer and by PDF printing.
 *
 * Where to look is a pure function of (platform, environment, exists) — `locateBrowser` — so each
 * platform's places are tested on any machine; `findChromium` is it applied to this machine.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { words, type Words } from '../diagnostics/words.js';

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

/** Environment variables naming a browser, first wins. */
export const BROWSER_ENV_VARS = ['FLOWBOOK_CHROMIUM', 'CHROME_PATH', 'PUPPETEER_EXECUTABLE_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH'] as const;

/** A browser found: where, and its name for messages ("PDF made with Microsoft Edge"). */
export interface FoundBrowser {
  readonly path: string;
  readonly name: string;
  /** How it was found: given explicitly (flag or flowbook.yml), by an environment variable, or in a usual place. */
  readonly source: 'explicit' | 'env' | 'system';
}

/** Linux commands looked up on PATH, in order of preference. */
const LINUX_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'];

/** Linux places that are not always on PATH (snap, the vendors' own folders). */
const LINUX_PATHS = ['/snap/bin/chromium', '/opt/google/chrome/chrome', '/opt/microsoft/msedge/msedge'];

/** macOS application bundles, relative to /Applications or ~/Applications. */
const MAC_APPS = [
  'Google Chrome.app/Contents/MacOS/Google Chrome',
  'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'Chromium.app/Contents/MacOS/Chromium',
];

/** Windows executables, relative to Program Files, Program Files (x86) and LOCALAPPDATA. */
const WINDOWS_EXES = ['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe', 'Chromium\\Application\\chrome.exe'];

/** An environment variable, ignoring case (Windows variables are case-insensitive: `ProgramFiles(x86)`). */
function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const direct = env[name];
  if (direct) return direct;
  const lower = name.toLowerCase();
  for (const k of Object.keys(env)) if (k.toLowerCase() === lower && env[k]) return env[k];
  return undefined;
}

/** Every place to look on a platform, in order of preference (no file system access). */
export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const w = path.win32;
    const roots = [
      envValue(env, 'ProgramFiles') ?? 'C:\\Program Files',
      envValue(env, 'ProgramFiles(x86)') ?? 'C:\\Program Files (x86)',
      envValue(env, 'LOCALAPPDATA') ?? (envValue(env, 'USERPROFILE') ? w.join(envValue(env, 'USERPROFILE')!, 'AppData', 'Local') : undefined),
    ].filter((r): r is string => !!r);
    const out: string[] = [];
    // Chrome, then Edge (always installed on Windows 10 and 11), then Chromium: each in every root.
    for (const exe of WINDOWS_EXES) for (const r of roots) out.push(w.join(r, exe));
    return [...new Set(out)];
  }
  if (platform === 'darwin') {
    const home = envValue(env, 'HOME');
    const dirs = ['/Applications', ...(home ? [path.posix.join(home, 'Applications')] : [])];
    return MAC_APPS.flatMap((app) => dirs.map((d) => path.posix.join(d, app)));
  }
  const pathDirs = (envValue(env, 'PATH') ?? '/usr/local/bin:/usr/bin:/bin').split(':').filter((d) => d.startsWith('/'));
  const dirs = [...new Set([...pathDirs, '/usr/bin'])];
  const out = LINUX_COMMANDS.flatMap((c) => dirs.map((d) => path.posix.join(d, c)));
  return [...new Set([...out, ...LINUX_PATHS])];
}

/** A browser's name from its path, for messages. */
export function browserName(file: string): string {
  const base = file.split(/[\\/]/).pop()!.toLowerCase();
  const all = file.toLowerCase();
  if (base.startsWith('msedge') || base.startsWith('microsoft-edge') || base === 'microsoft edge') return 'Microsoft Edge';
  if (base.startsWith('google-chrome') || base === 'google chrome' || (base.startsWith('chrome') && all.includes('google'))) return 'Google Chrome';
  if (base.startsWith('chromium') || all.includes('chromium')) return 'Chromium';
  if (base.startsWith('chrome')) return 'Google Chrome';
  return file.split(/[\\/]/).pop()!;
}

export interface LocateOptions {
  /** A path given by the user (--browser or `browser:` in flowbook.yml): used if it exists, else nothing. */
  readonly explicit?: string | undefined;
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly exists: (file: string) => boolean;
}

/** The browser to use: an explicit path, else an environment variable, else the platform's usual places. Pure. */
export function locateBrowser(o: LocateOptions): FoundBrowser | undefined {
  const found = (p: string, source: FoundBrowser['source']): FoundBrowser => ({ path: p, name: browserName(p), source });
  if (o.explicit) return o.exists(o.explicit) ? found(o.explicit, 'explicit') : undefined;
  for (const v of BROWSER_ENV_VARS) {
    const p = o.env[v];
    if (p && o.exists(p)) return found(p, 'env');
  }
  const p = browserCandidates(o.platform, o.env).find((c) => o.exists(c));
  return p ? found(p, 'system') : undefined;
}

/** The browser on this machine (see locateBrowser). */
export function findBrowser(explicit?: string, env: NodeJS.ProcessEnv = process.env): FoundBrowser | undefined {
  return locateBrowser({ explicit, platform: process.platform, env, exists: existsSync });
}

/** The browser's path on this machine (see locateBrowser). */
export function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findBrowser(explicit, env)?.path;
}

/** What to do when no browser is found (print --pdf, audit --pdf, the Mermaid renderer), in English; NO_BROWSER_HELP_WORDS has both languages. */
export const NO_BROWSER_HELP =
  'No Chromium, Chrome or Microsoft Edge was found. Install one (Debian/Ubuntu: "sudo apt-get install chromium"; macOS: install Google Chrome; ' +
  'Windows: Microsoft Edge is normally already installed), or set FLOWBOOK_CHROMIUM=/path/to/browser, or set "browser: /path/to/browser" in flowbook.yml.';

/** The same in Chinese. */
export const NO_BROWSER_HELP_ZH =
  '未找到 Chromium、Chrome 或 Microsoft Edge。请安装其中之一（Debian/Ubuntu："sudo apt-get install chromium"；macOS：安装 Google Chrome；' +
  'Windows：通常已自带 Microsoft Edge），或设置 FLOWBOOK_CHROMIUM=/path/to/browser，或在 flowbook.yml 中设置 "browser: /path/to/browser"。';

export const NO_BROWSER_HELP_WORDS: Words = words(NO_BROWSER_HELP, NO_BROWSER_HELP_ZH);

/** Launch headless Chromium (or Chrome, or Edge) through playwright-core. */
export async function launchChromium(executablePath: string) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
}
