// Highlighted excerpts for search results, as safe HTML. Matching is done on
// folded text, exactly as the index matches, but the marks go around the
// original characters: "Hà Nội" is what the visitor sees for "ha noi".

import type { ParsedQuery } from './query.ts';
import { MAX_WORD_LENGTH } from './words.ts';

interface Range {
  start: number;
  end: number;
}

/** Folded text plus, for each of its characters, where it came from in the original. */
interface FoldMap {
  folded: string;
  starts: Int32Array;
  ends: Int32Array;
}

const ELLIPSIS = '…';
const COMBINING = /^\p{M}$/u;
const MARKS = /\p{M}/gu;
// Removed by toNfc before folding, so they must not split a word here either.
const INVISIBLE = /^[\u200B\u200C\u200D\u2060\uFEFF]/;

/**
 * A long text is folded from its start first: the first match is usually near it, and folding a
 * whole body for each result was ~15 % of a search page's CPU. The head's answer is used only when
 * its window ends HEAD_MARGIN before the cut, where it is the whole text's answer (a test holds the
 * two to the same output); only a phrase whose words are apart by more than that margin of
 * punctuation could lose its mark at the window's end.
 */
const HEAD_CHARS = 800;
const HEAD_MARGIN = 500;

/** About `maxChars` of the text around the first match, escaped, matches in <mark>. */
export function snippet(text: string, query: ParsedQuery, maxChars = 220): string {
  return snippetFromHead(text, query, maxChars) ?? wholeSnippet(text, query, maxChars);
}

/** The snippet found by folding the whole text (what `snippet` answers in every case). */
export function wholeSnippet(text: string, query: ParsedQuery, maxChars = 220): string {
  const matches = findMatches(text, query);
  if (text.length <= maxChars) return render(text, { start: 0, end: text.length }, matches);
  return framed(text, windowAround(text, matches[0] ?? null, maxChars), matches);
}

function snippetFromHead(text: string, query: ParsedQuery, maxChars: number): string | null {
  if (text.length <= HEAD_CHARS + HEAD_MARGIN + maxChars) return null;
  // Cut at a space, so no word or character is split.
  const space = text.slice(HEAD_CHARS).search(/\s/);
  if (space === -1) return null;
  const cut = HEAD_CHARS + space;
  const matches = findMatches(text.slice(0, cut), query);
  if (matches.length === 0) return null;
  const window = windowAround(text, matches[0]!, maxChars);
  return window.end + HEAD_MARGIN <= cut ? framed(text, window, matches) : null;
}

function framed(text: string, window: Range, matches: Range[]): string {
  const before = window.start > 0 ? ELLIPSIS : '';
  const after = window.end < text.length ? ELLIPSIS : '';
  return before + render(text, window, matches) + after;
}

/** The whole text escaped, matches in <mark> (for titles). */
export function highlight(text: string, query: ParsedQuery): string {
  return render(text, { start: 0, end: text.length }, findMatches(text, query));
}

// ---- matching --------------------------------------------------------------

/** Ranges of the original text matching a query word or phrase, sorted and merged. */
function findMatches(text: string, query: ParsedQuery): Range[] {
  const map = foldWithOffsets(text);
  const found: Range[] = [];
  for (const tokens of [...query.phrases, ...query.words.map((w) => [w])]) {
    for (const m of map.folded.matchAll(tokenRegex(tokens))) {
      const first = m.index;
      const last = first + m[0].length - 1;
      found.push({ start: map.starts[first]!, end: map.ends[last]! });
    }
  }
  return mergeRanges(text, found);
}

/** Whole folded words in sequence, with any separators between them. */
function tokenRegex(tokens: string[]): RegExp {
  const last = tokens.at(-1) ?? '';
  // A word cut to the maximum length stands for any longer word it begins: mark all of that word.
  const after = last.length >= MAX_WORD_LENGTH ? '[a-z0-9]*' : '(?![a-z0-9])';
  return new RegExp(`(?<![a-z0-9])${tokens.map(escapeRegExp).join('[^a-z0-9]+')}${after}`, 'g');
}

