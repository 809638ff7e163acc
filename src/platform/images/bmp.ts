// A small BMP decoder. The regulations name BMP among the photo formats
// officials may upload, but the libvips that sharp ships prebuilt on npm has
// no BMP loader (it would come through ImageMagick, which is left out), so
// BMP is decoded here into raw pixels and handed to sharp.
//
// Covered: uncompressed 1/4/8-bit palette, 16/24/32-bit BI_RGB, 16/32-bit
// BI_BITFIELDS and BI_ALPHABITFIELDS; bottom-up and top-down rows; the
// OS/2 core header and the Windows 3.x/V4/V5 headers. Not covered: RLE,
// embedded JPEG/PNG (rare; such files are refused as unreadable).

export class BmpError extends Error {
  constructor(
    message: string,
    /** True when refused for its pixel count rather than for being broken. */
    readonly tooManyPixels = false,
  ) {
    super(message);
    this.name = 'BmpError';
  }
}

export interface DecodedBmp {
  width: number;
  height: number;
  channels: 3 | 4;
  /** Top-down RGB(A) rows, no padding: what sharp's raw input expects. */
  pixels: Buffer;
}

const BI_RGB = 0;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;
const CORE_HEADER = 12;
const INFO_HEADER_SIZES = new Set([40, 52, 56, 64, 108, 124]);
const BIT_DEPTHS = new Set([1, 4, 8, 16, 24, 32]);

interface Masks {
  r: number;
  g: number;
  b: number;
  a: number;
}

interface BmpHeader {
  width: number;
  height: number;
  topDown: boolean;
  bitsPerPixel: number;
  compression: number;
  dataOffset: number;
  masks: Masks;
  palette: Uint8Array[];
}

/** True when the bytes carry a structurally plausible BMP header (the "BM" signature alone is too weak). */
export function looksLikeBmp(data: Buffer): boolean {
  try {
    readHeader(data);
    return true;
  } catch {
    return false;
  }
}

export function decodeBmp(data: Buffer, maxPixels: number): DecodedBmp {
  const header = readHeader(data);
  const { width, height } = header;
  if (width * height > maxPixels) {
    throw new BmpError(`BMP of ${width}×${height} exceeds ${maxPixels} pixels`, true);
  }
  if (header.compression !== BI_RGB && header.compression !== BI_BITFIELDS && header.compression !== BI_ALPHABITFIELDS) {
    throw new BmpError('compressed (RLE/JPEG/PNG) BMP is not supported');
  }
  const rowSize = Math.floor((header.bitsPerPixel * width + 31) / 32) * 4;
  const lastRowBytes = Math.ceil((header.bitsPerPixel * width) / 8);
  if (header.dataOffset + rowSize * (height - 1) + lastRowBytes > data.length) {
    throw new BmpError('BMP pixel data is truncated');
  }
  const channels = header.masks.a !== 0 ? 4 : 3;
  const pixels = Buffer.alloc(width * height * channels);
  const readPixel = pixelReader(data, header);
  for (let y = 0; y < height; y++) {
    const sourceRow = header.topDown ? y : height - 1 - y;
    const rowStart = header.dataOffset + sourceRow * rowSize;
    for (let x = 0; x < width; x++) {
      readPixel(rowStart, x, pixels, (y * width + x) * channels);
    }
  }
  if (channels === 4) makeOpaqueWhenAlphaUnused(pixels);
  return { width, height, channels, pixels };
}

function readHeader(data: Buffer): BmpHeader {
  if (data.length < 26 || data.toString('latin1', 0, 2) !== 'BM') throw new BmpError('not a BMP file');
  const dataOffset = data.readUInt32LE(10);
  const dibSize = data.readUInt32LE(14);
  if (dibSize !== CORE_HEADER && !INFO_HEADER_SIZES.has(dibSize)) throw new BmpError(`unknown BMP header size ${dibSize}`);
  if (data.length < 14 + dibSize) throw new BmpError('BMP header is truncated');
  const core = dibSize === CORE_HEADER;
  const width = core ? data.readUInt16LE(18) : data.readInt32LE(18);
  const rawHeight = core ? data.readUInt16LE(20) : data.readInt32LE(22);
  const planes = data.readUInt16LE(core ? 22 : 26);
  const bitsPerPixel = data.readUInt16LE(core ? 24 : 28);
  const compression = core ? BI_RGB : data.readUInt32LE(30);
  if (width <= 0 || rawHeight === 0 || rawHeight === -2147483648 || planes !== 1) throw new BmpError('BMP dimensions are invalid');
  if (!BIT_DEPTHS.has(bitsPerPixel)) throw new BmpError(`BMP bit depth ${bitsPerPixel} is invalid`);
  if (compression > BI_ALPHABITFIELDS) throw new BmpError(`BMP compression ${compression} is unknown`);
  if (dataOffset < 14 + dibSize || dataOffset >= data.length) throw new BmpError('BMP pixel data offset is invalid');
  const masks = readMasks(data, dibSize, compression, bitsPerPixel);
  const palette = bitsPerPixel <= 8 ? readPalette(data, dibSize, compression, bitsPerPixel) : [];
  return { width, height: Math.abs(rawHeight), topDown: rawHeight < 0, bitsPerPixel, compression, dataOffset, masks, palette };
}

