// A small mutable HTML tree over htmlparser2's tokenizer, for the passes that
// need structure (Word clean-up before the allow-list, text extraction,
// highlighting). It is not a security boundary: sanitize.ts (sanitize-html)
// is. Text nodes keep their source range so a pass can splice the original
// string and leave the markup byte for byte as it was.

import { Parser } from 'htmlparser2';

export interface HtmlElement {
  kind: 'element';
  name: string;
  attribs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}

export interface HtmlText {
  kind: 'text';
  /** Decoded text (entities resolved). */
  text: string;
  /** Source range [start, end) of the raw text in the parsed string. */
  start: number;
  end: number;
  parent: HtmlElement | null;
}

/** Comments and `<!…>` / `<?…>` declarations, kept for Word's list markers. */
export interface HtmlMarker {
  kind: 'comment' | 'directive';
  data: string;
  parent: HtmlElement | null;
}

export type HtmlNode = HtmlElement | HtmlText | HtmlMarker;

export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
]);

/** Elements that start a new line of text; the rest flow inline. */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul',
]);

// Their content is not text a reader sees (raw text or foreign markup).
export const NON_TEXT_ELEMENTS: ReadonlySet<string> = new Set([
  'script', 'style', 'textarea', 'title', 'noscript', 'template', 'xmp', 'iframe', 'object', 'svg', 'math',
  'head', 'xml',
]);

export function element(name: string, attribs: Record<string, string> = {}, children: HtmlNode[] = []): HtmlElement {
  const el: HtmlElement = { kind: 'element', name, attribs, children: [], parent: null };
  for (const child of children) appendChild(el, child);
  return el;
}

export function textNode(text: string): HtmlText {
  return { kind: 'text', text, start: -1, end: -1, parent: null };
}

// Deeper elements are flattened into their ancestor at this depth (their
// text is kept): the passes over the tree recurse, and no article nests
// anywhere near this deep.
const MAX_DEPTH = 200;

/** Parse a fragment into a root element named "#root". Never throws. */
export function parseHtml(html: string): HtmlElement {
  const root = element('#root');
  let current = root;
  let depth = 0;
  let flattened = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (depth >= MAX_DEPTH) {
          flattened++;
          return;
        }
        const el = element(name, copyAttribs(attribs));
        appendChild(current, el);
        current = el;
        depth++;
      },
      onclosetag() {
        // htmlparser2 closes implied elements itself, so events nest.
        if (flattened > 0) {
          flattened--;
          return;
        }
        current = current.parent ?? root;
        depth--;
      },
      ontext(text) {
        addText(current, text, parser.startIndex, parser.endIndex + 1);
      },
      oncomment(data) {
        appendChild(current, { kind: 'comment', data, parent: null });
      },
      onprocessinginstruction(_name, data) {
        appendChild(current, { kind: 'directive', data, parent: null });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return root;
}

function copyAttribs(attribs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attribs)) out[name] = value;
  return out;
}

// htmlparser2 reports "a&amp;b" as three text events; one node per run keeps
// words whole for the passes that match text.
function addText(parent: HtmlElement, text: string, start: number, end: number): void {
  const last = parent.children.at(-1);
  if (last?.kind === 'text' && last.end === start) {
    last.text += text;
    last.end = end;
    return;
  }
  appendChild(parent, { kind: 'text', text, start, end, parent: null });
}

// ---- mutation ---------------------------------------------------------------

export function appendChild(parent: HtmlElement, child: HtmlNode): void {
  detach(child);
  child.parent = parent;
  parent.children.push(child);
}

export function detach(node: HtmlNode): void {
  const parent = node.parent;
  if (parent === null) return;
  const index = parent.children.indexOf(node);
  if (index >= 0) parent.children.splice(index, 1);
  node.parent = null;
}

/** Put `nodes` where `node` was. */
export function replaceWith(node: HtmlNode, nodes: HtmlNode[]): void {
  const parent = node.parent;
  if (parent === null) return;
  const index = parent.children.indexOf(node);
  for (const n of nodes) detach(n);
  parent.children.splice(index, 1, ...nodes);
  for (const n of nodes) n.parent = parent;
  node.parent = null;
}

/** Remove the element but keep its children in its place. */
export function unwrap(el: HtmlElement): void {
  replaceWith(el, [...el.children]);
}

/** Move all children of `el` into a new element `name` inside it. */
export function wrapChildren(el: HtmlElement, name: string): HtmlElement {
  const wrapper = element(name, {}, [...el.children]);
  appendChild(el, wrapper);
  return wrapper;
}

// ---- reading ---------------------------------------------------------------

export function isElement(node: HtmlNode | null | undefined, name?: string): node is HtmlElement {
  return node?.kind === 'element' && (name === undefined || node.name === name);
}

export function isBlock(node: HtmlNode): boolean {
  return node.kind === 'element' && BLOCK_ELEMENTS.has(node.name);
}

/** Every element below `root` in document order (a snapshot: safe to mutate while iterating). */
export function descendants(root: HtmlElement): HtmlElement[] {
  const out: HtmlElement[] = [];
  const visit = (el: HtmlElement): void => {
    for (const child of el.children) {
      if (child.kind !== 'element') continue;
      out.push(child);
      visit(child);
    }
  };
  visit(root);
  return out;
}

/** Concatenated decoded text below `node`, skipping non-text elements. */
export function textContent(node: HtmlNode): string {
  if (node.kind === 'text') return node.text;
  if (node.kind !== 'element' || NON_TEXT_ELEMENTS.has(node.name)) return '';
  return node.children.map(textContent).join('');
}

export function hasAncestor(node: HtmlNode, names: ReadonlySet<string>): boolean {
  for (let p = node.parent; p !== null; p = p.parent) if (names.has(p.name)) return true;
  return false;
}

// ---- serialising -----------------------------------------------------------

// Names htmlparser2 accepts but that would break out of a tag if echoed.
const SAFE_ATTRIBUTE_NAME = /^[^\s"'<>/=\u0000-\u001F\u007F]+$/;

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/** HTML of the children of `root` (comments and declarations are dropped). */
export function serializeChildren(root: HtmlElement): string {
  return root.children.map(serializeNode).join('');
}

export function serializeNode(node: HtmlNode): string {
  if (node.kind === 'text') return escapeText(node.text);
  if (node.kind !== 'element') return '';
  let attrs = '';
  for (const [name, value] of Object.entries(node.attribs)) {
    if (SAFE_ATTRIBUTE_NAME.test(name)) attrs += ` ${name}="${escapeAttribute(value)}"`;
  }
  if (VOID_ELEMENTS.has(node.name)) return `<${node.name}${attrs}>`;
  return `<${node.name}${attrs}>${serializeChildren(node)}</${node.name}>`;
}
