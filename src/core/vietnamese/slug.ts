import { fold } from './fold.ts';

const NON_SLUG = /[^a-z0-9]+/g;
const EDGE_DASHES = /^-+|-+$/g;

/**
 * URL slug from a Vietnamese title:
 * "Quyết định số 42/2022/NĐ-CP" → "quyet-dinh-so-42-2022-nd-cp".
 * Longer slugs are cut at the last word boundary within maxLength; a single
 * word longer than maxLength is cut hard. Returns "" when nothing is left.
 */
export function slugify(text: string, maxLength = 80): string {
  const slug = fold(text).replace(NON_SLUG, '-').replace(EDGE_DASHES, '');
  return cutAtWord(slug, Math.floor(maxLength));
}

function cutAtWord(slug: string, maxLength: number): string {
  if (maxLength <= 0) return '';
  if (slug.length <= maxLength) return slug;
  // The char right after the cut being '-' means the cut ends a whole word.
  if (slug[maxLength] === '-') return slug.slice(0, maxLength);
  const head = slug.slice(0, maxLength);
  const lastDash = head.lastIndexOf('-');
  return lastDash > 0 ? head.slice(0, lastDash) : head;
}
