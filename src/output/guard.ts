/**
 * Which output folders a build may replace. A build replaces the whole folder, so it refuses
 * (unless forced) one that is the handbook, holds the handbook, sits inside processes/, or holds
 * files Flowbook did not write (no marker file).
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { words, type Words } from '../diagnostics/words.js';

/** Written into every built site; its presence says the folder is Flowbook's to replace. */
export const SITE_MARKER = '.flowbook-site';
export const SITE_MARKER_TEXT = 'This folder was written by "flowbook build" and is replaced by each build.\n';

/** Realpath of `p`, or of its nearest existing ancestor joined with the rest. */
async function real(p: string): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await realpath(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(await real(parent), path.basename(abs));
  }
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/**
 * Why `out` must not be replaced, in English and Chinese, or undefined when it may. `force` skips the
 * checks a person can overrule.
 */
export async function refuseOutput(out: string, handbookRoot: string, force: boolean): Promise<Words | undefined> {
  const o = await real(out);
  const root = await real(handbookRoot);
  let st;
  try {
    st = await stat(o);
  } catch {
    st = undefined;
  }
  if (st && !st.isDirectory()) return words(`the output "${out}" is a file, not a folder. Choose another --out.`, `输出位置 "${out}" 是文件，不是文件夹。请另选 --out。`);
  if (force) return undefined;
  if (o === root)
    return words(
      `the output folder "${out}" is the handbook itself; building there would delete it. Choose another --out, e.g. --out site.`,
      `输出文件夹 "${out}" 就是手册本身；在此生成会将其删除。请另选 --out，例如 --out site。`,
    );
  if (inside(root, o))
    return words(
      `the output folder "${out}" contains the handbook; building there would delete it. Choose a folder inside or beside the handbook, e.g. --out site.`,
      `输出文件夹 "${out}" 包含手册；在此生成会将其删除。请选择手册内或手册旁的文件夹，例如 --out site。`,
    );
  if (o === path.join(root, 'processes') || inside(o, path.join(root, 'processes')))
    return words(
      `the output folder "${out}" is inside processes/, where the process documents live. Choose another --out, e.g. --out site.`,
      `输出文件夹 "${out}" 位于存放流程文件的 processes/ 中。请另选 --out，例如 --out site。`,
    );
  if (st) {
    const names = await readdir(o);
    if (names.length > 0 && !names.includes(SITE_MARKER))
      return words(
        `the output folder "${out}" already holds files that Flowbook did not write (it has no ${SITE_MARKER} file), and a build replaces the whole folder. Empty it, choose another --out, or pass --force to replace it anyway.`,
        `输出文件夹 "${out}" 中已有不是 Flowbook 写入的文件（其中没有 ${SITE_MARKER} 文件），而生成会替换整个文件夹。请清空它、另选 --out，或加 --force 强制替换。`,
      );
  }
  return undefined;
}
