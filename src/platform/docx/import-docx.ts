// Import of a Word .docx as an article draft: mammoth turns the document into
// HTML (headings, lists, tables, emphasis, images), then the same steps as a
// paste — legacy TCVN3/VNI repair and the article allow-list — with the
// title taken out of the body and images handed back to the caller to store.

import type Mammoth from 'mammoth';
import { lazyModule } from '../lazy.ts';

const mammoth = lazyModule<typeof Mammoth>('mammoth');
import { repairHtmlText, sanitizeArticleHtml } from '../../core/content/index.ts';
import {
  type HtmlElement,
  type HtmlText,
  appendChild,
  descendants,
  detach,
  hasAncestor,
  isElement,
  parseHtml,
  serializeChildren,
  textContent,
  unwrap,
} from '../../core/content/html-tree.ts';
import { DomainError } from '../../core/errors.ts';
import { type LegacyEncoding, repairVietnamese, toNfc } from '../../core/vietnamese/index.ts';
import {
  DOCX_TOO_LARGE,
  DOCX_UNREADABLE,
  NOT_DOCX,
  REMOVED_LINKS_WARNING,
  translateMammothMessage,
  unsupportedImageWarning,
} from './messages.ts';
import { readZipDirectory } from './zip-directory.ts';

export interface DocxImage {
  /** As it appears in `html`: <img src="docx-image:1">. */
  placeholder: string;
  contentType: string;
  buffer: Buffer;
  altText: string | null;
  /** Word's caption paragraph right below the picture (style "Caption"), when there is one. */
  caption: string | null;
}

export interface DocxImport {
  /** The Title paragraph, else the first heading, else a first short bold line; null when none. */
  title: string | null;
  /** Sanitized body (sanitizeArticleHtml) without the title, NFC, legacy encodings converted. */
  html: string;
  /** Images still in `html`, in document order; the caller stores each and replaces its placeholder. */
  images: DocxImage[];
  converted: LegacyEncoding | null;
  /** Vietnamese notes for the editor: content that was dropped or may need checking. */
  warnings: string[];
}

const PLACEHOLDER_PREFIX = 'docx-image:';
const SKIPPED_IMAGE = `${PLACEHOLDER_PREFIX}skipped`;
const TITLE_CLASS = 'docx-title';
const CAPTION_CLASS = 'docx-caption';
const MAIN_PART = /^word\/document\d*\.xml$/;
const TITLE_MAX_LENGTH = 200;
// Browsers show these; EMF/WMF (Office drawings), TIFF and BMP they do not,
// and SVG from a document is not served back to readers.
const WEB_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
// Declared sizes in the zip directory; a real article is far below these.
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
const MAX_UNPACKED_XML_BYTES = 64 * 1024 * 1024;

// Word's headings one level down (the page's h1 is the article title); the
// Title paragraph gets a marker class that takeTitle strips. Style names
// are matched case-insensitively; style ids cover documents whose style
// names were localised.
const STYLE_MAP = [
  `p[style-name='Title'] => h1.${TITLE_CLASS}:fresh`,
  `p.Title => h1.${TITLE_CLASS}:fresh`,
  "p[style-name='Subtitle'] => p:fresh",
  `p[style-name='Caption'] => p.${CAPTION_CLASS}:fresh`,
  `p.Caption => p.${CAPTION_CLASS}:fresh`,
  "p[style-name='Heading 1'] => h2:fresh",
  "p[style-name='Heading 2'] => h3:fresh",
  "p[style-name='Heading 3'] => h4:fresh",
  "p[style-name='Heading 4'] => h4:fresh",
  "p[style-name='Heading 5'] => h4:fresh",
  "p[style-name='Heading 6'] => h4:fresh",
  'p.Heading1 => h2:fresh',
  'p.Heading2 => h3:fresh',
  'p.Heading3 => h4:fresh',
  'b => strong',
  'i => em',
  'u => u',
  'strike => s',
];

