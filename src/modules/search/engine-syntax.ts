// The parsed query in each engine's own syntax. Both strings are bound as
// parameters, never spliced into SQL; and they are made only of tokens
// [a-z0-9]+ (parseQuery guarantees it, `token` re-checks it), so nothing a
// visitor types can become an operator, a column filter or a prefix search.

import type { ParsedQuery } from '../../core/search/index.ts';

const TOKEN = /^[a-z0-9]+$/;

function token(word: string): string {
  if (!TOKEN.test(word)) throw new Error(`Not a search token: ${JSON.stringify(word)}`);
  return word;
}

/**
 * FTS5: every word and phrase a quoted string, joined by spaces (implicit
 * AND): `"ha" "noi" "dang vien"`. A phrase matches consecutive tokens within
 * one column, i.e. in the title or in the body, as required.
 */
export function ftsMatchQuery(query: ParsedQuery): string {
  const words = query.words.map((w) => `"${token(w)}"`);
  const phrases = query.phrases.map((p) => `"${p.map(token).join(' ')}"`);
  return [...words, ...phrases].join(' ');
}

/**
 * PostgreSQL to_tsquery('simple', …): `ha & noi & (dang:A <-> vien:A | dang:B <-> vien:B)`.
 * The tsvector is title (weight A) || body (weight B), which puts the last
 * title word next to the first body word; pinning every phrase word to one
 * weight keeps a phrase from running across the two, as in FTS5.
 */
export function tsQuery(query: ParsedQuery): string {
  const words = query.words.map(token);
  const phrases = query.phrases.map((p) => `(${phraseIn(p, 'A')} | ${phraseIn(p, 'B')})`);
  return [...words, ...phrases].join(' & ');
}

function phraseIn(phrase: string[], weight: 'A' | 'B'): string {
  return phrase.map((w) => `${token(w)}:${weight}`).join(' <-> ');
}