function readMasks(data: Buffer, dibSize: number, compression: number, bitsPerPixel: number): Masks {
  if (compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS) {
    // Masks sit right after the 40-byte part of the header, whether the header
    // is V2+ (they are fields of it) or plain 40 bytes (they follow it).
    const withAlpha = compression === BI_ALPHABITFIELDS || dibSize >= 56;
    if (data.length < 54 + (withAlpha ? 16 : 12)) throw new BmpError('BMP bit masks are truncated');
    const masks = {
      r: data.readUInt32LE(54),
      g: data.readUInt32LE(58),
      b: data.readUInt32LE(62),
      a: withAlpha ? data.readUInt32LE(66) : 0,
    };
    if (bitsPerPixel !== 16 && bitsPerPixel !== 32) throw new BmpError('BMP bit fields need 16 or 32 bits per pixel');
    return masks;
  }
  if (bitsPerPixel === 16) return { r: 0x7c00, g: 0x03e0, b: 0x001f, a: 0 };
  // 32-bit BI_RGB: the fourth byte is "reserved", not alpha, per the format.
  return { r: 0x00ff0000, g: 0x0000ff00, b: 0x000000ff, a: 0 };
}

/** Palette entries as [r, g, b]: BGRX quads, or BGR triples after the OS/2 core header. */
function readPalette(data: Buffer, dibSize: number, compression: number, bitsPerPixel: number): Uint8Array[] {
  const entrySize = dibSize === CORE_HEADER ? 3 : 4;
  const colorsUsed = dibSize === CORE_HEADER ? 0 : data.readUInt32LE(46);
  const count = colorsUsed === 0 || colorsUsed > 1 << bitsPerPixel ? 1 << bitsPerPixel : colorsUsed;
  const maskBytes = dibSize === 40 ? (compression === BI_BITFIELDS ? 12 : compression === BI_ALPHABITFIELDS ? 16 : 0) : 0;
  const start = 14 + dibSize + maskBytes;
  const palette: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const at = start + i * entrySize;
    if (at + 3 > data.length) throw new BmpError('BMP palette is truncated');
    palette.push(Uint8Array.of(data[at + 2]!, data[at + 1]!, data[at]!));
  }
  return palette;
}

type PixelReader = (rowStart: number, x: number, out: Buffer, outAt: number) => void;

function pixelReader(data: Buffer, header: BmpHeader): PixelReader {
  const bits = header.bitsPerPixel;
  if (bits <= 8) return paletteReader(data, header.palette, bits);
  if (bits === 24) {
    return (rowStart, x, out, outAt) => {
      const at = rowStart + x * 3;
      out[outAt] = data[at + 2]!;
      out[outAt + 1] = data[at + 1]!;
      out[outAt + 2] = data[at]!;
    };
  }
  const read = bits === 16 ? (at: number) => data.readUInt16LE(at) : (at: number) => data.readUInt32LE(at);
  const bytes = bits / 8;
  const channels = [header.masks.r, header.masks.g, header.masks.b, header.masks.a].filter((m, i) => i < 3 || m !== 0).map(channelOf);
  return (rowStart, x, out, outAt) => {
    const value = read(rowStart + x * bytes);
    for (let c = 0; c < channels.length; c++) out[outAt + c] = channels[c]!(value);
  };
}

function paletteReader(data: Buffer, palette: Uint8Array[], bits: number): PixelReader {
  const perByte = 8 / bits;
  const mask = (1 << bits) - 1;
  return (rowStart, x, out, outAt) => {
    const byte = data[rowStart + Math.floor(x / perByte)]!;
    // The leftmost pixel is in the most significant bits.
    const index = (byte >> ((perByte - 1 - (x % perByte)) * bits)) & mask;
    const color = palette[index];
    // An index past the palette is a broken file; black is what viewers show.
    out[outAt] = color?.[0] ?? 0;
    out[outAt + 1] = color?.[1] ?? 0;
    out[outAt + 2] = color?.[2] ?? 0;
  };
}

/** Extracts one channel by its bit mask and scales it to 0..255. */
function channelOf(mask: number): (value: number) => number {
  if (mask === 0) return () => 0;
  const shift = trailingZeros(mask);
  const max = mask >>> shift;
  return (value) => {
    const v = ((value & mask) >>> 0) >>> shift;
    return max === 255 ? v : Math.round((v * 255) / max);
  };
}

function trailingZeros(mask: number): number {
  let shift = 0;
  while (shift < 32 && ((mask >>> shift) & 1) === 0) shift++;
  return shift;
}

/** Many writers declare an alpha mask but leave every alpha at 0; showing those as invisible helps no one. */
function makeOpaqueWhenAlphaUnused(pixels: Buffer): void {
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return;
  for (let i = 3; i < pixels.length; i += 4) pixels[i] = 255;
}