/**
 * Fold cluster by cluster (lower case, no marks, đ → d, anything else than
 * [a-z0-9] a space), remembering the original range of each folded
 * character. A Vietnamese letter, precomposed or followed by its marks,
 * folds to one letter, so the marks stay inside a highlighted word.
 */
function foldWithOffsets(text: string): FoldMap {
  // Typed arrays and char codes: a long body folds in a few milliseconds.
  const out = new FoldBuffer(text.length);
  let i = 0;
  while (i < text.length) {
    const end = clusterEnd(text, i);
    const unit = end === i + 1 ? foldUnit(text.charCodeAt(i)) : SEVERAL;
    if (unit !== SEVERAL) out.push(unit, i, end);
    else for (const char of foldCluster(text.slice(i, end))) out.push(char.charCodeAt(0), i, end);
    i = end;
  }
  return out.done();
}

/** The folded characters (as char codes) and their origins, grown as needed. */
class FoldBuffer {
  private codes: Uint16Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private length = 0;

  constructor(capacity: number) {
    this.codes = new Uint16Array(Math.max(16, capacity));
    this.starts = new Int32Array(this.codes.length);
    this.ends = new Int32Array(this.codes.length);
  }

  /** `code` < 0: the character folds to nothing. */
  push(code: number, start: number, end: number): void {
    if (code < 0) return;
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length += 1;
  }

  done(): FoldMap {
    let folded = '';
    for (let k = 0; k < this.length; k += 8192) folded += String.fromCharCode(...this.codes.subarray(k, Math.min(this.length, k + 8192)));
    return { folded, starts: this.starts.subarray(0, this.length), ends: this.ends.subarray(0, this.length) };
  }

  private grow(): void {
    const size = this.codes.length * 2;
    this.codes = copyInto(new Uint16Array(size), this.codes);
    this.starts = copyInto(new Int32Array(size), this.starts);
    this.ends = copyInto(new Int32Array(size), this.ends);
  }
}

function copyInto<T extends Uint16Array | Int32Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

/** Where the character at `start` ends, with its surrogate half and combining marks. */
function clusterEnd(text: string, start: number): number {
  let end = start + codePointLength(text, start);
  while (end < text.length && isMarkAt(text, end)) end += codePointLength(text, end);
  return end;
}

// Whether each BMP code unit is a combining mark, learnt on first sight (1: yes, 2: no).
const markUnits = new Uint8Array(0x10000);

function isMarkAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x300) return false;
  if (isHighSurrogate(code)) return COMBINING.test(codePointAt(text, at));
  if (markUnits[code] === 0) markUnits[code] = COMBINING.test(String.fromCharCode(code)) ? 1 : 2;
  return markUnits[code] === 1;
}

// Clusters of several units (a letter with combining marks, an astral character) are few: cache their folds.
const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 10_000;

// For each UTF-16 code unit: the code of the one character it folds to, or
// NOTHING, or SEVERAL (then folded as a string); UNKNOWN until first seen.
const UNKNOWN = -1;
const NOTHING = -2;
const SEVERAL = -3;
const unitFolds = new Int32Array(0x10000).fill(UNKNOWN);

