/** Decoding QR codes in tests: jsqr (a CommonJS module whose default export TypeScript and Node see differently). */
import jsqrModule from 'jsqr';

type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const mod = jsqrModule as unknown as Decode & { default?: Decode };
export const jsQR: Decode = mod.default ?? mod;

/** Draw a Flowbook QR code's path (horizontal runs `M x y h w v1 h-w z`) into RGBA pixels and decode it. */
export function decodeQrSvg(svg: string, scale = 4): string | undefined {
  const box = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const size = box * scale;
  const px = new Uint8ClampedArray(size * size * 4).fill(255);
  for (const m of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let yy = y * scale; yy < (y + 1) * scale; yy++)
      for (let xx = x * scale; xx < (x + w) * scale; xx++) {
        const i = (yy * size + xx) * 4;
        px[i] = px[i + 1] = px[i + 2] = 0;
      }
  }
  return jsQR(px, size, size)?.data;
}
