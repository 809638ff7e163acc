// Structural clean-up before the allow-list (sanitize.ts): what sanitize-html
// cannot do tag by tag. It turns pasted Word/Google Docs/web markup into the
// shape the allow-list expects (lists, strong/em from inline styles, <div>
// as paragraphs, collapsed whitespace, no empty blocks). Security does not
// rest on this pass; sanitize-html runs on its output.

import { toNfc } from '../vietnamese/index.ts';
import {
  type HtmlElement,
  type HtmlNode,
  type HtmlText,
  NON_TEXT_ELEMENTS,
  appendChild,
  descendants,
  detach,
  element,
  isBlock,
  isElement,
  replaceWith,
  textContent,
  unwrap,
  wrapChildren,
} from './html-tree.ts';
import { checkHref, checkImageSrc } from './urls.ts';
import { convertWordLists } from './word-lists.ts';

export interface PrepareOptions {
  imagePlaceholders: boolean;
  /** Records what was dropped, for the editor's notice. */
  report: (what: string) => void;
}

// Dropped with everything inside: nothing in them is article text.
const DROP_WITH_CONTENT: ReadonlySet<string> = new Set([
  ...NON_TEXT_ELEMENTS,
  'form', 'input', 'button', 'select', 'option', 'optgroup', 'datalist', 'canvas', 'video', 'audio', 'embed',
  'frame', 'frameset', 'applet', 'dialog',
]);

// Not content: scaffolding of a whole pasted document or of Office markup.
export const SILENTLY_DROPPED: ReadonlySet<string> = new Set([
  'html', 'head', 'body', 'meta', 'link', 'title', 'xml', 'o:p', 'base',
]);

const RENAMES: Readonly<Record<string, string>> = {
  b: 'strong',
  i: 'em',
  h1: 'h2', // the page has its own h1 (the article title)
  h5: 'h4',
  h6: 'h4',
  strike: 's',
  del: 's',
};

// Blocks outside the allow-list: they become paragraphs when they hold only
// inline content, else they give way to their children. Otherwise their
// text would end up outside any paragraph.
const DIV_LIKE: ReadonlySet<string> = new Set([
  'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'center', 'address', 'details',
  'summary', 'dl', 'dt', 'dd', 'fieldset',
]);

const PRESERVE_WHITESPACE: ReadonlySet<string> = new Set(['pre']);

export function prepareTree(root: HtmlElement, options: PrepareOptions): void {
  convertWordLists(root); // reads Word's conditional comments, so first
  dropNonContent(root, options.report);
  for (const el of descendants(root)) {
    renameTag(el);
    applyInlineStyles(el);
  }
  paragraphsFromDivs(root);
  wrapLooseInline(root);
  for (const el of descendants(root)) if (el.name === 'blockquote') wrapLooseInline(el);
  checkUrls(root, options);
  normalizeWhitespace(root);
  removeEmpty(root);
}

function dropNonContent(root: HtmlElement, report: (what: string) => void): void {
  const visit = (el: HtmlElement): void => {
    for (const child of [...el.children]) {
      if (child.kind === 'comment' || child.kind === 'directive') detach(child);
      else if (child.kind === 'element' && DROP_WITH_CONTENT.has(child.name)) {
        if (!SILENTLY_DROPPED.has(child.name)) report(child.name);
        detach(child);
      } else if (child.kind === 'element') visit(child);
    }
  };
  visit(root);
}

function renameTag(el: HtmlElement): void {
  el.name = RENAMES[el.name] ?? el.name;
}

// Google Docs wraps the whole paste in <b style="font-weight:normal">, and
// Word/Docs express some emphasis only as inline styles on <span>.
function applyInlineStyles(el: HtmlElement): void {
  const style = parseStyle(el.attribs['style'] ?? '');
  if (style.size === 0) return;
  const weight = style.get('font-weight') ?? '';
  if (el.name === 'strong' && /^(normal|[1-4]00)$/.test(weight)) {
    el.name = 'span';
    return;
  }
  if (el.name !== 'span' && el.name !== 'font') return;
  const align = style.get('vertical-align') ?? '';
  const decoration = `${style.get('text-decoration') ?? ''} ${style.get('text-decoration-line') ?? ''}`;
  if (align === 'super') wrapChildren(el, 'sup');
  if (align === 'sub') wrapChildren(el, 'sub');
  if (decoration.includes('line-through')) wrapChildren(el, 's');
  if (decoration.includes('underline')) wrapChildren(el, 'u');
  if (style.get('font-style') === 'italic') wrapChildren(el, 'em');
  if (/^(bold|bolder|[6-9]00)$/.test(weight)) wrapChildren(el, 'strong');
}

/** Declarations of a style attribute, lower case, "!important" dropped. */
function parseStyle(style: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const name = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).replace(/!important/i, '').trim().toLowerCase();
    out.set(name, value);
  }
  return out;
}

function paragraphsFromDivs(root: HtmlElement): void {
  // Deepest first, so a div's children are settled before it is judged.
  for (const el of descendants(root).reverse()) {
    if (!DIV_LIKE.has(el.name)) continue;
    if (el.children.some(isBlock)) unwrap(el);
    else el.name = 'p';
  }
}

