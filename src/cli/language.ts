/**
 * Which language the command line speaks: FLOWBOOK_LANG, else the handbook's (flowbook.yml's
 * `language`, else the one its documents are written in), else English.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { envLanguage, messageLanguage, type MessageLanguage } from './messages.js';

/** The handbook's message language, or undefined when `root` is not a handbook (or cannot be read). */
export async function handbookMessageLanguage(root: string): Promise<MessageLanguage | undefined> {
  try {
    const [{ SETTINGS_FILE, parseSettings }, { PROCESSES_DIR, readHandbookSources }] = await Promise.all([import('../config/settings.js'), import('../source/read-handbook.js')]);
    const settingsPath = path.join(root, SETTINGS_FILE);
    const hasSettings = existsSync(settingsPath);
    if (!hasSettings && !existsSync(path.join(root, PROCESSES_DIR))) return undefined;
    const read = parseSettings(hasSettings ? readFileSync(settingsPath, 'utf8') : undefined);
    if (read.languageSet) return messageLanguage(read.settings.language, {});
    // Not set: the documents' language, as build and check choose it (the date only dates warnings).
    const { checkSources } = await import('../load.js');
    const sources = await readHandbookSources(root);
    return messageLanguage(checkSources(sources, { today: '2000-01-01' }).language.language, {});
  } catch {
    return undefined;
  }
}

/**
 * The language of a command's messages about the handbook at `root` (undefined: none known);
 * `known`: the handbook's, when the command has read it already.
 */
export async function commandLanguage(root: string | undefined, known?: MessageLanguage): Promise<MessageLanguage> {
  return envLanguage() ?? known ?? (root === undefined ? undefined : await handbookMessageLanguage(root)) ?? 'en';
}
