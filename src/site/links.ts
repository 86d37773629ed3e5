/** Links between documents in bodies: which published process a relative `.md` link means. */
import type { SiteIndex } from '../view/model.js';

/** Resolve a document link: handbook path first, then a bare `<code>.md`. Published targets only. */
export function linkResolver(site: SiteIndex) {
  return (handbookPath: string, fileName: string): string | undefined => {
    const byPath = site.byFile.get(handbookPath);
    if (byPath !== undefined) return byPath;
    const code = fileName.replace(/\.md$/i, '');
    return site.byCode.has(code) ? code : undefined;
  };
}
