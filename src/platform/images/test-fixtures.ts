// Test-only: writes BMP files field by field, so the decoder is tested against
// bytes laid out as the format describes rather than against its own output.

export interface BmpSpec {
  width: number;
  height: number;
  bitsPerPixel: 1 | 4 | 8 | 16 | 24 | 32;
  /** 12 (OS/2 core), 40 (Windows 3.x), 56, 108 (V4) or 124 (V5). */
  headerSize?: number;
  compression?: number;
  topDown?: boolean;
  /** [r, g, b, a?] bit masks, written for BI_BITFIELDS/BI_ALPHABITFIELDS. */
  masks?: number[];
  /** [r, g, b] entries for 1/4/8-bit images. */
  palette?: number[][];
  /**
   * The stored value at (x, y), y counted from the top: a palette index for
   * ≤ 8 bits, [r, g, b] for 24 bits, the packed integer for 16/32 bits.
   */
  pixel: (x: number, y: number) => number | number[];
}

export function writeBmp(spec: BmpSpec): Buffer {
  const headerSize = spec.headerSize ?? 40;
  const compression = spec.compression ?? 0;
  const masksAfterHeader = headerSize === 40 && spec.masks ? spec.masks.length * 4 : 0;
  const paletteBytes = (spec.palette?.length ?? 0) * (headerSize === 12 ? 3 : 4);
  const dataOffset = 14 + headerSize + masksAfterHeader + paletteBytes;
  const pixels = pixelRows(spec);
  const file = Buffer.alloc(dataOffset + pixels.length);
  file.write('BM', 0, 'latin1');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(dataOffset, 10);
  writeInfoHeader(file, spec, headerSize, compression);
  let at = 14 + headerSize;
  if (masksAfterHeader > 0) for (const mask of spec.masks!) at = file.writeUInt32LE(mask >>> 0, at);
  for (const [r = 0, g = 0, b = 0] of spec.palette ?? []) {
    file[at++] = b;
    file[at++] = g;
    file[at++] = r;
    if (headerSize !== 12) at++;
  }
  pixels.copy(file, dataOffset);
  return file;
}

function writeInfoHeader(file: Buffer, spec: BmpSpec, headerSize: number, compression: number): void {
  file.writeUInt32LE(headerSize, 14);
  if (headerSize === 12) {
    file.writeUInt16LE(spec.width, 18);
    file.writeUInt16LE(spec.height, 20);
    file.writeUInt16LE(1, 22);
    file.writeUInt16LE(spec.bitsPerPixel, 24);
    return;
  }
  file.writeInt32LE(spec.width, 18);
  file.writeInt32LE(spec.topDown ? -spec.height : spec.height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(spec.bitsPerPixel, 28);
  file.writeUInt32LE(compression, 30);
  file.writeUInt32LE(2835, 38);
  file.writeUInt32LE(2835, 42);
  file.writeUInt32LE(spec.palette?.length ?? 0, 46);
  if (headerSize >= 52 && spec.masks) {
    spec.masks.slice(0, headerSize >= 56 ? 4 : 3).forEach((mask, i) => file.writeUInt32LE(mask >>> 0, 54 + i * 4));
  }
}

function pixelRows(spec: BmpSpec): Buffer {
  const rowSize = Math.floor((spec.bitsPerPixel * spec.width + 31) / 32) * 4;
  const out = Buffer.alloc(rowSize * spec.height);
  for (let y = 0; y < spec.height; y++) {
    const row = spec.topDown ? y : spec.height - 1 - y;
    for (let x = 0; x < spec.width; x++) writePixel(out, row * rowSize, x, spec.pixel(x, y), spec);
  }
  return out;
}

function writePixel(out: Buffer, rowStart: number, x: number, value: number | number[], spec: BmpSpec): void {
  const bits = spec.bitsPerPixel;
  if (bits <= 8) {
    const perByte = 8 / bits;
    const shift = (perByte - 1 - (x % perByte)) * bits;
    out[rowStart + Math.floor(x / perByte)]! |= ((value as number) & ((1 << bits) - 1)) << shift;
  } else if (bits === 24) {
    const [r = 0, g = 0, b = 0] = value as number[];
    out[rowStart + x * 3] = b;
    out[rowStart + x * 3 + 1] = g;
    out[rowStart + x * 3 + 2] = r;
  } else if (bits === 16) {
    out.writeUInt16LE(value as number, rowStart + x * 2);
  } else {
    out.writeUInt32LE((value as number) >>> 0, rowStart + x * 4);
  }
}

