import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BmpError, decodeBmp, looksLikeBmp } from './bmp.ts';
import { writeBmp } from './test-fixtures.ts';

const MAX = 1_000_000;

/** The decoded pixel at (x, y) as an array of channel values. */
function at(decoded: ReturnType<typeof decodeBmp>, x: number, y: number): number[] {
  const start = (y * decoded.width + x) * decoded.channels;
  return [...decoded.pixels.subarray(start, start + decoded.channels)];
}

// A 3×2 picture: distinct colours so row order and channel order both show.
const COLOURS = [
  [[255, 0, 0], [0, 255, 0], [0, 0, 255]],
  [[10, 20, 30], [200, 100, 50], [255, 255, 255]],
];
const colour = (x: number, y: number) => COLOURS[y]![x]!;

describe('decodeBmp', () => {
  it('decodes 24-bit BI_RGB, bottom-up, with row padding', () => {
    const decoded = decodeBmp(writeBmp({ width: 3, height: 2, bitsPerPixel: 24, pixel: colour }), MAX);
    assert.equal(decoded.width, 3);
    assert.equal(decoded.height, 2);
    assert.equal(decoded.channels, 3);
    for (let y = 0; y < 2; y++) for (let x = 0; x < 3; x++) assert.deepEqual(at(decoded, x, y), colour(x, y));
  });

  it('decodes top-down rows (negative height)', () => {
    const decoded = decodeBmp(writeBmp({ width: 3, height: 2, bitsPerPixel: 24, topDown: true, pixel: colour }), MAX);
    assert.deepEqual(at(decoded, 0, 0), [255, 0, 0]);
    assert.deepEqual(at(decoded, 2, 1), [255, 255, 255]);
  });

  it('decodes the OS/2 core header', () => {
    const decoded = decodeBmp(writeBmp({ width: 3, height: 2, bitsPerPixel: 24, headerSize: 12, pixel: colour }), MAX);
    assert.deepEqual(at(decoded, 1, 1), [200, 100, 50]);
  });

  it('decodes 8-bit palette images with a short palette', () => {
    const palette = [[0, 0, 0], [255, 128, 0], [12, 34, 56]];
    const decoded = decodeBmp(writeBmp({ width: 3, height: 2, bitsPerPixel: 8, palette, pixel: (x, y) => (x + y) % 3 }), MAX);
    assert.equal(decoded.channels, 3);
    assert.deepEqual(at(decoded, 0, 0), [0, 0, 0]);
    assert.deepEqual(at(decoded, 1, 0), [255, 128, 0]);
    assert.deepEqual(at(decoded, 1, 1), [12, 34, 56]);
  });

  it('decodes 4-bit and 1-bit palette images, leftmost pixel in the high bits', () => {
    const palette4 = Array.from({ length: 16 }, (_, i) => [i * 16, 0, 255 - i * 16]);
    const four = decodeBmp(writeBmp({ width: 5, height: 1, bitsPerPixel: 4, palette: palette4, pixel: (x) => x * 3 }), MAX);
    assert.deepEqual([0, 1, 2, 3, 4].map((x) => at(four, x, 0)[0]), [0, 48, 96, 144, 192]);
    const one = decodeBmp(writeBmp({ width: 10, height: 1, bitsPerPixel: 1, palette: [[0, 0, 0], [255, 255, 255]], pixel: (x) => x % 3 === 0 ? 1 : 0 }), MAX);
    assert.deepEqual(Array.from({ length: 10 }, (_, x) => at(one, x, 0)[0]), [255, 0, 0, 255, 0, 0, 255, 0, 0, 255]);
  });

  it('reads 32-bit BI_RGB as opaque RGB (the fourth byte is reserved)', () => {
    const decoded = decodeBmp(writeBmp({ width: 2, height: 1, bitsPerPixel: 32, pixel: (x) => (x === 0 ? 0x00ff8000 : 0x11223344) }), MAX);
    assert.equal(decoded.channels, 3);
    assert.deepEqual(at(decoded, 0, 0), [255, 128, 0]);
    assert.deepEqual(at(decoded, 1, 0), [0x22, 0x33, 0x44]);
  });

  it('decodes 32-bit BI_BITFIELDS with alpha in a V5 header', () => {
    const bmp = writeBmp({
      width: 2,
      height: 1,
      bitsPerPixel: 32,
      headerSize: 124,
      compression: 3,
      masks: [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000],
      pixel: (x) => (x === 0 ? 0x80ff0000 : 0xff00ff00),
    });
    const decoded = decodeBmp(bmp, MAX);
    assert.equal(decoded.channels, 4);
    assert.deepEqual(at(decoded, 0, 0), [255, 0, 0, 128]);
    assert.deepEqual(at(decoded, 1, 0), [0, 255, 0, 255]);
  });

  it('treats an alpha channel that is 0 everywhere as opaque', () => {
    const bmp = writeBmp({
      width: 1,
      height: 1,
      bitsPerPixel: 32,
      headerSize: 108,
      compression: 3,
      masks: [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000],
      pixel: () => 0x00102030,
    });
    assert.deepEqual(at(decodeBmp(bmp, MAX), 0, 0), [0x10, 0x20, 0x30, 255]);
  });

  it('decodes 16-bit 5-6-5 bit fields (masks after a 40-byte header) and 5-5-5 BI_RGB', () => {
    const rgb565 = decodeBmp(
      writeBmp({ width: 1, height: 1, bitsPerPixel: 16, compression: 3, masks: [0xf800, 0x07e0, 0x001f], pixel: () => 0xf81f }),
      MAX,
    );
    assert.deepEqual(at(rgb565, 0, 0), [255, 0, 255]);
    const rgb555 = decodeBmp(writeBmp({ width: 1, height: 1, bitsPerPixel: 16, pixel: () => (31 << 10) | (16 << 5) }), MAX);
    assert.deepEqual(at(rgb555, 0, 0), [255, 132, 0]);
  });

  it('refuses truncated pixel data', () => {
    const bmp = writeBmp({ width: 3, height: 2, bitsPerPixel: 24, pixel: colour });
    assert.throws(() => decodeBmp(bmp.subarray(0, bmp.length - 8), MAX), BmpError);
  });

  it('refuses RLE-compressed BMP', () => {
    const bmp = writeBmp({ width: 2, height: 2, bitsPerPixel: 8, compression: 1, palette: [[0, 0, 0]], pixel: () => 0 });
    assert.throws(() => decodeBmp(bmp, MAX), /not supported/);
  });

  it('refuses images over the pixel limit before allocating them', () => {
    const bmp = writeBmp({ width: 3, height: 2, bitsPerPixel: 24, pixel: colour });
    bmp.writeInt32LE(100_000, 18);
    bmp.writeInt32LE(100_000, 22);
    assert.throws(() => decodeBmp(bmp, MAX), (error: BmpError) => error.tooManyPixels);
  });
});

describe('looksLikeBmp', () => {
  it('needs more than the "BM" signature', () => {
    assert.equal(looksLikeBmp(writeBmp({ width: 1, height: 1, bitsPerPixel: 24, pixel: () => [0, 0, 0] })), true);
    assert.equal(looksLikeBmp(Buffer.from('BMW;Mercedes;Toyota\nBMW X5;2020;1\n')), false);
    assert.equal(looksLikeBmp(Buffer.from('BM')), false);
  });
});
