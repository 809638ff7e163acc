// Screening for prohibited content (requirements §3): a site's list of
// prohibited terms and link patterns flags an item for its reviewer, with
// the matches shown in context and highlighted. It never blocks anything,
// so it errs towards flagging: terms match without diacritics ("bạc" also
// flags "bác"), and the reviewer decides.

import { findFolded, foldedTermRegex, foldWithOffsets, type FoldedText } from '../vietnamese/index.ts';
import {
  type HtmlElement,
  type HtmlNode,
  type HtmlText,
  NON_TEXT_ELEMENTS,
  element,
  isBlock,
  parseHtml,
  replaceWith,
  serializeChildren,
  textNode,
  wrapChildren,
} from './html-tree.ts';
import { sanitizeArticleHtml } from './sanitize.ts';
import { extractLinks, htmlToText } from './text.ts';
import { hostAndPath } from './urls.ts';

export interface ScreeningRule {
  id: number;
  kind: 'term' | 'link';
  pattern: string;
  note: string | null;
}

export type ScreeningField = 'title' | 'summary' | 'body';

export interface ScreeningMatch {
  ruleId: number;
  kind: 'term' | 'link';
  pattern: string;
  field: ScreeningField;
  /** About 60 characters of plain text around the match. */
  excerpt: string;
  /** The text as written (a term) or the URL (a link). */
  matched: string;
}

export interface ScreeningInput {
  title: string;
  summary: string;
  html: string;
}

interface Range {
  start: number;
  end: number;
}

interface Matcher {
  rule: ScreeningRule;
  find: (subject: Subject) => Range[];
  /** Link rules only: does this href match? */
  url?: (href: string) => boolean;
}

/** A text to search, folded once however many rules look at it. */
class Subject {
  private foldCache: FoldedText | null = null;
  constructor(readonly text: string) {}

  get folded(): FoldedText {
    this.foldCache ??= foldWithOffsets(this.text);
    return this.foldCache;
  }
}


// ---- rules -----------------------------------------------------------------

function compile(rules: readonly ScreeningRule[]): Matcher[] {
  const out: Matcher[] = [];
  for (const rule of rules) {
    if (rule.kind === 'term') {
      const regex = foldedTermRegex(rule.pattern);
      if (regex !== null) out.push({ rule, find: (subject) => findFolded(subject.folded, regex) });
    } else {
      const pattern = parseLinkPattern(rule.pattern);
      if (pattern === null) continue;
      const url = (href: string): boolean => linkMatches(href, pattern);
      const find = (subject: Subject): Range[] =>
        findUrls(subject.text).filter((r) => url(subject.text.slice(r.start, r.end)));
      out.push({ rule, find, url });
    }
  }
  return out;
}

interface LinkPattern {
  host: string;
  subdomainsOnly: boolean;
  path: string;
}

/** "example.com", "*.example.com", "example.com/bad", with or without "https://". */
function parseLinkPattern(pattern: string): LinkPattern | null {
  let rest = pattern.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const subdomainsOnly = rest.startsWith('*.');
  if (subdomainsOnly) rest = rest.slice(2);
  const slash = rest.indexOf('/');
  const hostPart = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash);
  if (hostPart === '' || /[\s*@]/.test(hostPart)) return null;
  // Through the URL parser so IDN hosts compare in the same (punycode) form.
  const parsed = hostAndPath(`http://${hostPart}/`);
  if (parsed === null) return null;
  return { host: parsed.host, subdomainsOnly, path: path === '/' ? '' : path };
}

function linkMatches(href: string, pattern: LinkPattern): boolean {
  const url = hostAndPath(href);
  if (url === null) return false; // site-relative, mailto:, tel:
  const sub = url.host.endsWith(`.${pattern.host}`);
  const hostOk = pattern.subdomainsOnly ? sub : sub || url.host === pattern.host;
  return hostOk && url.path.startsWith(pattern.path);
}

// URLs written out in text ("xem tại https://…"), stopping before closing
// punctuation that usually ends a sentence rather than the URL.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'“”‘’]+[^\s<>"'“”‘’.,;:!?)\]}]/giu;

