/**
 * The one way Flowbook replaces a file it keeps (caches, the register, approved documents):
 * write a temporary file next to it, then rename it over the old one, so a reader sees the old
 * file or the new one and never half of one, and a failed write leaves the old file as it was.
 */
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

let serial = 0;

export interface AtomicWriteOptions {
  /** File mode of the new file (e.g. the replaced file's, to keep it). */
  readonly mode?: number;
}

export async function writeFileAtomic(file: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Unique within this process too: several writes may be in flight at once (the diagram cache).
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${++serial}.tmp`);
  try {
    await writeFile(tmp, content);
    if (options.mode !== undefined) await chmod(tmp, options.mode);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
