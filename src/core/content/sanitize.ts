// The server-side allow-list for every stored rich text. Two steps:
// prepare.ts reshapes pasted markup (Word lists, inline styles, divs,
// whitespace, URL policy), then sanitize-html enforces the allow-list tag by
// tag and attribute by attribute. Only sanitize-html's output is returned.

import sanitizeHtml from 'sanitize-html';
import { parseHtml, serializeChildren } from './html-tree.ts';
import { SILENTLY_DROPPED, prepareTree } from './prepare.ts';
import { checkHref, checkImageSrc } from './urls.ts';

export interface SanitizeResult {
  html: string;
  /** What was dropped, deduplicated, in order of first occurrence: tag names, "style attribute", "link (javascript:)"… */
  removed: string[];
}

export interface SanitizeOptions {
  /**
   * Keep `<img src="docx-image:N">` placeholders. Only for importDocx, whose
   * caller replaces them with stored URLs before anything is saved.
   */
  imagePlaceholders?: boolean;
}

export const ALLOWED_TAGS: readonly string[] = [
  'p', 'h2', 'h3', 'h4', 'strong', 'em', 'u', 's', 'sub', 'sup', 'blockquote', 'ul', 'ol', 'li', 'a', 'img',
  'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'br', 'hr', 'pre',
  'code',
];
const ALLOWED: ReadonlySet<string> = new Set(ALLOWED_TAGS);

const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'width', 'height'],
  th: ['scope', 'colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
};

const TABLE_SCOPES: ReadonlySet<string> = new Set(['row', 'col', 'rowgroup', 'colgroup']);
const SPAN = /^[1-9]\d{0,2}$/; // colspan/rowspan 1–999
const PIXELS = /^[1-9]\d{0,3}$/; // width/height 1–9999

export function sanitizeArticleHtml(html: string, options: SanitizeOptions = {}): SanitizeResult {
  const removed = new Set<string>();
  const report = (what: string): void => void removed.add(what);
  const imagePlaceholders = options.imagePlaceholders === true;
  const tree = parseHtml(html);
  prepareTree(tree, { imagePlaceholders, report });
  const clean = sanitizeHtml(serializeChildren(tree), allowList(imagePlaceholders, report));
  return { html: clean.trim().normalize('NFC'), removed: [...removed] };
}

function allowList(imagePlaceholders: boolean, report: (what: string) => void): sanitizeHtml.IOptions {
  return {
    allowedTags: [...ALLOWED_TAGS],
    // rel is never taken from input (filterAttributes drops it) but set by us.
    allowedAttributes: { ...ALLOWED_ATTRIBUTES, a: [...(ALLOWED_ATTRIBUTES['a'] ?? []), 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: imagePlaceholders ? ['https', 'docx-image'] : ['https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    // prepare.ts already removed these with their content; this is the
    // backstop should markup reach here another way.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'xmp', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'title', 'head', 'xml', 'form', 'select', 'button'],
    selfClosing: ['img', 'br', 'hr'],
    parseStyleAttributes: false, // no style attribute survives; no need for postcss
    transformTags: {
      '*': (tagName, attribs) => ({ tagName, attribs: filterAttributes(tagName, attribs, imagePlaceholders, report) }),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && frame.attribs['src'] === undefined,
  };
}

/** Keep only allowed attributes with well-formed values; report the rest. */
function filterAttributes(
  tag: string,
  attribs: sanitizeHtml.Attributes,
  imagePlaceholders: boolean,
  report: (what: string) => void,
): sanitizeHtml.Attributes {
  if (!ALLOWED.has(tag)) {
    if (!SILENTLY_DROPPED.has(tag)) report(tag);
    return {};
  }
  const allowed = ALLOWED_ATTRIBUTES[tag] ?? [];
  const out: sanitizeHtml.Attributes = {};
  for (const [name, value] of Object.entries(attribs)) {
    const kept = allowed.includes(name) ? cleanValue(name, value, imagePlaceholders) : null;
    if (kept !== null) out[name] = kept;
    else if (name !== 'rel') report(`${name} attribute`); // rel is ours to set, not a loss
  }
  if (tag === 'a' && out['href'] !== undefined && isExternal(out['href'])) out['rel'] = 'noopener noreferrer';
  return out;
}

function cleanValue(name: string, value: string, imagePlaceholders: boolean): string | null {
  switch (name) {
    case 'href': {
      const verdict = checkHref(value);
      return verdict.ok ? verdict.url : null;
    }
    case 'src': {
      const verdict = checkImageSrc(value, imagePlaceholders);
      return verdict.ok ? verdict.url : null;
    }
    case 'scope':
      return TABLE_SCOPES.has(value.trim().toLowerCase()) ? value.trim().toLowerCase() : null;
    case 'colspan':
    case 'rowspan':
      return SPAN.test(value.trim()) ? value.trim() : null;
    case 'width':
    case 'height':
      return PIXELS.test(value.trim()) ? value.trim() : null;
    case 'alt':
    case 'title':
      return value.normalize('NFC').replace(/\s+/g, ' ').trim();
    default:
      return value;
  }
}

function isExternal(href: string): boolean {
  const verdict = checkHref(href);
  return verdict.ok && verdict.external;
}
