// What a site search is remembered as: only the words, folded, per day, and
// never words that look like someone's personal data. Pure: no I/O.
import { findPersonalData } from '../citizens/personal-data.ts';
import { fold } from '../vietnamese/index.ts';

/** The longest query kept (characters of the display form). */
export const QUERY_MAX = 80;

export interface RememberedQuery {
  /** Lower case, no diacritics, single spaces: groups "Hộ chiếu" with "ho chieu". */
  folded: string;
  /** NFC, trimmed, single spaces, capped: what the board reads. */
  display: string;
}

/** Nine or more digits in a row (a phone, an identity or a social insurance number). */
const LONG_NUMBER = /\d[\d .-]{7,}\d/;

/**
 * The query to remember, or null: an empty query, or one that looks like
 * personal data (a phone number, an e-mail address, an identity number) —
 * people paste their own details into search boxes, and those must not end up
 * in the board's tables.
 */
export function rememberedQuery(raw: string): RememberedQuery | null {
  // Checked whole before it is cut: a phone number at the end of a long query must not be cut short of looking like one.
  const whole = raw.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, 1000);
  if (LONG_NUMBER.test(whole) || whole.includes('@')) return null;
  if (findPersonalData(whole, {}).some((f) => f.kind !== 'name' && f.kind !== 'address')) return null;
  const display = whole.slice(0, QUERY_MAX).trim();
  if (!display) return null;
  const folded = fold(display);
  return folded ? { folded, display } : null;
}
