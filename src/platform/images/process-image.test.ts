import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { DomainError } from '../../core/errors.ts';
import { processImage, variantWidths } from './process-image.ts';
import { writeBmp } from './test-fixtures.ts';

const GPS_EXIF = {
  IFD0: { Make: 'Máy ảnh của cán bộ', Copyright: 'UBND xã' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 0/1', GPSMapDatum: 'WGS-84' },
};
const XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="21,1.5N"/></rdf:RDF></x:xmpmeta>';

function solid(width: number, height: number, background = { r: 40, g: 120, b: 200 }) {
  return sharp({ create: { width, height, channels: 3, background } });
}

/** Raw RGB pixels with the left half red and the right half blue. */
function halves(width: number, height: number): Sharp {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set(x < width / 2 ? [255, 0, 0] : [0, 0, 255], (y * width + x) * 3);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

async function pixelAt(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + 3)];
}

async function assertRefused(data: Buffer, code: string): Promise<void> {
  await assert.rejects(processImage(data), (error: unknown) => {
    assert.ok(error instanceof DomainError, String(error));
    assert.equal(error.code, code);
    assert.match(error.messageIn('vi'), /^Không đọc được ảnh/);
    assert.match(error.messageIn('en'), /^The image could not be read/);
    return true;
  });
}

describe('processImage: metadata', () => {
  for (const format of ['jpeg', 'png', 'webp'] as const) {
    it(`removes EXIF GPS location and XMP from a ${format}`, async () => {
      const input = await solid(400, 300).toFormat(format).withExif(GPS_EXIF).withXmp(XMP).toBuffer();
      // The fixture really carries the location, or this test would prove nothing.
      const before = await sharp(input).metadata();
      assert.ok(before.exif?.includes('WGS-84'), 'fixture has a GPS IFD');
      assert.ok(before.xmp, 'fixture has XMP');

      const out = await processImage(input);
      assert.equal(out.format, format);
      for (const image of [out.original, ...out.variants.map((v) => v.data)]) {
        const after = await sharp(image).metadata();
        assert.equal(after.exif, undefined);
        assert.equal(after.xmp, undefined);
        assert.equal(after.iptc, undefined);
        assert.equal(after.icc, undefined);
        assert.equal(image.includes('WGS-84'), false);
        assert.equal(image.includes('GPSLatitude'), false);
      }
    });
  }

  it('converts an embedded colour profile to sRGB and drops the profile', async () => {
    const input = await solid(8, 8, { r: 255, g: 0, b: 0 }).withIccProfile('p3').jpeg({ quality: 100 }).toBuffer();
    assert.ok((await sharp(input).metadata()).icc, 'fixture has an ICC profile');
    // Read as if it were sRGB, P3's red is stored as a duller orange-red…
    assert.ok((await pixelAt(await sharp(input, { ignoreIcc: true }).png().toBuffer(), 4, 4))[1]! > 30);
    const out = await processImage(input);
    assert.equal((await sharp(out.original).metadata()).icc, undefined);
    // …so a pure red after processing proves the profile was applied, not discarded.
    const [r, g, b] = await pixelAt(out.original, 4, 4);
    assert.ok(r! > 240 && g! < 20 && b! < 20, `got ${r},${g},${b}`);
  });
});

describe('processImage: orientation and sizes', () => {
  it('applies EXIF orientation 6: a 20×10 photo comes out 10×20, turned clockwise', async () => {
    const input = await halves(20, 10).jpeg({ quality: 100 }).withMetadata({ orientation: 6 }).toBuffer();
    const before = await sharp(input).metadata();
    assert.equal(before.orientation, 6);
    assert.deepEqual([before.width, before.height], [20, 10]);

    const out = await processImage(input);
    assert.deepEqual([out.width, out.height], [10, 20]);
    const after = await sharp(out.original).metadata();
    assert.deepEqual([after.width, after.height, after.orientation], [10, 20, undefined]);
    // Turned clockwise, the left (red) half becomes the top.
    const top = await pixelAt(out.original, 5, 3);
    const bottom = await pixelAt(out.original, 5, 16);
    assert.ok(top[0]! > 200 && top[2]! < 60, `top ${top}`);
    assert.ok(bottom[2]! > 200 && bottom[0]! < 60, `bottom ${bottom}`);
    assert.deepEqual(out.variants.map((v) => v.width), [10]);
    const variant = await sharp(out.variants[0]!.data).metadata();
    assert.deepEqual([variant.width, variant.height], [10, 20]);
  });

  it('chooses variant widths below the original, plus the original up to 1600', () => {
    assert.deepEqual(variantWidths(1), [1]);
    assert.deepEqual(variantWidths(320), [320]);
    assert.deepEqual(variantWidths(700), [320, 640, 700]);
    assert.deepEqual(variantWidths(1600), [320, 640, 1024, 1600]);
    assert.deepEqual(variantWidths(4000), [320, 640, 1024, 1600]);
  });

  it('makes WebP variants of the promised widths, keeping the aspect ratio', async () => {
    const out = await processImage(await solid(2000, 1000).jpeg().toBuffer());
    assert.deepEqual([out.width, out.height], [2000, 1000]);
    assert.deepEqual(out.variants.map((v) => [v.width, v.format]), [[320, 'webp'], [640, 'webp'], [1024, 'webp'], [1600, 'webp']]);
    for (const variant of out.variants) {
      const meta = await sharp(variant.data).metadata();
      assert.equal(meta.format, 'webp');
      assert.deepEqual([meta.width, meta.height], [variant.width, variant.width / 2]);
    }
    const original = await sharp(out.original).metadata();
    assert.deepEqual([original.format, original.width, original.height], ['jpeg', 2000, 1000]);
  });

  it('adds a variant at the original width when it is under 1600', async () => {
    const out = await processImage(await solid(800, 600).png().toBuffer());
    assert.deepEqual(out.variants.map((v) => v.width), [320, 640, 800]);
  });
});