export async function importDocx(buffer: Buffer): Promise<DocxImport> {
  assertDocx(buffer);
  const images: DocxImage[] = [];
  const skipped: string[] = [];
  const result = await convert(buffer, images, skipped);

  const repaired = repairHtmlText(result.value);
  const tree = parseHtml(repaired.html);
  const title = takeTitle(tree);
  dropSkippedImages(tree);
  dropInternalLinks(tree);
  repairAltTexts(tree, images);
  captionFigures(tree, images);
  scopeHeaderCells(tree);

  const clean = sanitizeArticleHtml(serializeChildren(tree), { imagePlaceholders: true });
  const kept = images.filter((img) => clean.html.includes(`src="${img.placeholder}"`));
  return {
    title, // repaired with the rest of the text, before it was taken out
    html: clean.html,
    images: kept,
    converted: repaired.converted,
    warnings: warningsOf(result.messages, skipped, clean.removed),
  };
}

// ---- reading ------------------------------------------------------------------

function assertDocx(buffer: Buffer): void {
  const entries = readZipDirectory(buffer);
  if (entries === 'zip64') return; // not read here; mammoth decides
  // Office 365 sometimes names the main part word/document2.xml.
  if (entries === null || !entries.some((e) => MAIN_PART.test(e.name))) throw new DomainError(NOT_DOCX);
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const xml = entries.filter((e) => /\.(xml|rels)$/i.test(e.name)).reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > MAX_UNPACKED_BYTES || xml > MAX_UNPACKED_XML_BYTES) throw new DomainError(DOCX_TOO_LARGE, 413);
}

async function convert(
  buffer: Buffer,
  images: DocxImage[],
  skipped: string[],
): Promise<{ value: string; messages: { type: string; message: string }[] }> {
  const convertImage = mammoth().images.imgElement(async (image) => {
    if (!WEB_IMAGE_TYPES.has(image.contentType)) {
      skipped.push(image.contentType);
      return { src: SKIPPED_IMAGE };
    }
    // Numbered before the first await, so numbers follow document order.
    const entry: DocxImage = {
      placeholder: `${PLACEHOLDER_PREFIX}${images.length + 1}`,
      contentType: image.contentType,
      buffer: Buffer.alloc(0),
      altText: altTextOf(image),
      caption: null,
    };
    images.push(entry);
    entry.buffer = await image.readAsBuffer();
    return { src: entry.placeholder };
  });
  try {
    return await mammoth().convertToHtml(
      { buffer },
      {
        styleMap: STYLE_MAP,
        convertImage,
        includeEmbeddedStyleMap: false, // a document must not restyle its own import
        externalFileAccess: false, // never read files a document links to on this server
      },
    );
  } catch {
    throw new DomainError(DOCX_UNREADABLE);
  }
}

function altTextOf(image: object): string | null {
  const alt: unknown = (image as { altText?: unknown }).altText;
  if (typeof alt !== 'string') return null;
  const clean = toNfc(alt).replace(/\s+/g, ' ').trim();
  return clean === '' ? null : clean;
}

// ---- title ----------------------------------------------------------------------