/**
 * Text and inline markup outside any block (a plain-text paste) go into
 * paragraphs. Wrappers that hold blocks (<html>, <body>, a <span> around
 * paragraphs) are looked into instead; images alone stay as they are, as
 * the editor's block images come.
 */
function wrapLooseInline(container: HtmlElement): void {
  let run: HtmlNode[] = [];
  const flush = (): void => {
    const first = run[0];
    if (first !== undefined && run.some(isInlineContent)) {
      const p = element('p');
      replaceWith(first, [p]);
      for (const node of run) appendChild(p, node);
    }
    run = [];
  };
  for (const child of [...container.children]) {
    if (isBlock(child)) {
      flush();
    } else if (child.kind === 'element' && descendants(child).some(isBlock)) {
      flush();
      wrapLooseInline(child);
    } else {
      run.push(child);
    }
  }
  flush();
}

function isInlineContent(node: HtmlNode): boolean {
  if (node.kind === 'text') return node.text.trim() !== '';
  return node.kind === 'element' && node.name !== 'img' && node.name !== 'br';
}

function checkUrls(root: HtmlElement, options: PrepareOptions): void {
  for (const el of descendants(root)) {
    if (el.name === 'a') checkLink(el, options.report);
    else if (el.name === 'img') checkImage(el, options);
  }
}

function checkLink(a: HtmlElement, report: (what: string) => void): void {
  const href = a.attribs['href'];
  if (href === undefined) {
    unwrap(a); // Word bookmarks (<a name="_Toc…">) and anchors: text only
    return;
  }
  const verdict = checkHref(href);
  if (verdict.ok) {
    a.attribs['href'] = verdict.url;
    return;
  }
  report(verdict.reason);
  unwrap(a);
}

function checkImage(img: HtmlElement, options: PrepareOptions): void {
  const verdict = checkImageSrc(img.attribs['src'] ?? '', options.imagePlaceholders);
  if (verdict.ok) {
    img.attribs['src'] = verdict.url;
    return;
  }
  options.report(verdict.reason);
  detach(img);
}

// ---- whitespace ------------------------------------------------------------

/**
 * NFC everywhere; outside <pre>, whitespace runs (Word wraps its HTML source
 * at 80 columns, &nbsp; runs for indentation) become one space, and spaces at
 * the start and end of a line are dropped.
 */
function normalizeWhitespace(root: HtmlElement): void {
  const line = new LineState();
  visitFlow(root, line);
  line.end();
}

class LineState {
  private last: HtmlText | null = null;
  private atStart = true;

  /** Collapse a text node into the current line. */
  add(node: HtmlText): void {
    let text = toNfc(node.text).replace(/\s+/g, ' ');
    if (this.atStart || this.last?.text.endsWith(' ')) text = text.replace(/^ /, '');
    node.text = text;
    if (text === '') {
      detach(node);
      return;
    }
    this.last = node;
    this.atStart = false;
  }

  /** An image or other non-text content: a space after it is significant. */
  content(): void {
    this.last = null;
    this.atStart = false;
  }

  end(): void {
    if (this.last !== null) {
      this.last.text = this.last.text.replace(/ $/, '');
      if (this.last.text === '') detach(this.last);
    }
    this.last = null;
    this.atStart = true;
  }
}

function visitFlow(el: HtmlElement, line: LineState): void {
  for (const child of [...el.children]) {
    if (child.kind === 'text') line.add(child);
    else if (child.kind !== 'element') continue;
    else if (PRESERVE_WHITESPACE.has(child.name)) {
      line.end();
      nfcOnly(child);
    } else if (isBlock(child) || child.name === 'br') {
      line.end();
      visitFlow(child, line);
      line.end();
    } else if (child.name === 'img') {
      line.content();
    } else {
      visitFlow(child, line);
    }
  }
}

function nfcOnly(el: HtmlElement): void {
  for (const child of el.children) {
    if (child.kind === 'text') child.text = toNfc(child.text);
    else if (child.kind === 'element') nfcOnly(child);
  }
}

// ---- empty elements --------------------------------------------------------

// Kept even when empty: table cells hold the grid together; br, hr and img
// are content.
const KEEP_EMPTY: ReadonlySet<string> = new Set(['td', 'th', 'tr', 'thead', 'tbody', 'tfoot', 'table', 'br', 'hr', 'img']);

function removeEmpty(root: HtmlElement): void {
  for (const el of descendants(root).reverse()) {
    if (KEEP_EMPTY.has(el.name) || el.parent === null) continue;
    trimLineBreaks(el);
    if (isEmpty(el)) detach(el);
  }
  trimLineBreaks(root);
}

function isEmpty(el: HtmlElement): boolean {
  if (descendants(el).some((d) => d.name === 'img' || d.name === 'hr' || d.name === 'table')) return false;
  const text = textContent(el);
  // Whitespace between two words inside <strong> </strong> still matters.
  return isBlock(el) || el.name === 'a' ? text.trim() === '' : text === '';
}

/** <br> at the start or end of a block only adds blank space. */
function trimLineBreaks(el: HtmlElement): void {
  if (!isBlock(el) && el.name !== '#root') return;
  const edge = (pick: () => HtmlNode | undefined): void => {
    for (let node = pick(); isElement(node, 'br'); node = pick()) detach(node);
  };
  edge(() => el.children[0]);
  edge(() => el.children.at(-1));
}
