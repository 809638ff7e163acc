// Uploaded photos made fit for the web: upright, sRGB, metadata-free, with WebP variants.
export { MAX_IMAGE_PIXELS, VARIANT_WIDTHS, processImage, variantWidths } from './process-image.ts';
export type { ImageVariant, ProcessedImage } from './process-image.ts';
export { looksLikeBmp } from './bmp.ts';
