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
  starts: number[];
  ends: number[];
}

const ELLIPSIS = '…';
const COMBINING = /^\p{M}$/u;
const MARKS = /\p{M}/gu;
// Removed by toNfc before folding, so they must not split a word here either.
const INVISIBLE = /^[\u200B\u200C\u200D\u2060\uFEFF]/;

/** About `maxChars` of the text around the first match, escaped, matches in <mark>. */
export function snippet(text: string, query: ParsedQuery, maxChars = 220): string {
  const matches = findMatches(text, query);
  if (text.length <= maxChars) return render(text, { start: 0, end: text.length }, matches);
  const window = windowAround(text, matches[0] ?? null, maxChars);
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
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < text.length) {
    const end = clusterEnd(text, i);
    for (const char of foldCluster(text.slice(i, end))) {
      chars.push(char);
      starts.push(i);
      ends.push(end);
    }
    i = end;
  }
  return { folded: chars.join(''), starts, ends };
}

/** Where the character at `start` ends, with its surrogate half and combining marks. */
function clusterEnd(text: string, start: number): number {
  let end = start + codePointLength(text, start);
  while (end < text.length && text.charCodeAt(end) >= 0x300 && COMBINING.test(codePointAt(text, end))) {
    end += codePointLength(text, end);
  }
  return end;
}

// Bodies are long and mostly ASCII or a few dozen Vietnamese letters: cache the fold of each cluster.
const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 10_000;

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
