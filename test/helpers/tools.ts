/** Whether the system tools some e2e tests need are installed, found without starting them. */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { findChromium } from '../../src/util/browser.js';

/** An executable named `command` in a PATH folder (what the shell would run). */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  return (env.PATH ?? '').split(path.delimiter).some((dir) =>
    exts.some((ext) => {
      try {
        accessSync(path.join(dir || '.', command + ext), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    }),
  );
}

/** Poppler's pdftotext and pdfinfo, which the PDF tests read PDFs back with. */
export const hasPoppler = onPath('pdftotext') && onPath('pdfinfo');

export interface MissingTool {
  readonly what: string;
  /** The Debian/Ubuntu package that provides it. */
  readonly debian: string;
}

/** The tools the browser and PDF tests need that this machine lacks. */
export function missingTools(): MissingTool[] {
  const missing: MissingTool[] = [];
  if (!findChromium()) missing.push({ what: 'Chromium', debian: 'chromium' });
  if (!hasPoppler) missing.push({ what: 'poppler (pdftotext, pdfinfo)', debian: 'poppler-utils' });
  return missing;
}