/** Remove the title from the body and return its text. */
function takeTitle(root: HtmlElement): string | null {
  const marked = descendants(root).filter((el) => el.name === 'h1' && el.attribs['class'] === TITLE_CLASS);
  for (const extra of marked.slice(1)) {
    extra.name = 'h2'; // a second Title paragraph is a section heading in practice
    delete extra.attribs['class'];
  }
  const head = leadingBlocks(root);
  const chosen =
    marked[0] ?? head.find((el) => /^h[2-4]$/.test(el.name)) ?? (head[0] !== undefined && isShortBoldLine(head[0]) ? head[0] : undefined);
  if (chosen === undefined) return null;
  detach(chosen);
  const text = toNfc(textContent(chosen)).replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/**
 * The top-level blocks before the body text starts (a long paragraph, a list
 * or a table): where a document without a Title style has its title. A
 * heading further down is a section, not the title.
 */
function leadingBlocks(root: HtmlElement): HtmlElement[] {
  const out: HtmlElement[] = [];
  for (const child of root.children) {
    if (!isElement(child)) continue;
    const text = textContent(child).trim();
    if (['ul', 'ol', 'table'].includes(child.name) || text.length > TITLE_MAX_LENGTH) break;
    if (text !== '') out.push(child);
  }
  return out;
}

/** A paragraph whose every word is bold, short enough to be a title. */
function isShortBoldLine(el: HtmlElement): boolean {
  if (el.name !== 'p') return false;
  const texts = textNodesOf(el).filter((t) => t.text.trim() !== '');
  return texts.length > 0 && texts.every((t) => hasAncestor(t, STRONG));
}

const STRONG: ReadonlySet<string> = new Set(['strong', 'b']);

function textNodesOf(el: HtmlElement): HtmlText[] {
  return el.children.flatMap((child) =>
    child.kind === 'text' ? [child] : child.kind === 'element' ? textNodesOf(child) : [],
  );
}

/**
 * Links inside the document (table of contents, footnote references and
 * their "↑" back-links) point at ids the allow-list removes: keep their
 * text, drop the dead link, and do not warn about it.
 */
function dropInternalLinks(root: HtmlElement): void {
  for (const a of descendants(root)) {
    if (a.name !== 'a' || !(a.attribs['href'] ?? '').startsWith('#')) continue;
    if (textContent(a).trim() === '↑') detach(a);
    else unwrap(a);
  }
}

/** Word's repeated header row becomes <thead><th>; say they head columns, for screen readers. */
function scopeHeaderCells(root: HtmlElement): void {
  for (const el of descendants(root)) {
    if (el.name === 'th' && el.attribs['scope'] === undefined && el.parent?.parent?.name === 'thead') el.attribs['scope'] = 'col';
  }
}

// ---- images ------------------------------------------------------------------------

function dropSkippedImages(root: HtmlElement): void {
  for (const img of descendants(root)) if (img.name === 'img' && img.attribs['src'] === SKIPPED_IMAGE) detach(img);
}

/** Alt text typed in a legacy font is repaired like the body text, in the HTML and the image list. */
function repairAltTexts(root: HtmlElement, images: DocxImage[]): void {
  for (const image of images) {
    if (image.altText !== null) image.altText = repairVietnamese(image.altText).text;
  }
  const byPlaceholder = new Map(images.map((img) => [img.placeholder, img]));
  for (const img of descendants(root)) {
    if (img.name !== 'img') continue;
    const alt = byPlaceholder.get(img.attribs['src'] ?? '')?.altText;
    if (alt === null || alt === undefined) delete img.attribs['alt'];
    else img.attribs['alt'] = alt;
  }
}

/**
 * Word's caption (Insert Caption, style "Caption") right below a picture
 * becomes the picture's figcaption; any other caption paragraph stays a
 * plain paragraph.
 */
function captionFigures(root: HtmlElement, images: DocxImage[]): void {
  const byPlaceholder = new Map(images.map((img) => [img.placeholder, img]));
  for (const p of descendants(root)) {
    if (p.name !== 'p' || p.attribs['class'] !== CAPTION_CLASS) continue;
    delete p.attribs['class'];
    const picture = previousElement(p);
    const img = picture?.name === 'p' ? soleImage(picture) : null;
    const caption = toNfc(textContent(p)).replace(/\s+/g, ' ').trim();
    if (picture === undefined || img === null || caption === '') continue;
    const image = byPlaceholder.get(img.attribs['src'] ?? '');
    if (image !== undefined) image.caption = caption;
    p.name = 'figcaption';
    picture.name = 'figure';
    appendChild(picture, p);
  }
}

function previousElement(el: HtmlElement): HtmlElement | undefined {
  const siblings = el.parent?.children ?? [];
  const before = siblings.slice(0, siblings.indexOf(el)).filter((n) => n.kind !== 'text' || n.text.trim() !== '');
  const last = before.at(-1);
  return last !== undefined && isElement(last) ? last : undefined;
}

/** The one image of a paragraph that holds nothing else. */
function soleImage(p: HtmlElement): HtmlElement | null {
  const images = descendants(p).filter((el) => el.name === 'img');
  return images.length === 1 && textContent(p).trim() === '' ? images[0]! : null;
}

// ---- warnings --------------------------------------------------------------------------

function warningsOf(messages: { type: string; message: string }[], skipped: string[], removed: string[]): string[] {
  const out = new Set<string>();
  for (const message of messages) {
    const text = translateMammothMessage(message);
    if (text !== null) out.add(text);
  }
  for (const type of skipped) out.add(unsupportedImageWarning(type));
  if (removed.some((r) => r.startsWith('link ('))) out.add(REMOVED_LINKS_WARNING);
  return [...out];
}
