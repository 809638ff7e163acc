// The pictures of an article body, as the editor's "Ảnh trong nội dung"
// fieldset lists them, and the change of their descriptions (alt) and
// captions (<figure><figcaption>) from that form. Pure: HTML in, HTML out; the
// result is sanitised again when the article is saved.

import {
  type HtmlElement,
  appendChild,
  descendants,
  detach,
  element,
  isBlock,
  parseHtml,
  replaceWith,
  serializeChildren,
  textContent,
  textNode,
} from './html-tree.ts';

export interface BodyPicture {
  /** 1-based, in document order: the number people see ("Ảnh 2") and the form's field names use. */
  number: number;
  src: string;
  /** '' when the picture has no description. */
  alt: string;
  /** The text of its figure's caption; '' when none. */
  caption: string;
}

/** What the form sends for one picture; applied only while `src` is still the number-th picture's. */
export interface PictureText {
  number: number;
  src: string;
  alt: string;
  caption: string;
}

/** The editor form's field of a picture ("picture-2-alt"): problems point there, the refusal links to it. */
export function pictureField(number: number, part: 'src' | 'alt' | 'caption'): string {
  return `picture-${number}-${part}`;
}

const clean = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();

export function picturesOf(html: string): BodyPicture[] {
  return imagesOf(parseHtml(html)).map((img, i) => ({
    number: i + 1,
    src: img.attribs['src'] ?? '',
    alt: clean(img.attribs['alt'] ?? ''),
    caption: clean(captionOf(img) ?? ''),
  }));
}

/** Pictures whose description is missing (what blocks publication). */
export function picturesWithoutAlt(html: string): BodyPicture[] {
  return picturesOf(html).filter((p) => p.alt === '');
}

/**
 * Sets each picture's alt and caption as the form says. A picture that is no
 * longer where the form saw it (the body was changed by hand meanwhile) is
 * left as it is. Returns `html` itself when nothing changed.
 */
export function applyPictureTexts(html: string, texts: readonly PictureText[]): string {
  const root = parseHtml(html);
  const images = imagesOf(root);
  let changed = false;
  for (const text of texts) {
    const img = images[text.number - 1];
    if (img === undefined || img.attribs['src'] !== text.src) continue;
    const alt = clean(text.alt);
    if (alt !== clean(img.attribs['alt'] ?? '')) {
      if (alt === '') delete img.attribs['alt'];
      else img.attribs['alt'] = alt;
      changed = true;
    }
    const caption = clean(text.caption);
    if (caption !== clean(captionOf(img) ?? '')) {
      setCaption(img, caption);
      changed = true;
    }
  }
  return changed ? serializeChildren(root) : html;
}

function imagesOf(root: HtmlElement): HtmlElement[] {
  return descendants(root).filter((el) => el.name === 'img' && (el.attribs['src'] ?? '') !== '');
}

/** The figure an image is the picture of: its nearest figure ancestor. */
function figureOf(img: HtmlElement): HtmlElement | null {
  for (let p = img.parent; p !== null; p = p.parent) if (p.name === 'figure') return p;
  return null;
}

function captionOf(img: HtmlElement): string | null {
  const figcaption = figureOf(img)?.children.find((c): c is HtmlElement => c.kind === 'element' && c.name === 'figcaption');
  return figcaption ? textContent(figcaption) : null;
}

function setCaption(img: HtmlElement, caption: string): void {
  const figure = figureOf(img);
  if (figure !== null) {
    const old = figure.children.filter((c): c is HtmlElement => c.kind === 'element' && c.name === 'figcaption');
    for (const c of old) detach(c);
    if (caption !== '') appendChild(figure, element('figcaption', {}, [textNode(caption)]));
    return;
  }
  if (caption === '') return;
  // The image with what holds it inline (a link around it) becomes the figure.
  let unit: HtmlElement = img;
  while (unit.parent !== null && unit.parent.name !== '#root' && !isBlock(unit.parent)) unit = unit.parent;
  const holder = unit.parent;
  const wrapper = element('figure');
  if (holder !== null && holder.name === 'p') {
    // A figure cannot sit inside a paragraph: the paragraph is split around it.
    const index = holder.children.indexOf(unit);
    const [head, tail] = [holder.children.slice(0, index), holder.children.slice(index + 1)];
    const before = element('p', { ...holder.attribs }, head);
    const after = element('p', { ...holder.attribs }, tail);
    replaceWith(holder, [before, wrapper, after].filter((el) => el === wrapper || textContent(el).trim() !== '' || descendants(el).some((d) => d.name === 'img')));
  } else {
    replaceWith(unit, [wrapper]);
  }
  appendChild(wrapper, unit);
  appendChild(wrapper, element('figcaption', {}, [textNode(caption)]));
}
