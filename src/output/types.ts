/** A file the build will write, relative to the output folder (`/` separators). */
export interface OutputFile {
  readonly path: string;
  readonly content: string | Uint8Array;
}