describe('processImage: formats', () => {
  it('handles a 1×1 PNG', async () => {
    const out = await processImage(await solid(1, 1).png().toBuffer());
    assert.deepEqual([out.width, out.height, out.format], [1, 1, 'png']);
    assert.deepEqual(out.variants.map((v) => v.width), [1]);
  });

  it('keeps PNG transparency', async () => {
    const input = await sharp({ create: { width: 4, height: 4, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const out = await processImage(input);
    assert.equal((await sharp(out.original).metadata()).hasAlpha, true);
    assert.equal((await sharp(out.variants[0]!.data).metadata()).hasAlpha, true);
  });

  it('keeps a GIF a GIF, every frame of an animation included', async () => {
    const frame = (r: number) => sharp({ create: { width: 60, height: 30, channels: 4, background: { r, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
    const input = await sharp([await frame(255), await frame(0), await frame(128)], { join: { animated: true } })
      .gif({ delay: [100, 200, 300], loop: 0 })
      .toBuffer();
    const out = await processImage(input);
    assert.deepEqual([out.format, out.width, out.height], ['gif', 60, 30]);
    const meta = await sharp(out.original, { animated: true }).metadata();
    assert.deepEqual([meta.format, meta.pages, meta.delay], ['gif', 3, [100, 200, 300]]);
    const variant = await sharp(out.variants[0]!.data, { animated: true }).metadata();
    assert.deepEqual([variant.format, variant.pages, variant.width, variant.pageHeight], ['webp', 3, 60, 30]);
  });

  it('accepts a still GIF', async () => {
    const out = await processImage(await solid(30, 20).gif().toBuffer());
    assert.deepEqual([out.format, out.width, out.height], ['gif', 30, 20]);
  });

  it('keeps a WebP a WebP', async () => {
    const out = await processImage(await solid(50, 40).webp().toBuffer());
    assert.deepEqual([out.format, out.width, out.height], ['webp', 50, 40]);
  });

  it('accepts a BMP and turns it into a PNG with the same pixels', async () => {
    const bmp = writeBmp({ width: 4, height: 2, bitsPerPixel: 24, pixel: (x, y) => (y === 0 ? [255, 0, 0] : [0, x * 60, 255]) });
    const out = await processImage(bmp);
    assert.deepEqual([out.format, out.width, out.height], ['png', 4, 2]);
    assert.equal((await sharp(out.original).metadata()).format, 'png');
    assert.deepEqual(await pixelAt(out.original, 1, 0), [255, 0, 0]);
    assert.deepEqual(await pixelAt(out.original, 3, 1), [0, 180, 255]);
    assert.deepEqual(out.variants.map((v) => v.width), [4]);
  });

  it('accepts an 8-bit palette BMP', async () => {
    const bmp = writeBmp({ width: 3, height: 3, bitsPerPixel: 8, palette: [[0, 0, 0], [0, 255, 0]], pixel: (x) => x % 2 });
    const out = await processImage(bmp);
    assert.deepEqual(await pixelAt(out.original, 1, 2), [0, 255, 0]);
  });
});

describe('processImage: refusals', () => {
  it('refuses bytes that are not an image', async () => {
    await assertRefused(Buffer.from('xin chào, đây không phải là ảnh'), 'image_unreadable');
    await assertRefused(Buffer.alloc(0), 'image_unreadable');
    await assertRefused(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 'image_unreadable');
    const png = await solid(50, 50).png().toBuffer();
    await assertRefused(png.subarray(0, 40), 'image_unreadable');
    // An upload cut short: the header reads fine, the pixels stop halfway.
    const noisy = await sharp({ create: { width: 200, height: 150, channels: 3, background: 'red', noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
      .jpeg()
      .toBuffer();
    await assertRefused(noisy.subarray(0, Math.floor(noisy.length * 0.9)), 'image_unreadable');
    await assertRefused(writeBmp({ width: 2, height: 2, bitsPerPixel: 24, pixel: () => [1, 2, 3] }).subarray(0, 60), 'image_unreadable');
  });

  it('refuses SVG even though libvips could render it (scripts)', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>');
    await assertRefused(svg, 'image_unreadable');
    await assertRefused(Buffer.concat([Buffer.from('<?xml version="1.0"?>'), svg]), 'image_unreadable');
  });

  it('refuses formats outside the list (TIFF)', async () => {
    await assertRefused(await solid(10, 10).tiff().toBuffer(), 'image_unreadable');
  });

  it('refuses decompression bombs: a small PNG declaring 100 megapixels', async () => {
    const png = await solid(10, 10).png().toBuffer();
    // IHDR is the first chunk: width, height at 16 and 20, its CRC after the 13 data bytes.
    png.writeUInt32BE(10_000, 16);
    png.writeUInt32BE(10_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    assert.equal((await sharp(png, { limitInputPixels: false }).metadata()).width, 10_000);
    await assertRefused(png, 'image_too_large');
  });

  it('refuses a BMP declaring more pixels than allowed', async () => {
    const bmp = writeBmp({ width: 2, height: 2, bitsPerPixel: 24, pixel: () => [1, 2, 3] });
    bmp.writeInt32LE(20_000, 18);
    bmp.writeInt32LE(20_000, 22);
    await assertRefused(bmp, 'image_too_large');
  });
});
