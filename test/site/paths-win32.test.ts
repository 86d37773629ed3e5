/**
 * Links and output paths do not depend on the platform's separator: site paths and links are
 * always "/" (URLs), and joining them onto a Windows output folder with path.win32 puts every file
 * where its links say it is.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEPARTMENTS, deptPath, HOME, MAP, processPath, relative, relativeFrom, ROLES, rolePath, rootOf, SEARCH } from '../../src/view/paths.js';
import { checkOutputPath } from '../../src/output/write-site.js';

const PAGES = [HOME, MAP, SEARCH, ROLES, DEPARTMENTS, processPath('HR-AT-003'), processPath('FIN-01'), rolePath('hr-bp'), deptPath('%E4%BA%BA'), 'search/terms-0.js', 'assets/site.css', 'a/b/c/deep.html'];

describe('site paths and links with Windows output folders', () => {
  it('links are "/"-separated and equal to path.posix.relative between the two pages', () => {
    for (const from of PAGES) {
      const rel = relativeFrom(from);
      for (const to of PAGES) {
        const link = relative(from, to);
        expect(link).toBe(rel(to));
        expect(link).not.toContain('\\');
        expect(link).toBe(path.posix.relative(path.posix.dirname(from), to) || path.posix.basename(to));
      }
    }
  });

  it('a link followed from its page on a Windows disk reaches the file written for its target', () => {
    const out = 'C:\\Users\\王芳\\Documents\\流程手册\\site';
    for (const from of PAGES) {
      const fromFile = path.win32.join(out, from);
      for (const to of PAGES) {
        const reached = path.win32.resolve(path.win32.dirname(fromFile), relative(from, to));
        expect(reached).toBe(path.win32.join(out, to));
      }
      expect(path.win32.resolve(path.win32.dirname(fromFile), rootOf(from) || '.')).toBe(out);
    }
  });

  it('output files land in nested Windows folders from "/" site paths, and a "\\" in a site path is refused', () => {
    expect(path.win32.join('D:\\out.tmp-42', processPath('HR-AT-003'))).toBe('D:\\out.tmp-42\\p\\HR-AT-003.html');
    expect(path.win32.join('D:\\out.tmp-42', path.posix.dirname('search/terms-0.js'))).toBe('D:\\out.tmp-42\\search');
    for (const p of PAGES) expect(() => checkOutputPath(p)).not.toThrow();
    // A code or slug with "\" would be a folder on Windows and a plain name elsewhere.
    for (const bad of ['p\\HR-1.html', 'p/..\\x.html', 'C:\\x.html', '/p/x.html', 'p//x.html', 'p/../x.html']) expect(() => checkOutputPath(bad)).toThrow(/unsafe output path/);
  });
});