/** The char code a lone code unit folds to, or a negative number for none. */
function foldUnit(code: number): number {
  let folded = unitFolds[code]!;
  if (folded === UNKNOWN) {
    const f = foldCluster(String.fromCharCode(code));
    folded = f.length === 0 ? NOTHING : f.length === 1 ? f.charCodeAt(0) : SEVERAL;
    unitFolds[code] = folded;
  }
  return folded;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function foldCluster(cluster: string): string {
  const cached = foldCache.get(cluster);
  if (cached !== undefined) return cached;
  const folded = INVISIBLE.test(cluster)
    ? ''
    : cluster.toLowerCase().normalize('NFD').replace(MARKS, '').replace(/[đð]/g, 'd').replace(/[^a-z0-9]/g, ' ');
  if (foldCache.size < FOLD_CACHE_LIMIT) foldCache.set(cluster, folded);
  return folded;
}

function codePointLength(text: string, at: number): number {
  return (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
}

function codePointAt(text: string, at: number): string {
  return String.fromCodePoint(text.codePointAt(at) ?? 0);
}

// Between two marks, only spaces or only punctuation ("Hà Nội", "42/2022"): one mark reads better.
const JOINABLE_GAP = /^(?:\s*|[^\s\p{L}\p{N}]+)$/u;

/** Sorted, overlapping ranges joined; so are ranges with a joinable gap between them. */
function mergeRanges(text: string, ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Range[] = [];
  for (const range of sorted) {
    const prev = out.at(-1);
    if (prev && (range.start <= prev.end || JOINABLE_GAP.test(text.slice(prev.end, range.start)))) {
      prev.end = Math.max(prev.end, range.end);
    } else {
      out.push({ ...range });
    }
  }
  return out;
}

// ---- windowing -------------------------------------------------------------

/** A window of about maxChars, the first match in its middle, cut between words. */
function windowAround(text: string, match: Range | null, maxChars: number): Range {
  const focus = match ?? { start: 0, end: 0 };
  const lead = Math.max(0, Math.floor((maxChars - (focus.end - focus.start)) / 2));
  let start = Math.max(0, focus.start - lead);
  const end = Math.min(text.length, start + maxChars);
  start = Math.max(0, end - maxChars);
  return {
    start: start === 0 ? 0 : startAtWord(text, start, focus.start),
    end: end === text.length ? end : endAtWord(text, end, focus.end),
  };
}

/** Moves a cut start forward past the partial word (not past `limit`). */
function startAtWord(text: string, start: number, limit: number): number {
  if (/\s/.test(text[start - 1] ?? '')) return skipSpaces(text, start);
  const gap = text.slice(start, limit).search(/\s/);
  if (gap === -1) return clusterStart(text, start);
  return skipSpaces(text, start + gap);
}

function skipSpaces(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i]!)) i += 1;
  return i;
}

/** Moves a cut end back before the partial word (not before `limit`). */
function endAtWord(text: string, end: number, limit: number): number {
  let at = end;
  while (at > limit && !/\s/.test(text[at]!)) at -= 1;
  // No space after the match up to the cut: cut inside the word, between whole characters.
  if (!/\s/.test(text[at] ?? '')) return Math.max(limit, clusterStart(text, end));
  while (at > limit && /\s/.test(text[at - 1]!)) at -= 1;
  return at;
}

/** The nearest position at or before `at` that does not split a character or its marks. */
function clusterStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && i < text.length && (/\p{M}/u.test(text[i]!) || isLowSurrogate(text.charCodeAt(i)))) i -= 1;
  return i;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

// ---- output ----------------------------------------------------------------

/** The window of the text, escaped, with the matches (clipped to it) in <mark>. */
function render(text: string, window: Range, matches: Range[]): string {
  let html = '';
  let at = window.start;
  for (const match of matches) {
    const start = Math.max(match.start, window.start);
    const end = Math.min(match.end, window.end);
    if (start >= end) continue;
    html += escapeHtml(text.slice(at, start)) + '<mark>' + escapeHtml(text.slice(start, end)) + '</mark>';
    at = end;
  }
  return html + escapeHtml(text.slice(at, window.end));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * The text a result's snippet is cut from: the parts of its summary (joined by " · ") that its body
 * does not already hold, then the body. A published question's summary is the start of its text and a
 * procedure's is its code, level, field and agency, which its text repeats: cut from both, the same
 * words showed twice in one snippet.
 */
export function snippetSource(summary: string, body: string): string {
  const extra = summary
    .split(' · ')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !body.includes(part));
  return [extra.join(' · '), body].filter(Boolean).join('\n');
}
