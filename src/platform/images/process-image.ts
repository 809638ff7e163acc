// Images for the web (design.md, "Images"): every uploaded photo is decoded
// and re-encoded, never published as uploaded. Re-encoding is what removes
// the metadata (a phone photo's EXIF carries the GPS position of where it was
// taken: an official's home, a site under inspection) and what neutralises
// files that are an image and something else at once (polyglots).
import type SharpLib from 'sharp';
import type { OutputInfo, Sharp } from 'sharp';
import { lazyModule } from '../lazy.ts';

const sharp = lazyModule<typeof SharpLib>('sharp');
import { DomainError } from '../../core/errors.ts';
import { BmpError, decodeBmp } from './bmp.ts';

export interface ImageVariant {
  width: number;
  format: 'webp';
  data: Buffer;
}

export interface ProcessedImage {
  width: number;
  height: number;
  format: 'jpeg' | 'png' | 'gif' | 'webp';
  /** Re-encoded in its own format (BMP becomes PNG), upright, sRGB, without any metadata. */
  original: Buffer;
  /** WebP copies for srcset, narrowest first. */
  variants: ImageVariant[];
}

/** Decompression bombs: a 20 MB file can declare billions of pixels. Counts every frame of an animation. */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** srcset widths; the widest is enough for a full-width photo on a large screen. */
export const VARIANT_WIDTHS: readonly number[] = [320, 640, 1024, 1600];

type InputFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp';

export async function processImage(data: Buffer): Promise<ProcessedImage> {
  const input = detectInputFormat(data);
  if (input === null) throw imageUnreadable();
  const format = input === 'bmp' ? 'png' : input;
  try {
    // Applies the EXIF orientation to the pixels; the tag itself is dropped with the rest.
    const upright = openImage(data, input).autoOrient();
    const original = await encode(upright.clone(), format).toBuffer({ resolveWithObject: true });
    const { width, height } = frameSize(original.info);
    const variants = await Promise.all(variantWidths(width).map((w) => makeVariant(upright, w, width)));
    return { width, height, format, original: original.data, variants };
  } catch (error) {
    throw toDomainError(error);
  }
}

/** Widths smaller than the image, then the image's own width while it is within the largest. */
export function variantWidths(width: number): number[] {
  const largest = VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!;
  const widths = VARIANT_WIDTHS.filter((w) => w < width);
  if (width <= largest) widths.push(width);
  return widths;
}

/**
 * By magic bytes, so only the loaders for these formats ever see the bytes:
 * libvips would otherwise also parse SVG (script-capable), PDF, TIFF, HEIF…
 */
function detectInputFormat(data: Buffer): InputFormat | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.length >= 8 && data.readUInt32BE(0) === 0x89504e47 && data.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
  if (data.length >= 6 && /^GIF8[79]a$/.test(data.toString('latin1', 0, 6))) return 'gif';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (data.length >= 2 && data.toString('latin1', 0, 2) === 'BM') return 'bmp';
  return null;
}

function openImage(data: Buffer, format: InputFormat): Sharp {
  if (format === 'bmp') {
    const bmp = decodeBmp(data, MAX_IMAGE_PIXELS);
    return sharp()(bmp.pixels, { raw: { width: bmp.width, height: bmp.height, channels: bmp.channels } });
  }
  return sharp()(data, {
    limitInputPixels: MAX_IMAGE_PIXELS,
    // Keep every frame of an animated GIF/WebP (a banner stays animated).
    animated: format === 'gif' || format === 'webp',
    // Refuse real errors (truncated, corrupt), tolerate the warnings many camera files raise.
    failOn: 'error',
  });
}

/**
 * sharp strips all metadata (EXIF, GPS, XMP, IPTC, ICC) and converts to sRGB
 * on output by default; nothing here may call keepMetadata/keepExif/withMetadata.
 */
function encode(image: Sharp, format: ProcessedImage['format']): Sharp {
  switch (format) {
    case 'jpeg':
      return image.jpeg({ quality: 90, mozjpeg: true });
    case 'png':
      return image.png();
    case 'gif':
      return image.gif();
    case 'webp':
      return image.webp({ quality: 90 });
  }
}

async function makeVariant(upright: Sharp, width: number, originalWidth: number): Promise<ImageVariant> {
  const image = width < originalWidth ? upright.clone().resize({ width }) : upright.clone();
  const data = await image.webp({ quality: 80 }).toBuffer();
  return { width, format: 'webp', data };
}

/** One frame's size: for an animation, sharp reports the whole stack of frames as its height. */
function frameSize(info: OutputInfo): { width: number; height: number } {
  return { width: info.width, height: info.pageHeight ?? info.height };
}

function toDomainError(error: unknown): Error {
  if (error instanceof DomainError) return error;
  const tooManyPixels =
    (error instanceof BmpError && error.tooManyPixels) || (error instanceof Error && /pixel limit/i.test(error.message));
  return tooManyPixels ? imageTooLarge() : imageUnreadable();
}

function imageUnreadable(): DomainError {
  return new DomainError({
    code: 'image_unreadable',
    vi: 'Không đọc được ảnh: tệp bị hỏng hoặc không phải ảnh JPG, PNG, GIF, BMP, WebP.',
    en: 'The image could not be read: the file is damaged or is not a JPG, PNG, GIF, BMP or WebP image.',
  });
}

function imageTooLarge(): DomainError {
  const megapixels = MAX_IMAGE_PIXELS / 1_000_000;
  return new DomainError({
    code: 'image_too_large',
    vi: `Không đọc được ảnh: ảnh quá lớn (tối đa ${megapixels} triệu điểm ảnh, tính cả mọi khung hình của ảnh động). Hãy thu nhỏ ảnh rồi tải lên lại.`,
    en: `The image could not be read: it is too large (at most ${megapixels} megapixels, counting every frame of an animation). Please scale it down and upload it again.`,
  });
}