function findUrls(text: string): Range[] {
  return [...text.matchAll(URL_IN_TEXT)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

// ---- screening ---------------------------------------------------------------

/** Every occurrence of every rule in the title, summary and body, in that order. */
export function screen(input: ScreeningInput, rules: ScreeningRule[]): ScreeningMatch[] {
  const matchers = compile(rules);
  const body = htmlToText(input.html);
  const fields: [ScreeningField, string][] = [
    ['title', input.title],
    ['summary', input.summary],
    ['body', body],
  ];
  const out: ScreeningMatch[] = [];
  for (const [field, text] of fields) out.push(...screenText(field, text, matchers));
  out.push(...screenLinks(input.html, body, matchers));
  return out;
}

function screenText(field: ScreeningField, text: string, matchers: Matcher[]): ScreeningMatch[] {
  const found: (ScreeningMatch & Range)[] = [];
  const subject = new Subject(text);
  for (const { rule, find } of matchers) {
    for (const range of find(subject)) {
      found.push({ ...matchOf(rule, field, excerpt(text, range), text.slice(range.start, range.end)), ...range });
    }
  }
  found.sort((a, b) => a.start - b.start || a.ruleId - b.ruleId);
  return found.map(({ start: _s, end: _e, ...match }) => match);
}

/** Link targets (hrefs) in the body, unless the same URL is written out in the text. */
function screenLinks(html: string, bodyText: string, matchers: Matcher[]): ScreeningMatch[] {
  const inText = new Set(findUrls(bodyText).map((r) => bodyText.slice(r.start, r.end)));
  const out: ScreeningMatch[] = [];
  for (const href of extractLinks(html)) {
    if (inText.has(href)) continue;
    for (const { rule, url } of matchers) {
      if (url?.(href) === true) out.push(matchOf(rule, 'body', shorten(href), href));
    }
  }
  return out;
}

function matchOf(rule: ScreeningRule, field: ScreeningField, excerptText: string, matched: string): ScreeningMatch {
  return { ruleId: rule.id, kind: rule.kind, pattern: rule.pattern, field, excerpt: excerptText, matched };
}

const CONTEXT = 30; // characters each side: about 60 around the match

function excerpt(text: string, range: Range): string {
  let start = Math.max(0, range.start - CONTEXT);
  let end = Math.min(text.length, range.end + CONTEXT);
  // Widen to whole words so the excerpt does not start mid-syllable.
  while (start > 0 && /\S/.test(text.charAt(start - 1)) && range.start - start < CONTEXT + 15) start--;
  while (end < text.length && /\S/.test(text.charAt(end)) && end - range.end < CONTEXT + 15) end++;
  const core = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${core}${end < text.length ? '…' : ''}`;
}

function shorten(text: string): string {
  return text.length <= 2 * CONTEXT + 20 ? text : `${text.slice(0, 2 * CONTEXT + 19)}…`;
}

// ---- highlighting --------------------------------------------------------------

/**
 * The body HTML with every matched term occurrence (and URL written out in
 * text) wrapped in <mark class="screening-hit" data-rule="ID">, and the text
 * of every matching link wrapped the same way. Marks only ever wrap part of
 * one text node or the content of one link, so the markup stays valid; the
 * input is re-sanitized first, so the output is safe to render.
 */
export function highlightMatches(html: string, matches: ScreeningMatch[] | ScreeningRule[]): string {
  const matchers = compile(rulesOf(matches));
  const { html: clean } = sanitizeArticleHtml(html);
  if (matchers.length === 0) return clean;
  const root = parseHtml(clean);
  markLinks(root, matchers);
  for (const run of textRuns(root)) markRun(run, matchers);
  return serializeChildren(root);
}

function rulesOf(items: ScreeningMatch[] | ScreeningRule[]): ScreeningRule[] {
  const byId = new Map<number, ScreeningRule>();
  for (const item of items) {
    const rule = 'ruleId' in item ? { id: item.ruleId, kind: item.kind, pattern: item.pattern, note: null } : item;
    byId.set(rule.id, rule);
  }
  return [...byId.values()];
}

function markElement(id: number, children: HtmlNode[] = []): HtmlElement {
  return element('mark', { class: 'screening-hit', 'data-rule': String(id) }, children);
}

function markLinks(root: HtmlElement, matchers: Matcher[]): void {
  const visit = (el: HtmlElement): void => {
    for (const child of el.children) {
      if (child.kind !== 'element') continue;
      const href = child.name === 'a' ? child.attribs['href'] : undefined;
      const hit = href === undefined ? undefined : matchers.find((m) => m.url?.(href) === true);
      if (hit !== undefined) {
        const mark = wrapChildren(child, 'mark');
        mark.attribs = markElement(hit.rule.id).attribs;
      } else visit(child);
    }
  };
  visit(root);
}

/** Text nodes of one line of text: a block's own inline text, split at <br>. */
function textRuns(root: HtmlElement): HtmlText[][] {
  const runs: HtmlText[][] = [];
  let run: HtmlText[] = [];
  const cut = (): void => {
    if (run.length > 0) runs.push(run);
    run = [];
  };
  const visit = (el: HtmlElement): void => {
    for (const child of el.children) {
      if (child.kind === 'text') run.push(child);
      else if (child.kind !== 'element' || NON_TEXT_ELEMENTS.has(child.name) || child.name === 'mark') cut();
      else if (isBlock(child) || child.name === 'br') {
        cut();
        visit(child);
        cut();
      } else visit(child);
    }
  };
  visit(root);
  cut();
  return runs;
}

function markRun(run: HtmlText[], matchers: Matcher[]): void {
  const subject = new Subject(run.map((t) => t.text).join(''));
  const hits = nonOverlapping(
    matchers.flatMap(({ rule, find }) => find(subject).map((range) => ({ ...range, id: rule.id }))),
  );
  if (hits.length === 0) return;
  let offset = 0;
  for (const node of run) {
    const start = offset;
    offset += node.text.length;
    const inside = hits.filter((h) => h.start < offset && h.end > start);
    if (inside.length > 0) splitAndMark(node, start, inside);
  }
}

function nonOverlapping<T extends Range>(hits: T[]): T[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: T[] = [];
  for (const hit of hits) if (out.length === 0 || hit.start >= out.at(-1)!.end) out.push(hit);
  return out;
}

/** Replace a text node by its pieces, the matched ones inside marks. */
function splitAndMark(node: HtmlText, nodeStart: number, hits: (Range & { id: number })[]): void {
  const pieces: (HtmlText | HtmlElement)[] = [];
  let at = 0;
  for (const hit of hits) {
    const from = Math.max(hit.start - nodeStart, 0);
    const to = Math.min(hit.end - nodeStart, node.text.length);
    // Spaces at the edge of a piece (a match split across tags) stay outside the mark.
    const piece = node.text.slice(from, to);
    const trimmed = piece.trim();
    if (trimmed === '') continue;
    const markFrom = from + piece.length - piece.trimStart().length;
    if (markFrom > at) pieces.push(textNode(node.text.slice(at, markFrom)));
    pieces.push(markElement(hit.id, [textNode(trimmed)]));
    at = markFrom + trimmed.length;
  }
  if (at < node.text.length) pieces.push(textNode(node.text.slice(at)));
  replaceWith(node, pieces);
}
