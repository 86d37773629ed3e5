/**
 * Where Flowbook looks for a browser on Windows, macOS and Linux: locateBrowser is pure in
 * (platform, environment, exists), so every platform's places are checked on any machine.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCandidates, browserName, locateBrowser } from '../../src/util/browser.js';

/** exists() over a fixed set of files. */
const only = (...files: string[]) => {
  const set = new Set(files);
  return (f: string) => set.has(f);
};

const WIN_ENV = {
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
  LOCALAPPDATA: 'C:\\Users\\王芳\\AppData\\Local',
  Path: 'C:\\Windows\\system32',
};

describe('locateBrowser on Windows', () => {
  const EDGE_X86 = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
  const EDGE_64 = 'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe';
  const CHROME_64 = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
  const CHROME_X86 = 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe';
  const CHROME_USER = 'C:\\Users\\王芳\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';

  it('finds Microsoft Edge where Windows installs it (Program Files (x86)), when Chrome is absent', () => {
    expect(locateBrowser({ platform: 'win32', env: WIN_ENV, exists: only(EDGE_X86) })).toEqual({ path: EDGE_X86, name: 'Microsoft Edge', source: 'system' });
    expect(locateBrowser({ platform: 'win32', env: WIN_ENV, exists: only(EDGE_64) })?.name).toBe('Microsoft Edge');
  });

  it('finds Chrome in Program Files, Program Files (x86) and the user\'s LOCALAPPDATA, before Edge', () => {
    for (const chrome of [CHROME_64, CHROME_X86, CHROME_USER]) {
      expect(locateBrowser({ platform: 'win32', env: WIN_ENV, exists: only(chrome, EDGE_X86) })).toEqual({ path: chrome, name: 'Google Chrome', source: 'system' });
    }
  });

  it('reads the folders from the environment, whatever the case of the variable names', () => {
    const env = { PROGRAMFILES: 'D:\\Apps', 'programfiles(x86)': 'D:\\Apps86', localappdata: 'E:\\Local' };
    const c = browserCandidates('win32', env);
    expect(c).toContain('D:\\Apps\\Google\\Chrome\\Application\\chrome.exe');
    expect(c).toContain('D:\\Apps86\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(c).toContain('E:\\Local\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(c.every((p) => !p.includes('/'))).toBe(true);
  });

  it('falls back to the standard folders, and to USERPROFILE for LOCALAPPDATA, when the variables are missing', () => {
    const c = browserCandidates('win32', { USERPROFILE: 'C:\\Users\\li' });
    expect(c).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(c).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(c).toContain('C:\\Users\\li\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(new Set(c).size).toBe(c.length);
  });

  it('finds nothing when nothing is installed', () => {
    expect(locateBrowser({ platform: 'win32', env: WIN_ENV, exists: () => false })).toBeUndefined();
  });
});

describe('locateBrowser on macOS', () => {
  const CHROME = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
  const EDGE = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
  const USER_CHROMIUM = '/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium';
  const env = { HOME: '/Users/ann', PATH: '/usr/bin:/bin' };

  it('finds Chrome, Edge and Chromium in /Applications and ~/Applications', () => {
    expect(locateBrowser({ platform: 'darwin', env, exists: only(CHROME, EDGE) })).toEqual({ path: CHROME, name: 'Google Chrome', source: 'system' });
    expect(locateBrowser({ platform: 'darwin', env, exists: only(EDGE) })).toEqual({ path: EDGE, name: 'Microsoft Edge', source: 'system' });
    expect(locateBrowser({ platform: 'darwin', env, exists: only(USER_CHROMIUM) })).toEqual({ path: USER_CHROMIUM, name: 'Chromium', source: 'system' });
  });

  it('does not look in Linux or Windows places', () => {
    expect(browserCandidates('darwin', env).every((p) => p.includes('.app/Contents/MacOS/'))).toBe(true);
  });
});

describe('locateBrowser on Linux', () => {
  it('looks up chromium, google-chrome and microsoft-edge on PATH', () => {
    const env = { PATH: '/home/u/bin:/usr/local/bin:/usr/bin' };
    expect(locateBrowser({ platform: 'linux', env, exists: only('/usr/bin/chromium', '/usr/bin/google-chrome') })).toEqual({ path: '/usr/bin/chromium', name: 'Chromium', source: 'system' });
    expect(locateBrowser({ platform: 'linux', env, exists: only('/usr/local/bin/google-chrome-stable') })?.name).toBe('Google Chrome');
    expect(locateBrowser({ platform: 'linux', env, exists: only('/usr/bin/microsoft-edge') })).toEqual({ path: '/usr/bin/microsoft-edge', name: 'Microsoft Edge', source: 'system' });
    expect(locateBrowser({ platform: 'linux', env, exists: only('/home/u/bin/chromium-browser') })?.path).toBe('/home/u/bin/chromium-browser');
  });

  it('finds snap and vendor folders off PATH, and ignores relative PATH entries', () => {
    const env = { PATH: 'node_modules/.bin:/usr/bin' };
    expect(locateBrowser({ platform: 'linux', env, exists: only('/snap/bin/chromium') })?.path).toBe('/snap/bin/chromium');
    expect(locateBrowser({ platform: 'linux', env, exists: only('/opt/microsoft/msedge/msedge') })?.name).toBe('Microsoft Edge');
    expect(browserCandidates('linux', env).every((p) => path.posix.isAbsolute(p))).toBe(true);
  });
});

describe('explicit paths and environment variables', () => {
  const exists = only('/opt/custom/chrome', 'C:\\Tools\\msedge.exe', '/usr/bin/chromium');

  it('an explicit path wins, and one that does not exist finds nothing (no silent fallback)', () => {
    expect(locateBrowser({ explicit: 'C:\\Tools\\msedge.exe', platform: 'win32', env: {}, exists })).toEqual({ path: 'C:\\Tools\\msedge.exe', name: 'Microsoft Edge', source: 'explicit' });
    expect(locateBrowser({ explicit: '/nope/chrome', platform: 'linux', env: { PATH: '/usr/bin' }, exists })).toBeUndefined();
  });

  it('FLOWBOOK_CHROMIUM (then CHROME_PATH, ...) comes before the usual places', () => {
    expect(locateBrowser({ platform: 'linux', env: { PATH: '/usr/bin', CHROME_PATH: '/opt/custom/chrome' }, exists })).toEqual({ path: '/opt/custom/chrome', name: 'Google Chrome', source: 'env' });
    expect(locateBrowser({ platform: 'linux', env: { PATH: '/usr/bin', FLOWBOOK_CHROMIUM: '/missing' }, exists })?.path).toBe('/usr/bin/chromium');
  });

  it('names browsers from their paths', () => {
    expect(browserName('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe')).toBe('Google Chrome');
    expect(browserName('C:\\Users\\x\\AppData\\Local\\Chromium\\Application\\chrome.exe')).toBe('Chromium');
    expect(browserName('/usr/bin/chromium-browser')).toBe('Chromium');
    expect(browserName('/usr/bin/microsoft-edge-stable')).toBe('Microsoft Edge');
    expect(browserName('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge')).toBe('Microsoft Edge');
    expect(browserName('/opt/brave/brave')).toBe('brave');
  });
});
