import { toNfc } from './normalize.ts';

const COMBINING_MARK = /\p{M}/gu;
// đ has no Unicode decomposition, so stripping marks leaves it; ð (U+00F0,
// lowercase of Ð U+00D0) is often typed for Đ by old fonts and keyboards.
const D_WITH_STROKE = /[đð]/g;
const WHITESPACE = /\s+/g;

/**
 * Diacritic- and case-insensitive key for search and matching:
 * "ĐẮK LẮK" → "dak lak", "  Hà   Nội " → "ha noi". NFD input folds the same.
 */
export function fold(text: string): string {
  return toNfc(text)
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARK, '')
    .replace(D_WITH_STROKE, 'd')
    .replace(WHITESPACE, ' ')
    .trim();
}

export interface FoldedText {
  folded: string;
  /** For each UTF-16 unit of `folded`, the range of the original character. */
  starts: number[];
  ends: number[];
}

/**
 * Fold text character by character (as fold() does to the whole pattern:
 * lower case, no marks, đ → d) while remembering where each folded
 * character came from, so a match maps back to the original text.
 */
export function foldWithOffsets(text: string): FoldedText {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const char of text) {
    const next = offset + char.length;
    const f = /\s/.test(char) ? char : char.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[đð]/g, 'd');
    for (const unit of f) {
      folded += unit;
      for (let i = 0; i < unit.length; i++) {
        starts.push(offset);
        ends.push(next);
      }
    }
    offset = next;
  }
  return { folded, starts, ends };
}

// Word characters after folding: a term must not start or end inside a word.
const WORD_CHAR = '[\\p{L}\\p{N}]';

/**
 * A regex over a folded text (foldWithOffsets) that finds the words of
 * `term`, folded, as whole words. Words are separated by spaces on one line,
 * not across cells or lines (htmlToText puts those on different lines or
 * tab-separated).
 */
export function foldedTermRegex(term: string): RegExp | null {
  const words = fold(term).split(' ').filter((w) => w !== '');
  if (words.length === 0) return null;
  const body = words.map(escapeRegExp).join('[^\\S\\n\\t]+');
  const first = words[0]!;
  const last = words.at(-1)!;
  const before = /^[\p{L}\p{N}]/u.test(first) ? `(?<!${WORD_CHAR})` : '';
  const after = /[\p{L}\p{N}]$/u.test(last) ? `(?!${WORD_CHAR})` : '';
  return new RegExp(before + body + after, 'gu');
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** Where a regex of foldedTermRegex matches, as ranges of the original text. */
export function findFolded({ folded, starts, ends }: FoldedText, regex: RegExp): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of folded.matchAll(regex)) {
    if (m[0] === '') continue;
    const first = m.index;
    const last = m.index + m[0].length - 1;
    out.push({ start: starts[first]!, end: ends[last]! });
  }
  return out;
}
