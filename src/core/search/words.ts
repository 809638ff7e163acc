// The words both search engines see. Text is folded (no diacritics, đ → d,
// lower case) into ASCII words separated by single spaces, so SQLite's FTS5
// unicode61 tokenizer and PostgreSQL's 'simple' configuration split it the
// same way. A few PostgreSQL limits would still make the engines disagree on
// long or odd text; `indexedFields` trims the indexed text so none is reached.

import { fold } from '../vietnamese/index.ts';

/** Longer words are cut to this many characters, in the index and in queries. */
export const MAX_WORD_LENGTH = 40;

// PostgreSQL keeps at most 256 positions of a word per document (255 per
// to_tsvector call); later occurrences would be unknown to its phrase search.
const MAX_OCCURRENCES = 255;
// PostgreSQL positions stop at 16,383 and a tsvector is at most 1 MB: the
// title plus the body stay well under both (12,000 words of ≤ 40 letters).
const MAX_TITLE_WORDS = 1_000;
const MAX_BODY_WORDS = 12_000;

// PostgreSQL's parser reads "12e3abc" as the number "12e3" then the word
// "abc", where FTS5 sees one token; splitting it ourselves makes both agree.
const SCIENTIFIC_PREFIX = /^(\d+e\d+)(?=[a-z])/;

/** Folded text as ASCII words [a-z0-9]+ separated by single spaces. */
export function foldedWords(text: string): string {
  return fold(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** The tokens of a text as both engines index them (split and cut as above). */
export function searchTokens(text: string): string[] {
  const out: string[] = [];
  for (const word of foldedWords(text).split(' ')) {
    if (word === '') continue;
    const scientific = SCIENTIFIC_PREFIX.exec(word);
    const parts = scientific ? [scientific[1]!, word.slice(scientific[1]!.length)] : [word];
    for (const part of parts) out.push(part.slice(0, MAX_WORD_LENGTH));
  }
  return out;
}

export interface IndexedFields {
  foldedTitle: string;
  foldedBody: string;
}

/**
 * What a document stores for both indexes: its title's and body's tokens,
 * each cut where PostgreSQL would start dropping positions (a word's 256th
 * occurrence in title and body together, or too many words), so that every
 * indexed word and phrase is found the same on SQLite and PostgreSQL.
 */
export function indexedFields(title: string, body: string): IndexedFields {
  const seen = new Map<string, number>();
  const foldedTitle = capTokens(searchTokens(title), MAX_TITLE_WORDS, seen);
  const foldedBody = capTokens(searchTokens(body), MAX_BODY_WORDS, seen);
  return { foldedTitle, foldedBody };
}

function capTokens(tokens: string[], maxWords: number, seen: Map<string, number>): string {
  const kept: string[] = [];
  for (const token of tokens) {
    const count = (seen.get(token) ?? 0) + 1;
    if (count > MAX_OCCURRENCES || kept.length >= maxWords) break;
    seen.set(token, count);
    kept.push(token);
  }
  return kept.join(' ');
}
