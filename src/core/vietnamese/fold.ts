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
